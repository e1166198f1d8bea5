"""The s.84(1) periods are the authority's own: none is assumed. An authority that has not
published them shows "not published", and no date is computed from an invented length; the case
and its admins' task list say it must publish them. Dates around the edges of a period."""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from challenges.models import Challenge, State
from portal import law
from portal.models import Authority
from portal.workflow import Refused, perform
from tests import builders

from .conftest import advance, draft

pytestmark = pytest.mark.django_db

UNPUBLISHED = {
    "decision_period": None,
    "decision_period_unit": "",
    "procurement_min_period": None,
    "procurement_min_period_unit": "",
    "procurement_max_period": None,
    "procurement_max_period_unit": "",
    "timescales_published_on": None,
}


def unpublish(authority):
    """As the CMS does (a save): a version withdrawing the periods takes effect today."""
    authority.refresh_from_db()
    for name, value in UNPUBLISHED.items():
        setattr(authority, name, value)
    authority.save()


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


def test_no_field_has_a_default_length():
    """Localism Act 2011 s.83(4), s.84(3): no national lengths exist, so the model assumes none."""
    fresh = Authority(code="NEW", name="New Council", nice_name="New", slug="new")
    assert fresh.decision_period is None and fresh.procurement_min_period is None
    assert fresh.decision_period_text == law.NOT_PUBLISHED == "not published"
    assert not hasattr(law, "DEFAULT_DECISION_PERIOD")


def test_unpublished_periods_give_no_due_date_and_say_so(client, world):
    """s.84(3): without a published maximum period the submission has no due date; the case
    shows that the authority must publish it, and the challenge is never overdue."""
    unpublish(world.authority)
    challenge = draft(world.service, world.organisation, world.provider)
    perform("challenge", challenge, "submit", world.provider)
    challenge.refresh_from_db()
    assert challenge.decision_due is None and challenge.compute_decision_due() is None
    assert not challenge.is_overdue
    assert not Challenge.objects.overdue(date(2099, 1, 1)).exists()
    client.force_login(world.provider)
    page = client.get(reverse("challenges:case", args=[challenge.pk])).content.decode()
    assert "Not published" in page
    assert "It must specify and publish it (Localism Act 2011 s.84(3))" in page


def test_authority_and_service_pages_say_not_published(client, world):
    """s.83(4), s.84(3): the authority's pages say plainly that the periods are not published."""
    unpublish(world.authority)
    services_page = client.get(world.service.get_parent().url).content.decode()
    assert services_page.count("Not published") == 3
    assert "has not published the periods that the Localism Act 2011 requires" in services_page
    page = client.get(world.service.url).content.decode()
    assert "has not published the maximum period in which it will decide a challenge" in page
    Authority.objects.filter(pk=world.authority.pk).update(
        decision_period=40,
        decision_period_unit="working_days",
        procurement_min_period=2,
        procurement_min_period_unit="months",
        timescales_published_on=date(2026, 3, 2),
    )
    partly = client.get(world.service.get_parent().url).content.decode()
    assert partly.count("Not published") == 1  # s.83(4)(b): the maximum is still missing
    assert "has not published all of the periods" in partly
    Authority.objects.filter(pk=world.authority.pk).update(
        procurement_max_period=5, procurement_max_period_unit="months"
    )
    published = client.get(world.service.get_parent().url).content.decode()
    assert "40 working days" in published and "2 months" in published and "5 months" in published
    assert "Not published" not in published


def test_admins_task_list_asks_to_publish_the_periods(client, world):
    """s.83(4), s.84(3): the authority's admins are asked to publish what is missing."""
    admin = builders.staff("authority_admin", world.authority)
    client.force_login(admin)
    assert f"Publish {world.authority.nice_name}&#x27;s timescales" not in (
        client.get("/tasks/").content.decode()
    )
    # A length without a publication date is not published either.
    Authority.objects.filter(pk=world.authority.pk).update(timescales_published_on=None)
    html = client.get("/tasks/").content.decode()
    assert f"Publish {world.authority.nice_name}&#x27;s timescales" in html


def test_procurement_start_waits_for_a_published_minimum(world, challenge):
    """s.83(4)(a): with no published minimum period (when the challenge was received, nor when it
    was decided) there is nothing to count from; the start is refused until one is published."""
    unpublish(world.authority)
    advance(challenge, world, "submit", "start_assessment", "accept")
    challenge.refresh_from_db()
    assert challenge.earliest_procurement_start() is None
    with pytest.raises(Refused) as refused:
        perform(
            "challenge",
            challenge,
            "start_procurement",
            world.officer,
            started_on=timezone.localdate(),
            procurement_reference="FTS-1",
        )
    assert refused.value.problems == [
        f"{world.authority.nice_name} has not published its minimum period between accepting a "
        "challenge and starting the procurement exercise. It must publish it before the "
        "exercise starts (Localism Act 2011 s.83(4)(a))."
    ]


