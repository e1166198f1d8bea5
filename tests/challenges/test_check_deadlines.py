from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from challenges.models import Challenge
from portal.models import OutboxMessage

from .conftest import advance, draft

pytestmark = pytest.mark.django_db


def run(**options) -> str:
    out = StringIO()
    call_command("check_deadlines", stdout=out, **options)
    return out.getvalue()


def test_marks_overdue_and_reminds_once(world, settings):
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
    mail.outbox.clear()

    assert run() == "Marked 1 overdue; sent 1 reminders.\n"
    assert Challenge.objects.get(pk=late.pk).overdue_since == today
    assert Challenge.objects.get(pk=soon.pk).reminder_sent_for == today + timedelta(days=4)
    # One reminder to each decision maker on their own, queued in the claim's transaction.
    reminders = reminder_rows()
    assert sorted(r.recipient for r in reminders) == sorted(
        [world.decider.email, world.other_decider.email]
    )
    assert all(soon.reference in r.subject for r in reminders)
    assert reminders[0].personalisation["reference"] == soon.reference

    assert run() == "Marked 0 overdue; sent 0 reminders.\n"
    assert len(reminder_rows()) == 2

    # A wider reminder window catches the later case, once.
    assert run(days=7) == "Marked 0 overdue; sent 1 reminders.\n"
    assert [r.personalisation["reference"] for r in reminder_rows()[2:]] == [later.reference] * 2


def reminder_rows():
    return list(OutboxMessage.objects.filter(kind="decision_due_reminder").order_by("pk"))


def test_reminders_are_delivered_after_the_commit(world, django_capture_on_commit_callbacks):
    soon = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    Challenge.objects.filter(pk=soon.pk).update(
        decision_due=timezone.localdate() + timedelta(days=2)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.decider.email, world.other_decider.email]
    )
    assert all(len(m.to) == 1 and soon.reference in m.subject for m in mail.outbox)
