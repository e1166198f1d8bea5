"""Periods have a history (issue 20, item 3; DOMAIN.md "Decision and timescales"): every
publication is a version with the date it took effect, an edit adds a version and never rewrites
one, each challenge is judged, scheduled and lettered against the version in force when it was
received, and the public pages list the versions."""

import importlib
from datetime import date

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from challenges.models import Challenge
from dashboard import statistics
from portal.models import Authority, PeriodVersion
from tests import builders
from tests.dashboard.conftest import at

pytestmark = pytest.mark.django_db


def versions(authority) -> list[tuple]:
    return list(
        authority.period_versions.order_by("effective_on", "pk").values_list(
            "effective_on", "decision_period", "decision_period_unit"
        )
    )


def test_an_edit_adds_a_version_and_keeps_the_old_one(client):
    builders.site_tree()
    authority = builders.authority("VSN", timescales_published_on=date(2025, 4, 1))
    assert versions(authority) == [(date(2025, 4, 1), 60, "working_days")]
    admin = builders.staff("authority_admin", authority)
    client.force_login(admin)
    response = client.post(
        f"/admin/snippets/portal/authority/edit/{authority.pk}/",
        {
            "decision_period": "30",
            "decision_period_unit": "working_days",
            "procurement_min_period": "3",
            "procurement_min_period_unit": "months",
            "procurement_max_period": "6",
            "procurement_max_period_unit": "months",
            "timescales_published_on": "2026-06-01",
        },
    )
    assert response.status_code == 302
    assert versions(authority) == [
        (date(2025, 4, 1), 60, "working_days"),
        (date(2026, 6, 1), 30, "working_days"),
    ]
    # Saving again with nothing changed adds nothing; a change that gives no later date takes
    # effect today, never reaching back over a version in force.
    authority.refresh_from_db()
    authority.save()
    assert len(versions(authority)) == 2
    authority.decision_period = 25
    with time_machine.travel(at(date(2026, 12, 7)), tick=False):
        authority.save()
    assert versions(authority)[-1] == (date(2026, 12, 7), 25, "working_days")
    # Which one is in force on a day
    assert authority.periods_on(date(2025, 3, 31)) is None  # before the first publication
    assert authority.periods_on(date(2025, 4, 1)).decision_period == 60
    assert authority.periods_on(date(2026, 5, 31)).decision_period == 60
    assert authority.periods_on(date(2026, 6, 1)).decision_period == 30
    assert authority.periods_on(date(2026, 12, 7)).decision_period == 25


def test_each_challenge_is_scheduled_against_the_version_in_force_when_received(cases):
    """Westshire's 20 working days took effect on 2 Jan 2024; 40 working days from 1 Jan 2026."""
    west = Authority.objects.get(pk=cases.west.pk)
    west.decision_period, west.timescales_published_on = 40, date(2026, 1, 1)
    west.save()
    before = Challenge(service=cases.c1.service, authority=west, received_at=at(date(2025, 3, 3)))
    after = Challenge(service=cases.c1.service, authority=west, received_at=at(date(2026, 3, 2)))
    assert before.compute_decision_due() == date(2025, 3, 31)  # 20 working days
    assert before.periods.decision_period_text == "20 working days"
    assert after.compute_decision_due() == date(2026, 4, 29)  # 40: Good Friday, Easter Monday
    # the figures already judged do not move: c1 and c4 on time, c2 late
    assert statistics.challenge_figures(west)["within_period"] == 2
    # c2's letter names the period in force when it was received
    letter = Challenge.objects.get(pk=cases.c2.pk).decision_letter
    assert "20 working days" in letter


def test_the_migration_makes_the_first_version_from_todays_fields(db):
    published = builders.authority("MG1", timescales_published_on=date(2025, 4, 1))
    never = builders.authority(
        "MG2", decision_period=None, decision_period_unit="", procurement_min_period=None,
        procurement_min_period_unit="", timescales_published_on=None,
    )  # fmt: skip
    PeriodVersion.objects.all().delete()
    migration = importlib.import_module("portal.migrations.0016_periodversion")
    migration.first_versions(apps, None)
    assert versions(published) == [(date(2025, 4, 1), 60, "working_days")]
    assert versions(never) == []


def test_public_pages_list_the_versions(client, cases):
    west = Authority.objects.get(pk=cases.west.pk)
    west.decision_period, west.timescales_published_on = 40, date(2026, 1, 1)
    west.save()
    html = client.get(reverse("dashboard:authority", args=["westshire"])).content.decode()
    listed = html.split("data-period-versions")[1].split("</dl>")[0]
    assert 'data-version="2026-01-01"' in listed and 'data-version="2024-01-02"' in listed
    assert listed.index("2026-01-01") < listed.index("2024-01-02")  # newest first
    assert 'From 1 January 2026 <span class="govuk-body-s">(in force)</span>' in listed
    assert 'From 2 January 2024 <span class="govuk-body-s">(replaced)</span>' in listed
    assert "Maximum time to decide: 40 working days (s.84(3)-(5))" in listed
    services = client.get(west.services_page.url).content.decode()
    assert "Every publication of Westshire's periods" in services
    east = client.get(reverse("dashboard:authority", args=["eastshire"])).content.decode()
    assert "Eastshire has never published its periods on the portal." in east
