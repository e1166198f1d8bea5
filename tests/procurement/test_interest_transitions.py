"""Expressions of interest: accepted only while the tender is open, evaluation, outcomes at
award, withdrawal, and providers seeing only their own."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from portal import audit
from portal.workflow import Refused, perform
from procurement import interest_workflow as iw
from procurement.models import ExpressionOfInterest, InterestState, ProcurementExercise
from tests import builders

from .conftest import (
    TODAY,
    assess,
    fresh,
    interest,
    open_plain,
    pass_deadline,
    to_evaluation,
    to_standstill,
    to_tender,
)

pytestmark = pytest.mark.django_db


def test_no_interest_before_the_tender_opens(world):
    exercise = open_plain(world)
    with pytest.raises(Refused) as refused:
        iw.start(world.provider, exercise, world.organisation)
    assert "is not open for expressions of interest" in str(refused.value)


def test_submission_gets_a_reference_and_one_audit_event(world):
    exercise = to_tender(world, open_plain(world))
    eoi = interest(world, exercise)
    assert eoi.reference == f"TRF-EI-{TODAY().year}-0001"
    assert eoi.state == InterestState.SUBMITTED
    assert [e.transition for e in audit.events_for(eoi)] == ["submit"]
    assert interest(world, exercise, "rival").reference.endswith("-0002")


def test_submission_after_the_deadline_is_refused(world):
    exercise = to_tender(world, open_plain(world))
    eoi = iw.start(world.provider, exercise, world.organisation)
    iw.save_draft(eoi, world.provider, proposal="Plan", price=1000)
    exercise = pass_deadline(exercise)
    eoi = fresh(eoi)
    with pytest.raises(Refused) as refused:
        perform("interest", eoi, "submit", world.provider)
    assert "its deadline has passed" in str(refused.value)
    assert fresh(eoi).state == InterestState.DRAFT


def test_submission_needs_a_proposal_and_a_price(world):
    exercise = to_tender(world, open_plain(world))
    eoi = iw.start(world.provider, exercise, world.organisation)
    with pytest.raises(Refused) as refused:
        perform("interest", eoi, "submit", world.provider)
    assert refused.value.problems == [
        "Enter how you would deliver the contract",
        "Enter your price, including VAT, in pounds",
    ]


def test_only_members_submit_and_one_interest_per_organisation(world):
    exercise = to_tender(world, open_plain(world))
    with pytest.raises(Refused):
        iw.start(world.rival, exercise, world.organisation)
    first = iw.start(world.provider, exercise, world.organisation)
    assert iw.start(world.provider, exercise, world.organisation).pk == first.pk
    iw.save_draft(first, world.provider, proposal="Plan", price=1000)
    with pytest.raises(Refused) as refused:
        perform("interest", first, "submit", world.rival)
    assert refused.value.problems == ["Only members of Riverside Youth Trust can do this"]


def test_providers_see_only_their_own(world):
    exercise = to_tender(world, open_plain(world))
    mine = interest(world, exercise)
    theirs = interest(world, exercise, "rival")
    assert list(ExpressionOfInterest.objects.for_body_member(world.provider)) == [mine]
    assert list(ExpressionOfInterest.objects.for_body_member(world.rival)) == [theirs]
    assert set(ExpressionOfInterest.objects.for_officer(world.officer)) == {mine, theirs}


def test_officers_do_not_see_drafts_nor_other_authorities(world, manchester):
    exercise = to_tender(world, open_plain(world))
    iw.start(world.provider, exercise, world.organisation)
    assert ExpressionOfInterest.objects.for_officer(world.officer).count() == 0
    interest(world, exercise, "rival")
    outsider = builders.staff("officer", manchester)
    assert ExpressionOfInterest.objects.for_officer(outsider).count() == 0


def test_closing_the_tender_starts_the_evaluation_of_each_interest(world):
    exercise = to_evaluation(world, open_plain(world))
    assert set(exercise.interests.values_list("state", flat=True)) == {"under_evaluation"}


def test_assessment_needs_a_score_and_a_summary(world):
    exercise = to_evaluation(world, open_plain(world))
    eoi = exercise.interests.first()
    with pytest.raises(Refused) as refused:
        perform("interest", eoi, "shortlist", world.officer, score=101, assessment_summary="")
    assert refused.value.problems == [
        "Enter a score from 0 to 100",
        "Enter the assessment summary the supplier will receive",
    ]
    with pytest.raises(Refused):
        perform("interest", eoi, "shortlist", world.provider, score=50, assessment_summary="Good")


def test_outcomes_only_at_award(world):
    exercise = to_evaluation(world, open_plain(world))
    assess(world, exercise, {world.organisation: 80, world.rival_org: 30})
    eoi = exercise.interests.get(organisation=world.organisation)
    with pytest.raises(Refused) as refused:
        perform("interest", eoi, "mark_successful", world.officer)
    assert "Outcomes are recorded when the contract is awarded" in str(refused.value)


def test_assessment_summaries_go_to_each_assessed_supplier(
    world, django_capture_on_commit_callbacks
):
    exercise = to_evaluation(world, open_plain(world))
    with django_capture_on_commit_callbacks(execute=True):
        to_standstill(world, exercise, world.organisation)
    summaries = [m for m in mail.outbox if m.subject.startswith("Assessment summary")]
    assert sorted(m.to[0] for m in summaries) == sorted([world.provider.email, world.rival.email])
    rival_mail = next(m for m in summaries if m.to == [world.rival.email])
    assert "Scored 70" in rival_mail.body
    assert "Scored 80" not in rival_mail.body  # nobody reads another supplier's summary


def test_not_shortlisted_becomes_unsuccessful_at_award(world):
    exercise = open_plain(world, regime="below_threshold", estimated_value=100_000)
    exercise = to_evaluation(world, exercise)
    assess(world, exercise, {world.organisation: 30, world.rival_org: 70})
    winning = exercise.interests.get(organisation=world.rival_org)
    perform(
        "exercise", exercise, "propose_award", world.officer, interest=winning, award_value=90_000
    )
    perform(
        "exercise",
        exercise,
        "confirm_award",
        world.decider,
        published_on=TODAY(),
        standstill_days=0,
    )
    perform("exercise", exercise, "award", world.decider, awarded_on=TODAY())
    states = dict(exercise.interests.values_list("organisation", "state"))
    assert states == {world.organisation.pk: "unsuccessful", world.rival_org.pk: "successful"}


def test_withdrawal_while_open_but_not_after_the_award_is_proposed(world):
    exercise = to_tender(world, open_plain(world))
    mine = interest(world, exercise)
    perform("interest", mine, "withdraw", world.provider, reason="Not enough staff")
    assert fresh(mine).state == InterestState.WITHDRAWN
    with pytest.raises(Refused):
        perform("interest", fresh(mine), "withdraw", world.provider)

    theirs = interest(world, exercise, "rival")
    exercise = pass_deadline(exercise)
    perform("exercise", exercise, "close_tender", world.officer)
    assess(world, exercise, {world.rival_org: 70})
    perform(
        "exercise",
        exercise,
        "propose_award",
        world.officer,
        interest=exercise.interests.get(pk=theirs.pk),
        award_value=500_000,
    )
    theirs = fresh(theirs)
    with pytest.raises(Refused) as refused:
        perform("interest", theirs, "withdraw", world.rival)
    assert "the award has been proposed" in str(refused.value)


def test_tender_is_open_only_before_the_deadline(world):
    exercise = to_tender(world, open_plain(world))
    assert exercise.tender_is_open
    ProcurementExercise.objects.filter(pk=exercise.pk).update(
        tender_deadline=timezone.now() - timedelta(seconds=1)
    )
    assert not fresh(exercise).tender_is_open
