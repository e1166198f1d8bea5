"""Publishes `agreement.review_due` for each agreement in force whose annual review is due within
law.AGREEMENT_REVIEW_REMINDER_DAYS; the subscription table (messaging/subscriptions.py) says who is
told. Run daily (cron or a scheduled task): the event's key is the review date, so each review
date is published once however often this runs."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from agreements.models import AgreementState, TransferAgreement
from messaging import events
from portal import law


def due_for_reminder(today):
    horizon = today + timedelta(days=law.AGREEMENT_REVIEW_REMINDER_DAYS)
    return TransferAgreement.objects.filter(
        state=AgreementState.IN_FORCE, review_date__lte=horizon
    ).order_by("pk")


def remind(today=None) -> int:
    """Publish the events not published yet; returns how many were."""
    today = today or timezone.localdate()
    published = 0
    with transaction.atomic():
        for agreement in due_for_reminder(today):
            event = events.Event(
                "agreement.review_due",
                agreement,
                data={"review_date": agreement.review_date.isoformat()},
                key=f"review:{agreement.review_date.isoformat()}",
            )
            published += events.publish(event) is not None
    return published


class Command(BaseCommand):
    help = "Remind partners of agreements whose annual review is due within the reminder period."

    def handle(self, *args, **options):
        count = remind()
        self.stdout.write(f"{count} agreement{'s' if count != 1 else ''} reminded")
