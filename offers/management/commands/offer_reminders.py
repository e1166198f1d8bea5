"""Publishes, for each addressee of an open offer, `offer.acknowledgement_due` and
`offer.answer_due` when the date of its standard is within law.OFFER_REMINDER_WORKING_DAYS working
days, and `offer.overdue` once a date has passed; the subscription table says who is told (that
addressee's own people: the event names it). Run daily by the worker: each event's key is the
addressee and the date, so a second run publishes nothing again."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from messaging import events
from offers.models import OPEN_STATES, OfferAddressee
from portal import law
from portal.working_days import add_working_days


def reminders(today) -> list[tuple[OfferAddressee, str, object]]:
    """(addressee, event kind, due date) of every reminder due today."""
    horizon = add_working_days(today, law.OFFER_REMINDER_WORKING_DAYS)
    rows = OfferAddressee.objects.filter(
        offer__state__in=OPEN_STATES, answered_at=None
    ).select_related("offer")
    found = []
    for row in rows.order_by("pk"):
        if row.acknowledged_at is None and row.acknowledge_by:
            kind = "offer.overdue" if today > row.acknowledge_by else "offer.acknowledgement_due"
            if row.acknowledge_by <= horizon:
                found.append((row, kind, row.acknowledge_by))
                continue
        if row.answer_by and row.answer_by <= horizon:
            kind = "offer.overdue" if today > row.answer_by else "offer.answer_due"
            found.append((row, kind, row.answer_by))
    return found


def remind(today=None) -> int:
    """Publish the reminders not published yet; returns how many were."""
    today = today or timezone.localdate()
    published = 0
    with transaction.atomic():
        for row, kind, due in reminders(today):
            event = events.Event(
                kind,
                row.offer,
                data={"addressee_id": row.pk, "addressee": row.name, "due": f"{due:%-d %B %Y}"},
                key=f"{kind}:{row.pk}:{due.isoformat()}",
            )
            published += events.publish(event) is not None
    return published


class Command(BaseCommand):
    help = "Remind the people who answer for an offer's addressee of their standard's dates."

    def handle(self, *args, **options):
        count = remind()
        self.stdout.write(f"{count} offer reminder{'s' if count != 1 else ''} published")
