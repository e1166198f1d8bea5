"""Reminds the partners of each agreement in force that its annual review is due.

Run daily (cron or a scheduled task). Each agreement is reminded once per review date, so running
it again the same day, or every day until the review, sends nothing more.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from portal import law
from procurement.models import AgreementState, TransferAgreement
from procurement.notifications import queue_review_reminder


def due_for_reminder(today):
    horizon = today + timedelta(days=law.AGREEMENT_REVIEW_REMINDER_DAYS)
    return TransferAgreement.objects.filter(
        state=AgreementState.IN_FORCE, review_date__lte=horizon
    ).exclude(review_reminder_sent_for=F("review_date"))


def remind(today=None) -> int:
    today = today or timezone.localdate()
    reminded = 0
    for pk in due_for_reminder(today).values_list("pk", flat=True):
        with transaction.atomic():
            agreement = (
                TransferAgreement.objects.select_for_update()
                .filter(pk=pk, state=AgreementState.IN_FORCE)
                .select_related("lead_authority")
                .first()
            )
            if agreement is None or agreement.review_reminder_sent_for == agreement.review_date:
                continue
            TransferAgreement.objects.filter(pk=pk).update(
                review_reminder_sent_for=agreement.review_date
            )
            queue_review_reminder(agreement)  # delivered after this transaction commits
            reminded += 1
    return reminded


class Command(BaseCommand):
    help = "Remind partners of agreements whose annual review is due within the reminder period."

    def handle(self, *args, **options):
        count = remind()
        self.stdout.write(f"{count} agreement{'s' if count != 1 else ''} reminded")
