from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from challenges.models import Challenge

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
    assert len(mail.outbox) == 1
    reminder = mail.outbox[0]
    assert soon.reference in reminder.subject
    assert reminder.to == sorted([world.decider.email, world.other_decider.email])

    assert run() == "Marked 0 overdue; sent 0 reminders.\n"
    assert len(mail.outbox) == 1

    # A wider reminder window catches the later case, once.
    assert run(days=7) == "Marked 0 overdue; sent 1 reminders.\n"
    assert later.reference in mail.outbox[1].subject
