"""Mark challenges whose decision is overdue and remind decision makers before the due date.

Safe to run as often as you like (daily from cron or the task worker): each challenge is marked
overdue once, and each due date gets one reminder.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from challenges.models import AWAITING_DECISION, Challenge
from challenges.notifications import queue_deadline_reminder


class Command(BaseCommand):
    help = "Mark overdue challenges and email reminders to decision makers (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Remind this many days before the due date "
            "(default: settings.CHALLENGE_REMINDER_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        today = timezone.localdate()
        days = settings.CHALLENGE_REMINDER_DAYS if days is None else days
        waiting = Challenge.objects.filter(state__in=AWAITING_DECISION, decision_due__isnull=False)
        marked = waiting.filter(decision_due__lt=today, overdue_since=None).update(
            overdue_since=today
        )
        reminded = 0
        due_soon = waiting.filter(
            decision_due__gte=today, decision_due__lte=today + timedelta(days=days)
        ).select_related("authority", "service", "organisation")
        for challenge in due_soon:
            with transaction.atomic():
                # Claim the reminder first, so that two runs at once cannot both send it.
                claimed = (
                    Challenge.objects.filter(pk=challenge.pk)
                    .exclude(reminder_sent_for=challenge.decision_due)
                    .update(reminder_sent_for=challenge.decision_due)
                )
                if claimed:  # queued in the same transaction as the claim
                    reminded += bool(queue_deadline_reminder(challenge))
        self.stdout.write(f"Marked {marked} overdue; sent {reminded} reminders.")
