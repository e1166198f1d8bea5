"""Issue 22, the law's third pass, read in the revised text of the Localism Act 2011
(portal.law.LOCALISM_CITATIONS): the maximum period before procurement (s.83(4)(b), (7)), the
notice of when to expect the decision (s.84(6)-(7)), withdrawal after the decision (s.84(10)-(11))
and "published" counted only when every period is."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from challenges.models import Challenge, State
from portal import audit, law
from portal.models import Authority
from portal.models.authorities import timescales_unpublished_q
from portal.workflow import Refused, act, perform

from .conftest import advance
from .test_law_periods import unpublish

pytestmark = pytest.mark.django_db


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


# --- s.83(4)(b), (7): the maximum period from acceptance to the procurement exercise --------


def test_published_means_every_period(world):
    """s.83(4)(a)-(b), s.84(3): an authority with a decision period and a minimum but no maximum
    before procurement has not published its periods; with the maximum it has."""
    authority = Authority.objects.get(pk=world.authority.pk)
    assert authority.timescales_published  # the builder's 60 working days, 3 and 6 months
    assert authority.procurement_max_period_text == "6 months"
    Authority.objects.filter(pk=authority.pk).update(
        procurement_max_period=None, procurement_max_period_unit=""
    )
    authority.refresh_from_db()
    assert not authority.timescales_published and authority.timescales_partly_published
    assert authority.procurement_max_period_text == "not published"
    unpublished = Authority.objects.filter(timescales_unpublished_q())
    assert list(unpublished.values_list("code", flat=True)) == ["TRF"]


def test_the_maximum_cannot_be_shorter_than_the_minimum(world):
    from django.core.exceptions import ValidationError

    authority = Authority.objects.get(pk=world.authority.pk)
    authority.procurement_max_period = 2  # months, against a minimum of 3 months
    with pytest.raises(ValidationError) as error:
        authority.full_clean()
    assert error.value.message_dict["procurement_max_period"] == [
        "The maximum period before procurement cannot be shorter than the minimum"
    ]


def test_procurement_must_start_by_the_end_of_the_maximum(world, challenge):
    """s.83(4)(b), (7): decided 30 January 2026 with a maximum of 6 months, the exercise must
    begin by 30 July 2026; a start on 30 July is on time, on 31 July it is recorded as late."""
    advance(challenge, world, "submit", "start_assessment", "accept")
    Challenge.objects.filter(pk=challenge.pk).update(decided_at=at(date(2026, 1, 30)))
    challenge.refresh_from_db()
    assert challenge.latest_procurement_start() == date(2026, 7, 30)
    Challenge.objects.filter(pk=challenge.pk).update(procurement_due_by=date(2026, 7, 30))
    challenge.refresh_from_db()
    assert challenge.procurement_overdue  # today (after 30 July 2026) with nothing begun
    perform(
        "challenge",
        challenge,
        "start_procurement",
        world.officer,
        started_on=date(2026, 7, 31),
        procurement_reference="FTS-1",
    )
    assert challenge.procurement_started_late and not challenge.procurement_overdue
    (event,) = audit.events_for(challenge).filter(transition="start_procurement")
    assert event.changes["due_by"] == "2026-07-30" and event.changes["started_late"] is True
    on_time = Challenge(decided_at=at(date(2026, 1, 30)), procurement_started_on=date(2026, 7, 30))
    on_time.authority, on_time.received_at = challenge.authority, challenge.received_at
    assert not on_time.procurement_started_late


def test_acceptance_sets_the_procurement_due_date_and_the_task_list_shows_it(
    client, world, challenge
):
    """The acceptance stores the end of the published maximum (six months from the decision);
    the officer's task list shows it, due, then overdue from the day after it."""
    advance(challenge, world, "submit", "start_assessment", "accept")
    challenge.refresh_from_db()
    today = timezone.localdate()
    assert challenge.procurement_due_by == challenge.latest_procurement_start()
    assert challenge.procurement_due_by >= today + timedelta(days=181)
    client.force_login(world.officer)
    Challenge.objects.filter(pk=challenge.pk).update(procurement_due_by=today)
    html = client.get("/tasks/").content.decode()
    section = html.split("Procurement exercises to start by the published maximum")[1]
    assert f"procurement to start by {today:%-d %B %Y}" in section.split("</section>")[0]
    assert "Overdue" not in section.split("</section>")[0]
    Challenge.objects.filter(pk=challenge.pk).update(procurement_due_by=today - timedelta(days=1))
    html = client.get("/tasks/").content.decode()
    section = html.split("Procurement exercises to start by the published maximum")[1]
    assert "Overdue" in section.split("</section>")[0]


# --- s.84(6)-(7): the notice of when to expect the decision ---------------------------------


