"""The procurement exercise's machine: each transition allowed and refused, notices, the regime
against dated thresholds, standstill in working days, and the challenge's outcome."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from challenges.models import State as ChallengeState
from portal import audit
from portal.workflow import Refused, perform
from portal.working_days import UNITED_KINGDOM
from procurement import exercise_workflow as ew
from procurement.models import ExpressionOfInterest, ImmutableError, Notice, State

from .conftest import (
    TODAY,
    age_decision,
    fresh,
    open_from_challenge,
    open_plain,
    pass_deadline,
    to_evaluation,
    to_standstill,
    to_tender,
)

pytestmark = pytest.mark.django_db


def events(obj):
    return list(audit.events_for(obj).values_list("transition", flat=True))


def test_opening_from_a_challenge_before_the_minimum_period_is_refused(world, accepted):
    with pytest.raises(Refused) as refused:
        open_from_challenge(world, accepted, started_on=TODAY())
    assert "Procurement cannot start before" in str(refused.value)
    assert not accepted.__class__.objects.get(pk=accepted.pk).procurement_reference
    assert Notice.objects.count() == 0  # the whole opening rolled back


def test_opening_from_a_challenge_starts_its_procurement(world, accepted):
    challenge = age_decision(accepted)
    exercise = open_from_challenge(world, challenge)
    year = exercise.started_on.year
    assert exercise.reference == f"TRF-PR-{year}-0001"
    assert exercise.state == State.PLANNED
    challenge = fresh(challenge)
    assert challenge.state == ChallengeState.PROCUREMENT_STARTED
    assert challenge.procurement_reference == exercise.reference
    assert events(exercise) == ["open"]
    assert events(challenge)[-1] == "start_procurement"
    planning = exercise.notices.get()
    assert (planning.code, planning.tag) == ("", "planning")


def test_opening_needs_an_accepted_challenge_of_the_same_service(world, accepted):
    other = world.service.__class__.objects.exclude(pk=world.service.pk).first()
    assert other is None  # only one service: use a rejected challenge instead
    with pytest.raises(Refused) as refused:
        open_from_challenge(world, fresh(accepted), started_on=TODAY(), title="")
    assert "Enter a title for the exercise" in refused.value.problems


@pytest.mark.parametrize(
    "kind,regime,value,started,ok",
    [
        ("light_touch_services", "light_touch", 663_540, date(2026, 2, 1), True),
        ("light_touch_services", "light_touch", 663_539, date(2026, 2, 1), False),
        ("light_touch_services", "below_threshold", 663_539, date(2026, 2, 1), True),
        # goods and services: the threshold fell from £214,904 to £207,720 on 1 January 2026
        ("goods_services", "competitive", 210_000, date(2025, 12, 31), False),
        ("goods_services", "below_threshold", 210_000, date(2025, 12, 31), True),
        ("goods_services", "competitive", 210_000, date(2026, 1, 1), True),
        ("works", "competitive", 5_193_000, date(2026, 3, 1), True),
        ("works", "light_touch", 6_000_000, date(2026, 3, 1), False),
        ("health_care_services", "provider_selection", 50_000, date(2026, 3, 1), True),
        ("health_care_services", "competitive", 9_000_000, date(2026, 3, 1), False),
        # the Act applies to procurements started from 24 February 2025
        ("goods_services", "competitive", 900_000, date(2025, 2, 23), False),
    ],
)
def test_regime_against_dated_thresholds(kind, regime, value, started, ok):
    problems = ew.regime_problems(kind, regime, value, started)
    assert (problems == []) is ok, problems


def test_an_officer_opens_an_exercise_for_a_published_service(world):
    exercise = open_plain(world, regime="below_threshold", estimated_value=120_000)
    assert exercise.challenge is None
    with pytest.raises(Refused) as refused:
        open_plain(world, regime="light_touch", estimated_value=120_000)
    assert "are bought under Procurement Act 2023 Part 6" in str(refused.value)


def test_only_the_authoritys_officers_open_exercises(world, manchester):
    from tests import builders

    outsider = builders.staff("officer", manchester)
    with pytest.raises(Refused):
        ew.open_exercise(
            outsider,
            service=world.service,
            title="T",
            description="D",
            contract_kind="works",
            regime="competitive",
            estimated_value=6_000_000,
        )


def test_stages_publish_immutable_notices(world):
    exercise = open_plain(world)
    to_tender(world, exercise)
    assert list(exercise.notices.values_list("code", "tag")) == [
        ("", "planning"),
        ("UK2", "planning"),
        ("UK4", "tender"),
    ]
    notice = exercise.notices.last()
    notice.published_on = TODAY()
    with pytest.raises(ImmutableError):
        notice.save()
    with pytest.raises(ImmutableError):
        notice.delete()


def test_a_notice_date_cannot_go_back_or_forward(world):
    exercise = open_plain(world)
    with pytest.raises(Refused) as refused:
        perform(
            "exercise",
            exercise,
            "begin_market_engagement",
            world.officer,
            published_on=TODAY() + timedelta(days=1),
        )
    assert "cannot be in the future" in str(refused.value)
    assert fresh(exercise).state == State.PLANNED
    assert exercise.state == State.PLANNED  # put back in memory too


def test_open_tender_needs_a_future_deadline(world):
    exercise = open_plain(world)
    with pytest.raises(Refused) as refused:
        perform(
            "exercise",
            exercise,
            "open_tender",
            world.officer,
            published_on=TODAY(),
            tender_deadline=timezone.now() - timedelta(hours=1),
        )
    assert "must be in the future" in str(refused.value)


def test_tender_cannot_close_before_its_deadline(world):
    exercise = to_tender(world, open_plain(world))
    with pytest.raises(Refused) as refused:
        perform("exercise", exercise, "close_tender", world.officer)
    assert "The tender is open until" in str(refused.value)
    exercise = pass_deadline(exercise)
    perform("exercise", exercise, "close_tender", world.officer)
    assert fresh(exercise).state == State.EVALUATION


def test_providers_cannot_run_exercise_transitions(world):
    exercise = open_plain(world)
    with pytest.raises(Refused) as refused:
        perform(
            "exercise", exercise, "begin_market_engagement", world.provider, published_on=TODAY()
        )
    assert refused.value.problems == ["Only officers of Trafford can do this"]


def test_officers_cannot_make_the_award_decisions(world, accepted):
    exercise = to_evaluation(world, open_from_challenge(world, age_decision(accepted)))
    from .conftest import assess

    assess(world, exercise, {world.organisation: 80, world.rival_org: 60})
    winning = ExpressionOfInterest.objects.get(exercise=exercise, organisation=world.organisation)
    perform(
        "exercise", exercise, "propose_award", world.officer, interest=winning, award_value=780_000
    )
    with pytest.raises(Refused) as refused:
        perform(
            "exercise",
            exercise,
            "confirm_award",
            world.officer,
            published_on=TODAY(),
            standstill_days=8,
        )
    assert "Only a decision maker of Trafford" in str(refused.value)


def test_award_only_to_a_shortlisted_supplier_after_assessing_everyone(world):
    exercise = to_evaluation(world, open_plain(world))
    winning = ExpressionOfInterest.objects.get(exercise=exercise, organisation=world.rival_org)
    with pytest.raises(Refused) as refused:
        perform(
            "exercise", exercise, "propose_award", world.officer, interest=winning, award_value=1
        )
    assert "Award the contract only to a shortlisted supplier" in refused.value.problems
    assert "2 expressions of interest still need assessing" in refused.value.problems


def test_standstill_is_at_least_eight_working_days_unless_optional(world, accepted):
    exercise = open_from_challenge(
        world, age_decision(accepted), contract_kind="goods_services", regime="competitive"
    )
    exercise = to_evaluation(world, exercise)
    with pytest.raises(Refused) as refused:
        to_standstill(world, exercise, world.organisation, standstill_days=7)
    assert "at least 8 working days" in str(refused.value)
    exercise = fresh(exercise)
    assert exercise.state == State.AWARD_PROPOSED
    perform(
        "exercise",
        exercise,
        "confirm_award",
        world.decider,
        published_on=TODAY() - timedelta(days=20),
        standstill_days=8,
    )
    # Eight United Kingdom working days beginning with the day of the notice (s.51).
    starts = exercise.standstill_starts_on
    assert (
        UNITED_KINGDOM.working_days_between(starts - timedelta(days=1), exercise.standstill_ends_on)
        == 8
    )


def test_light_touch_below_threshold_may_skip_the_standstill(world):
    exercise = open_plain(world, regime="below_threshold", estimated_value=100_000)
    exercise = to_evaluation(world, exercise)
    exercise = to_standstill(world, exercise, world.rival_org, standstill_days=0)
    assert exercise.standstill_ends_on == exercise.standstill_starts_on
    perform("exercise", exercise, "award", world.decider, awarded_on=TODAY())
    assert fresh(exercise).state == State.AWARDED


def test_award_is_refused_during_the_standstill(world, accepted):
    exercise = to_evaluation(world, open_from_challenge(world, age_decision(accepted)))
    exercise = to_standstill(world, exercise, world.organisation)
    with pytest.raises(Refused) as refused:
        perform(
            "exercise", exercise, "award", world.decider, awarded_on=exercise.standstill_ends_on
        )
    assert "The standstill runs until the end of" in str(refused.value)


def test_full_run_won_by_the_challenger_closes_the_challenge(world, accepted):
    challenge = age_decision(accepted)
    exercise = to_evaluation(world, open_from_challenge(world, challenge))
    exercise = to_standstill(world, exercise, world.organisation)
    assert exercise.challenger_won is True
    summaries = ExpressionOfInterest.objects.filter(
        exercise=exercise, summary_sent_at__isnull=False
    )
    assert summaries.count() == 2
    perform("exercise", exercise, "award", world.decider, awarded_on=TODAY())
    challenge = fresh(challenge)
    assert challenge.state == ChallengeState.CLOSED
    assert challenge.procurement_result == "challenger_won"
    states = dict(
        ExpressionOfInterest.objects.filter(exercise=exercise).values_list("organisation", "state")
    )
    assert states == {world.organisation.pk: "successful", world.rival_org.pk: "unsuccessful"}
    perform(
        "exercise",
        exercise,
        "start_delivery",
        world.officer,
        published_on=TODAY(),
        signed_on=TODAY(),
        starts_on=TODAY() + timedelta(days=30),
        ends_on=TODAY() + timedelta(days=30 + 3 * 365),
    )
    # s.53: 120 days beginning with the day the light touch contract was entered into.
    assert exercise.contract_details_due == TODAY() + timedelta(days=119)
    perform("exercise", exercise, "close", world.officer, closed_on=TODAY() + timedelta(days=31))
    exercise = fresh(exercise)
    assert exercise.state == State.CLOSED
    assert events(exercise) == [
        "open",
        "begin_market_engagement",
        "open_tender",
        "close_tender",
        "propose_award",
        "confirm_award",
        "award",
        "start_delivery",
        "close",
    ]
    codes = list(exercise.notices.values_list("code", flat=True))
    assert codes == ["", "UK2", "UK4", "UK6", "UK7"]


def test_lost_by_the_challenger(world, accepted):
    challenge = age_decision(accepted)
    exercise = to_evaluation(world, open_from_challenge(world, challenge))
    exercise = to_standstill(world, exercise, world.rival_org)
    assert exercise.challenger_won is False
    perform("exercise", exercise, "award", world.decider, awarded_on=TODAY())
    assert fresh(challenge).procurement_result == "other_bidder_won"


def test_return_to_evaluation_clears_the_proposed_award(world):
    exercise = to_evaluation(world, open_plain(world))
    from .conftest import assess

    assess(world, exercise, {world.organisation: 80, world.rival_org: 70})
    winning = ExpressionOfInterest.objects.get(exercise=exercise, organisation=world.rival_org)
    perform(
        "exercise", exercise, "propose_award", world.officer, interest=winning, award_value=700_000
    )
    perform("exercise", exercise, "return_to_evaluation", world.decider)
    exercise = fresh(exercise)
    assert (exercise.state, exercise.supplier, exercise.award_value) == (
        State.EVALUATION,
        None,
        None,
    )


@pytest.mark.parametrize("stage", ["planned", "tender_open", "evaluation", "standstill"])
def test_cancel_with_a_reason_from_any_stage_before_award(world, accepted, stage):
    challenge = age_decision(accepted)
    exercise = open_from_challenge(world, challenge)
    if stage == "tender_open":
        exercise = to_tender(world, exercise)
    elif stage == "evaluation":
        exercise = to_evaluation(world, exercise)
    elif stage == "standstill":
        exercise = to_standstill(world, to_evaluation(world, exercise), world.organisation)
    with pytest.raises(Refused) as refused:
        perform("exercise", exercise, "cancel", world.decider, published_on=TODAY(), reason=" ")
    assert "Enter the reason for cancelling the procurement" in refused.value.problems
    perform(
        "exercise",
        exercise,
        "cancel",
        world.decider,
        published_on=TODAY(),
        reason="Budget withdrawn.",
    )
    exercise = fresh(exercise)
    assert exercise.state == State.CANCELLED
    assert exercise.notices.last().code == "UK12"
    assert exercise.notices.last().tag == "tenderCancellation"
    assert fresh(challenge).procurement_result == "not_awarded"


def test_no_cancellation_after_award(world):
    exercise = open_plain(world, regime="below_threshold", estimated_value=100_000)
    exercise = to_standstill(world, to_evaluation(world, exercise), world.rival_org, 0)
    perform("exercise", exercise, "award", world.decider, awarded_on=TODAY())
    with pytest.raises(Refused) as refused:
        perform(
            "exercise", exercise, "cancel", world.decider, published_on=TODAY(), reason="Too late"
        )
    assert "This procurement exercise is awarded" in str(refused.value)


def test_terminating_the_contract_publishes_uk11(world):
    exercise = open_plain(world, regime="below_threshold", estimated_value=100_000)
    exercise = to_standstill(world, to_evaluation(world, exercise), world.rival_org, 0)
    perform("exercise", exercise, "award", world.decider, awarded_on=TODAY())
    perform(
        "exercise",
        exercise,
        "start_delivery",
        world.officer,
        published_on=TODAY(),
        signed_on=TODAY(),
        starts_on=TODAY(),
        ends_on=TODAY() + timedelta(days=365),
    )
    assert exercise.contract_details_due == TODAY() + timedelta(days=29)  # s.53: 30 days
    with pytest.raises(Refused):
        perform(
            "exercise",
            exercise,
            "terminate_contract",
            world.officer,
            published_on=TODAY(),
            reason="x",
        )
    perform(
        "exercise",
        exercise,
        "terminate_contract",
        world.decider,
        published_on=TODAY(),
        reason="Failure.",
    )
    assert exercise.notices.last().tag == "contractTermination"


def test_contract_details_and_closing_are_checked(world):
    exercise = open_plain(world, regime="below_threshold", estimated_value=100_000)
    exercise = to_standstill(world, to_evaluation(world, exercise), world.rival_org, 0)
    perform("exercise", exercise, "award", world.decider, awarded_on=TODAY())
    with pytest.raises(Refused) as refused:
        perform(
            "exercise",
            exercise,
            "start_delivery",
            world.officer,
            published_on=TODAY(),
            signed_on=TODAY() - timedelta(days=1),
            starts_on=TODAY(),
            ends_on=TODAY(),
        )
    assert refused.value.problems == [
        "The contract cannot be signed before the award",
        "The contract must end after it starts",
    ]
    perform(
        "exercise",
        exercise,
        "start_delivery",
        world.officer,
        published_on=TODAY(),
        signed_on=TODAY(),
        starts_on=TODAY() + timedelta(days=10),
        ends_on=TODAY() + timedelta(days=400),
    )
    with pytest.raises(Refused) as refused:
        perform("exercise", exercise, "close", world.officer, closed_on=TODAY())
    assert refused.value.problems == ["The contract cannot end before it starts"]


def test_the_database_refuses_to_change_a_notice(world):
    from django.db import DatabaseError, connection, transaction

    exercise = open_plain(world)
    with pytest.raises(DatabaseError), transaction.atomic():
        Notice.objects.filter(exercise=exercise).update(published_on=TODAY())
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            Notice.objects.filter(exercise=exercise)._raw_delete(connection.alias)
    assert exercise.notices.get().published_on == exercise.started_on
