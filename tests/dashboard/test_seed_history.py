"""manage.py seed_history at a small scale: every authority in England, through the real
transitions (audit events and events written, the chain valid), dates in the past, varied
behaviour, and pages that say the figures are synthetic."""

import io
from collections import Counter
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F, Min

from challenges.models import Challenge
from dashboard.models import SyntheticHistory
from messaging.models import EventRecord
from portal import audit
from portal.models import AuditEvent, Authority
from tests import builders


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    """One small history for the module's tests (rolled back at the end)."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            builders.site_tree()
            call_command("load_authorities", stdout=io.StringIO())
            out = io.StringIO()
            before = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
            call_command("seed_history", years=3, scale=0.08, stdout=out)
            yield SimpleNamespace(output=out.getvalue(), first_seq=(before or 0) + 1)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


pytestmark = pytest.mark.django_db


def test_every_authority_and_a_history_made_through_the_transitions(history):
    # the register's 317 councils, and the fire and rescue authorities (SI 2012/1647 reg 3)
    assert Authority.objects.exclude(authority_type="FRA").count() == 317
    # (seventeen since the s.4A authorities of Staffordshire, Northamptonshire and Cumbria)
    assert Authority.objects.filter(authority_type="FRA").count() == 17
    assert "Synthetic history:" in history.output and "(0 refused)" in history.output
    submitted = Challenge.objects.filter(received_at__isnull=False)
    assert submitted.count() >= 20
    states = Counter(submitted.values_list("state", flat=True))
    assert {"rejected", "withdrawn"} <= set(states)
    assert states["accepted"] + states["procurement_started"] > 0
    # one source per fact: a procurement is an exercise, and no made-up result is written on
    # the challenge; every challenge whose procurement started has its exercise
    assert not submitted.exclude(procurement_result="").exists()
    started = submitted.filter(procurement_started_on__isnull=False)
    assert started.count() == started.filter(procurement_exercise__isnull=False).count()
    # Every state change is an audit event of its transition, and an event (messaging.events).
    for challenge in submitted:
        trail = list(audit.events_for(challenge).values_list("transition", flat=True))
        assert trail[0] == "submit"
        assert EventRecord.objects.filter(subject_id=challenge.pk, kind="challenge.submit").exists()
    checked, broken, message = audit.verify_chain()
    assert broken is None, message
    assert checked == AuditEvent.objects.count() > 0


def test_dates_are_in_the_past_and_consistent(history):
    from django.utils import timezone

    now = timezone.now()
    submitted = Challenge.objects.filter(received_at__isnull=False)
    assert not submitted.filter(received_at__gt=now).exists()
    assert not submitted.filter(decided_at__lt=F("received_at")).exists()
    assert submitted.aggregate(first=Min("received_at"))["first"].year <= now.year - 2
    # each submit's audit time is the challenge's receipt; the chain's times rise with its seq
    for challenge in submitted[:20]:
        submit = audit.events_for(challenge).get(transition="submit")
        assert submit.at == challenge.received_at
    # references, letters and reasons of a case's own backdated history (issue 20 item 6)
    for challenge in submitted.exclude(decided_at=None)[:20]:
        assert challenge.reference.split("-")[2] == str(challenge.received_on.year)
        assert f"{challenge.decided_on:%-d %B %Y}" in challenge.decision_letter
    assert not submitted.filter(decision_reasons__icontains="set out in the letter").exists()
    assert set(submitted.values_list("provenance", flat=True)) == {"synthetic"}
    seeded = AuditEvent.objects.filter(seq__gte=history.first_seq).order_by("seq")
    times = list(seeded.values_list("at", flat=True))
    assert len(times) > 50 and times == sorted(times)


def test_varied_behaviour(history):
    submitted = Challenge.objects.filter(received_at__isnull=False)
    employee = submitted.filter(organisation__body_type="employee_group")
    assert employee.exists()
    assert not employee.exclude(organisation__employer=F("authority")).exists()  # own staff only
    assert submitted.filter(has_partners=True).exists()  # consortia
    challenged = Authority.objects.filter(challenges__received_at__isnull=False).distinct()
    assert challenged.filter(timescales_published_on__isnull=True).exists()  # never publish
    assert challenged.filter(timescales_published_on__isnull=False).exists()
    per_body = Counter(submitted.values_list("organisation_id", flat=True))
    assert max(per_body.values()) >= 3 and min(per_body.values()) == 1  # frequent and one-off
    assert Authority.objects.exclude(challenges__isnull=False).count() > 100  # absent ones


def test_pages_say_the_figures_are_synthetic(history, client):
    assert (
        SyntheticHistory.objects.get().challenges
        == Challenge.objects.filter(created_by__email__endswith="@history.invalid").count()
    )
    from dashboard import refresh

    refresh.rebuild()
    html = client.get("/dashboard/").content.decode()
    assert "These figures come from a synthetic history" in html
    # the banner's numbers are the numbers of the records it describes
    received = Challenge.objects.filter(received_at__isnull=False)
    made_up = received.filter(created_by__email__endswith="@history.invalid").count()
    assert f"<span data-synthetic-count>{made_up}</span>" in html
    assert f"<span data-counted>{received.count()}</span>" in html
    assert f'data-figure="received">{received.count()}<' in html


def test_bad_options_are_refused_plainly(db):
    with pytest.raises(CommandError, match="--years must be between 1 and 10"):
        call_command("seed_history", years=0)
    with pytest.raises(CommandError, match="--scale must be more than 0"):
        call_command("seed_history", scale=-1)