def test_procurement_may_start_on_the_day_the_minimum_period_ends(world, challenge):
    """s.83(4)(a): the day the published minimum ends is allowed; the day before is not."""
    advance(challenge, world, "submit", "start_assessment", "accept")
    decided = date(2026, 1, 30)  # three months later: 30 April 2026
    Challenge.objects.filter(pk=challenge.pk).update(decided_at=at(decided))
    challenge.refresh_from_db()
    assert challenge.earliest_procurement_start() == date(2026, 4, 30)
    with pytest.raises(Refused) as refused:
        perform(
            "challenge",
            challenge,
            "start_procurement",
            world.officer,
            started_on=date(2026, 4, 29),
            procurement_reference="FTS-1",
        )
    assert "Procurement cannot start before 30 April 2026" in refused.value.problems[0]
    perform(
        "challenge",
        challenge,
        "start_procurement",
        world.officer,
        started_on=date(2026, 4, 30),
        procurement_reference="FTS-1",
    )
    assert challenge.state == State.PROCUREMENT_STARTED


@pytest.mark.parametrize(
    ("received", "length", "due"),
    [
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April are not working days.
        (date(2026, 4, 2), 2, date(2026, 4, 8)),
        # Christmas 2026: Boxing Day falls on a Saturday, so Monday 28 December is the holiday.
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        # New Year's Day 2027 (a Friday).
        (date(2026, 12, 31), 1, date(2027, 1, 4)),
    ],
)
def test_published_working_days_skip_bank_holidays(world, challenge, received, length, due):
    """s.84(3) with the authority's own period in working days: England and Wales bank
    holidays do not count."""
    authority = Authority.objects.get(pk=world.authority.pk)
    authority.decision_period, authority.timescales_published_on = length, date(2026, 1, 1)
    authority.save()  # a new version, in force from 1 January 2026
    challenge.authority = authority
    challenge.received_at = at(received)
    challenge.window_closes_on = None
    assert challenge.compute_decision_due() == due


def test_overdue_only_after_the_day_the_period_ends(world, challenge):
    """s.84(3): a decision due today is not overdue; due yesterday, it is."""
    advance(challenge, world, "submit")
    today = timezone.localdate()
    Challenge.objects.filter(pk=challenge.pk).update(decision_due=today)
    assert not Challenge.objects.get(pk=challenge.pk).is_overdue
    assert not Challenge.objects.overdue(today).exists()
    Challenge.objects.filter(pk=challenge.pk).update(decision_due=today - timedelta(days=1))
    assert Challenge.objects.get(pk=challenge.pk).is_overdue
    assert Challenge.objects.overdue(today).count() == 1


def test_deadline_checks_pass_over_cases_without_a_due_date(world):
    """s.84(3): with no published period there is nothing to remind about or mark overdue."""
    unpublish(world.authority)
    challenge = draft(world.service, world.organisation, world.provider)
    advance(challenge, world, "submit")
    out = StringIO()
    call_command("check_deadlines", stdout=out)
    challenge.refresh_from_db()
    assert challenge.overdue_since is None and challenge.decision_due is None


def test_the_letter_does_not_invent_a_due_date(world):
    """s.84(3): the decision letter of an authority without a published maximum says so."""
    unpublish(world.authority)
    challenge = draft(world.service, world.organisation, world.provider)
    advance(challenge, world, "submit", "start_assessment", "accept")
    assert "We had not published a maximum period for a decision" in challenge.decision_letter
    assert "we must publish it (s.83(4)(a))" in challenge.decision_letter
    assert (
        "the maximum period between accepting an expression of interest and starting the "
        "exercise, which we must do (s.83(4)(b))"
    ) in challenge.decision_letter


def test_periods_need_length_and_unit_together(world):
    """s.83(4), s.84(3): a period is a length in a unit; one without the other is refused."""
    from django.core.exceptions import ValidationError

    authority = world.authority
    authority.decision_period_unit = ""
    with pytest.raises(ValidationError) as error:
        authority.full_clean()
    assert "decision_period_unit" in error.value.message_dict


def test_publishing_the_periods_does_not_reach_back(client, world):
    """s.84(3)-(5), DOMAIN.md: a publication is a version with the date it took effect; a case
    received before it keeps no due date (it is judged by the periods in force when received),
    and the authority's history lists every version."""
    unpublish(world.authority)
    challenge = draft(world.service, world.organisation, world.provider)
    advance(challenge, world, "submit")
    Challenge.objects.filter(pk=challenge.pk).update(
        received_at=at(date(2026, 12, 24)), window_closes_on=None
    )
    admin = builders.staff("authority_admin", world.authority)
    client.force_login(admin)
    response = client.post(
        f"/admin/snippets/portal/authority/edit/{world.authority.pk}/",
        {
            "decision_period": "1",
            "decision_period_unit": "working_days",
            "procurement_min_period": "2",
            "procurement_min_period_unit": "months",
            "procurement_max_period": "4",
            "procurement_max_period_unit": "months",
            "timescales_published_on": "2026-12-30",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    challenge.refresh_from_db()
    assert challenge.decision_due is None and challenge.periods is None
    versions = list(world.authority.period_versions.values_list("effective_on", "decision_period"))
    assert versions == [
        (date(2025, 4, 1), 60),  # the builder's publication
        (timezone.localdate(), None),  # withdrawn today (unpublish)
        (date(2026, 12, 30), 1),  # the CMS's edit: a new version, the old ones kept
    ]
    later = Challenge(service=world.service, authority=world.authority)
    later.received_at = at(date(2026, 12, 31))
    assert later.compute_decision_due() == date(2027, 1, 4)  # New Year's Day 2027 skipped
