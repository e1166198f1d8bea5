"""Publish the deadline events of challenges awaiting a decision, and mark the overdue ones.

- `challenge.decision_due_soon`: the decision is due within --days (CHALLENGE_REMINDER_DAYS);
- `challenge.overdue`: the decision's due date has passed (the case is marked overdue too);
- `challenge.decision_awaited`: the case has awaited a decision for more than --awaited working
  days since it was received (law.AWAITED_REMINDER_WORKING_DAYS).

Who is told, and how, is the subscription table's business (messaging/subscriptions.py). Safe to run
as often as you like (daily from cron or the task worker): each event carries a key (the due
date, or the day of receipt), and an event is published once per kind, challenge and key.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from challenges.models import AWAITING_DECISION, Challenge
from messaging import events
from portal import law
from portal.working_days import working_days_between


def publish_deadlines(today=None, days=None, awaited=None) -> dict[str, int]:
    today = today or timezone.localdate()
    days = settings.CHALLENGE_REMINDER_DAYS if days is None else days
    awaited = law.AWAITED_REMINDER_WORKING_DAYS if awaited is None else awaited
    waiting = Challenge.objects.filter(state__in=AWAITING_DECISION, decision_due__isnull=False)
    counts = {"overdue": 0, "decision_due_soon": 0, "decision_awaited": 0}
    with transaction.atomic():
        counts["marked"] = waiting.filter(decision_due__lt=today, overdue_since=None).update(
            overdue_since=today
        )
        for challenge in waiting.order_by("pk"):
            due = challenge.decision_due
            found = []
            if due < today:
                found.append(("overdue", f"due:{due.isoformat()}"))
            elif due <= today + timedelta(days=days):
                found.append(("decision_due_soon", f"due:{due.isoformat()}"))
            received = challenge.received_on
            if received and working_days_between(received, today) > awaited:
                found.append(("decision_awaited", f"received:{received.isoformat()}"))
            for name, key in found:
                event = events.Event(
                    f"challenge.{name}",
                    challenge,
                    data={"decision_due": due.isoformat(), "reference": challenge.reference},
                    key=key,
                )
                counts[name] += events.publish(event) is not None
    return counts


class Command(BaseCommand):
    help = "Mark overdue challenges and publish their deadline events (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Remind this many days before the due date "
            "(default: settings.CHALLENGE_REMINDER_DAYS).",
        )
        parser.add_argument(
            "--awaited",
            type=int,
            default=None,
            help="Remind decision makers of cases awaiting a decision for more than this many "
            "working days (default: law.AWAITED_REMINDER_WORKING_DAYS).",
        )

    def handle(self, *args, days=None, awaited=None, **options):
        counts = publish_deadlines(days=days, awaited=awaited)
        self.stdout.write(
            f"Marked {counts['marked']} overdue; published {counts['decision_due_soon']} "
            f"due-soon, {counts['overdue']} overdue and {counts['decision_awaited']} "
            "awaited reminders."
        )
