from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from challenges.models import Challenge
from messaging.models import EventRecord, OutboxMessage

from .conftest import advance, draft

pytestmark = pytest.mark.django_db


def run(**options) -> str:
    out = StringIO()
    call_command("check_deadlines", stdout=out, **options)
    return out.getvalue()


def reminder_rows():
    return list(OutboxMessage.objects.filter(kind="decision_due_reminder").order_by("pk"))


def test_marks_overdue_and_reminds_once(world, settings, django_capture_on_commit_callbacks):
    settings.CHALLENGE_REMINDER_DAYS = 5
    today = timezone.localdate()
    late = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    soon = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    later = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    decided = advance(
        draft(world.service, world.organisation, world.provider),
        world,
        "submit",
        "start_assessment",
        "accept",
    )
    Challenge.objects.filter(pk=late.pk).update(decision_due=today - timedelta(days=2))
    Challenge.objects.filter(pk=soon.pk).update(decision_due=today + timedelta(days=4))
    Challenge.objects.filter(pk=later.pk).update(decision_due=today + timedelta(days=6))
    Challenge.objects.filter(pk=decided.pk).update(decision_due=today + timedelta(days=1))
    OutboxMessage.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        assert run() == (
            "Marked 1 overdue; published 1 due-soon, 1 overdue and 0 awaited reminders.\n"
        )
    assert Challenge.objects.get(pk=late.pk).overdue_since == today
    assert EventRecord.objects.get(kind="challenge.overdue").subject == late
    # One reminder to each decision maker on their own.
    reminders = reminder_rows()
    assert sorted(r.recipient for r in reminders) == sorted(
        [world.decider.email, world.other_decider.email]
    )
    assert all(soon.reference in r.subject for r in reminders)
    assert reminders[0].personalisation["reference"] == soon.reference

    with django_capture_on_commit_callbacks(execute=True):
        assert run() == (
            "Marked 0 overdue; published 0 due-soon, 0 overdue and 0 awaited reminders.\n"
        )
    assert len(reminder_rows()) == 2

    # A wider reminder window catches the later case, once.
    with django_capture_on_commit_callbacks(execute=True):
        assert "published 1 due-soon" in run(days=7)
        assert "published 0 due-soon" in run(days=7)
    assert [r.personalisation["reference"] for r in reminder_rows()[2:]] == [later.reference] * 2


def test_a_new_due_date_is_reminded_again(world, django_capture_on_commit_callbacks):
    soon = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    Challenge.objects.filter(pk=soon.pk).update(
        decision_due=timezone.localdate() + timedelta(days=2)
    )
    run()
    Challenge.objects.filter(pk=soon.pk).update(
        decision_due=timezone.localdate() + timedelta(days=3)
    )
    run()
    run()
    assert EventRecord.objects.filter(kind="challenge.decision_due_soon").count() == 2


def test_a_long_wait_for_a_decision_is_published_once(world, django_capture_on_commit_callbacks):
    waiting = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    Challenge.objects.filter(pk=waiting.pk).update(
        received_at=timezone.now() - timedelta(days=30),
        decision_due=timezone.localdate() + timedelta(days=40),
    )
    assert "0 awaited" in run(awaited=100)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert "1 awaited" in run(awaited=10)
        assert "0 awaited" in run(awaited=10)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.decider.email, world.other_decider.email]
    )


def test_reminders_are_delivered_after_the_commit(world, django_capture_on_commit_callbacks):
    soon = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    Challenge.objects.filter(pk=soon.pk).update(
        decision_due=timezone.localdate() + timedelta(days=2)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run()
    assert reminder_rows() == [] and callbacks  # the event is stored, not yet delivered
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert sorted(m.to[0] for m in mail.outbox if "Decision due" in m.subject) == sorted(
        [world.decider.email, world.other_decider.email]
    )
    assert all(len(m.to) == 1 for m in mail.outbox)
