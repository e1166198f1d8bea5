"""Delivering stored events (portal.EventRecord) to the receivers registered in messaging.events.

One event, one transaction: the row is locked with SKIP LOCKED (a second deliverer passes it by),
every receiver runs, and the row is marked delivered. If a receiver fails, everything it did rolls
back, the attempt is counted, and the sweep tries again later (up to MAX_ATTEMPTS).
"""

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from messaging import events
from messaging.models import EventRecord

log = logging.getLogger("messaging.events")
MAX_ATTEMPTS = 10


def as_event(row: EventRecord) -> events.Event:
    return events.Event(
        kind=row.kind,
        subject=row.subject,
        actor=row.actor,
        data=row.data,
        key=row.key,
        id=row.pk,
    )


def deliver(pk: int) -> bool:
    """Deliver one event unless it is delivered already or another worker holds it."""
    try:
        with transaction.atomic():
            row = (
                EventRecord.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=pk, delivered_at=None)
                .select_related("subject_type", "actor")
                .first()
            )
            if row is None:
                return False
            event = as_event(row)
            if event.subject is None:
                log.warning("event %s (%s): its subject is gone; nobody told", pk, row.kind)
            else:
                for fn in events.receivers():
                    fn(event)
            EventRecord.objects.filter(pk=pk).update(delivered_at=timezone.now())
    except Exception as exc:
        log.exception("delivering event %s failed; the sweep will try again", pk)
        EventRecord.objects.filter(pk=pk).update(
            attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        return False
    return True


def deliver_pending(limit: int = 1000) -> int:
    """Deliver every undelivered event (oldest first), skipping any another worker holds."""
    pending = (
        EventRecord.objects.filter(delivered_at=None, attempts__lt=MAX_ATTEMPTS)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(deliver(pk) for pk in list(pending))


@task()
def deliver_event_task(pk: int) -> bool:
    """Enqueued after the commit of the transaction that published the event."""
    return deliver(pk)


@task()
def deliver_pending_task() -> int:
    """The sweep, for the worker to run every minute or so."""
    return deliver_pending()
