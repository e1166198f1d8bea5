"""Publishes `agreement.approval_awaited` for each agreement that has waited for the approval of
one or more parties for more than law.AWAITED_REMINDER_WORKING_DAYS working days since it was sent
for approval (or its review started); the subscription table tells the parties that have not
approved. Run daily: the event's key is the day approval was sought, so each wait is published
once however often this runs."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from agreements.models import AgreementParty, AgreementState, TransferAgreement
from messaging import events
from portal import law
from portal.audit import object_kind
from portal.models import AuditEvent
from portal.working_days import working_days_between

APPROVAL_STATES = [AgreementState.APPROVAL, AgreementState.UNDER_REVIEW]


def approval_sought_on(agreement):
    """The day the agreement last entered its approval state (from the audit trail)."""
    entered = (
        AuditEvent.objects.filter(
            object_kind=object_kind(agreement),
            object_id=str(agreement.pk),
            to_state=agreement.state,
        )
        .exclude(from_state=agreement.state)
        .order_by("-seq")
        .values_list("at", flat=True)
        .first()
    )
    return timezone.localdate(entered) if entered else None


def remind(today=None, awaited=None) -> int:
    """Publish the events not published yet; returns how many were."""
    today = today or timezone.localdate()
    awaited = law.AWAITED_REMINDER_WORKING_DAYS if awaited is None else awaited
    waiting = TransferAgreement.objects.filter(
        state__in=APPROVAL_STATES,
        pk__in=AgreementParty.objects.filter(approved_at=None).values("agreement_id"),
    ).order_by("pk")
    published = 0
    with transaction.atomic():
        for agreement in waiting:
            since = approval_sought_on(agreement)
            if since is None or working_days_between(since, today) <= awaited:
                continue
            event = events.Event(
                "agreement.approval_awaited",
                agreement,
                data={"since": since.isoformat()},
                key=f"sought:{since.isoformat()}",
            )
            published += events.publish(event) is not None
    return published


class Command(BaseCommand):
    help = "Remind the parties whose approval an agreement has awaited too long (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--awaited",
            type=int,
            default=None,
            help="Working days after which to remind (default: law.AWAITED_REMINDER_WORKING_DAYS)",
        )

    def handle(self, *args, awaited=None, **options):
        count = remind(awaited=awaited)
        self.stdout.write(f"{count} agreement{'s' if count != 1 else ''} reminded")