def test_the_notice_is_due_30_days_from_receipt_or_the_window_close():
    """s.84(7)(b): 30 days beginning with the day of receipt (2 March -> 31 March 2026);
    (7)(a): 30 days beginning immediately after the window's end (30 April -> 30 May 2026)."""
    received = Challenge(received_at=at(date(2026, 3, 2)))
    assert received.compute_expected_decision_notice_due() == date(2026, 3, 31)
    in_window = Challenge(received_at=at(date(2026, 3, 2)), window_closes_on=date(2026, 4, 30))
    assert in_window.compute_expected_decision_notice_due() == date(2026, 5, 30)
    assert law.EXPECTED_DECISION_NOTICE_DAYS == 30


def test_a_published_period_is_the_notice_given_on_receipt(world, challenge):
    """s.84(6): where a decision period was in force, the receipt email states it: the notice is
    given on the day of receipt, and no task follows."""
    advance(challenge, world, "submit")
    challenge.refresh_from_db()
    assert challenge.expected_decision_notified_on == timezone.localdate()
    assert challenge.expected_decision_notice == (
        f"Within 60 working days of receipt: by {challenge.decision_due:%-d %B %Y}"
    )
    assert not challenge.expected_decision_notice_pending


def test_without_a_period_the_notice_is_a_task_then_overdue(client, world, challenge):
    """s.84(6)-(7): with no period in force, the officer must tell the body in writing within 30
    days: a task until then, overdue the day after; recorded through the workflow."""
    unpublish(world.authority)
    advance(challenge, world, "submit")
    challenge.refresh_from_db()
    assert challenge.expected_decision_notified_on is None
    assert challenge.expected_decision_notice_due == challenge.window_closes_on + timedelta(30)
    today = timezone.localdate()
    Challenge.objects.filter(pk=challenge.pk).update(expected_decision_notice_due=today)
    challenge.refresh_from_db()
    assert challenge.expected_decision_notice_pending
    assert not challenge.expected_decision_notice_overdue
    Challenge.objects.filter(pk=challenge.pk).update(
        expected_decision_notice_due=today - timedelta(days=1)
    )
    challenge.refresh_from_db()
    assert challenge.expected_decision_notice_overdue
    client.force_login(world.officer)
    html = client.get("/tasks/").content.decode()
    section = html.split("Bodies to tell when to expect the decision")[1].split("</section>")[0]
    assert challenge.reference in section and "Overdue" in section
    with pytest.raises(Refused) as refused:
        act("challenge", challenge, "notify_expected_decision", world.officer, period=" ")
    assert refused.value.problems == [
        "Enter the period within which you expect to notify the body of the decision "
        "(Localism Act 2011 s.84(6))"
    ]
    with pytest.raises(Refused):  # the body does not give the authority's notice
        act("challenge", challenge, "notify_expected_decision", world.provider, period="Soon")
    act(
        "challenge",
        challenge,
        "notify_expected_decision",
        world.officer,
        period="Within 12 weeks of receipt",
    )
    challenge.refresh_from_db()
    assert challenge.expected_decision_notified_on == today
    assert challenge.expected_decision_notice == "Within 12 weeks of receipt"
    assert not challenge.expected_decision_notice_pending
    (event,) = audit.events_for(challenge).filter(transition="notify_expected_decision")
    assert event.changes["late"] is True
    html = client.get("/tasks/").content.decode()
    assert "Every body has been told when to expect its decision" in html


# --- s.84(10)-(11): withdrawal after the decision --------------------------------------------


def test_an_accepted_challenge_may_be_withdrawn_and_procurement_goes_ahead(world, challenge):
    """s.84(10): "whether before or after a decision"; s.84(11): the authority may still carry
    out the procurement exercise. The decision stays published."""
    advance(challenge, world, "submit", "start_assessment", "accept")
    with pytest.raises(Refused):
        perform("challenge", challenge, "withdraw", world.provider)  # the transition: before only
    act("challenge", challenge, "withdraw_after_decision", world.provider, reason="We merged.")
    challenge.refresh_from_db()
    assert challenge.state == State.ACCEPTED and challenge.withdrawn_at is not None
    assert challenge.withdrawal_reason == "We merged."
    assert Challenge.objects.published().filter(pk=challenge.pk).exists()
    with pytest.raises(Refused) as refused:
        act("challenge", challenge, "withdraw_after_decision", world.provider)
    assert refused.value.problems == ["This challenge has already been withdrawn"]
    Challenge.objects.filter(pk=challenge.pk).update(decided_at=at(date(2026, 1, 30)))
    challenge.refresh_from_db()
    perform(
        "challenge",
        challenge,
        "start_procurement",
        world.officer,
        started_on=date(2026, 4, 30),
        procurement_reference="FTS-2",
    )
    assert challenge.state == State.PROCUREMENT_STARTED


def test_a_rejected_challenge_is_not_withdrawn(world, challenge):
    advance(challenge, world, "submit", "start_assessment", "reject")
    with pytest.raises(Refused):
        act("challenge", challenge, "withdraw_after_decision", world.provider)


# --- SI 2012/1313 Schedule 2 paragraph 4 ------------------------------------------------------


def test_the_excluded_service_says_commissioned_or_provided():
    assert law.label(law.EXCLUDED_SERVICES, "named_person_complex_needs") == (
        "Commissioned or provided for a named person with complex individual health or social "
        "care needs"
    )
