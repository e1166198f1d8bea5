"""Every email the portal sends goes through here.

    from portal import outbox
    outbox.queue("challenge_received", addresses, reference=..., ...)

queue() writes one OutboxMessage row per address inside the caller's transaction, and after the
commit enqueues a task that delivers them (messaging.outbox.delivery). A rolled-back change sends
nothing; a committed one is never lost: if the enqueue fails, the worker's sweep
(`deliver_due()`, or `manage.py send_queued_email`) sends the row. The kinds, their fields and
their texts are in messaging/email_kinds.py.
"""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from messaging import email_kinds
from messaging.models import OutboxMessage
from messaging.outbox.delivery import deliver_due

__all__ = ["deliver_due", "outbox_backlog", "queue", "queue_each", "retry"]

log = logging.getLogger("messaging.outbox")
Status = OutboxMessage.Status


def queue(kind: str, recipients: Iterable[str], **personalisation) -> list[int]:
    """Queue one message of `kind` to each address (each its own row). Returns the row ids."""
    spec = email_kinds.get(kind)
    missing = set(spec.fields) - set(personalisation)
    unknown = set(personalisation) - set(spec.fields)
    if missing or unknown:
        raise ValueError(
            f"{kind} needs the fields {sorted(spec.fields)}; missing {sorted(missing)}, "
            f"unknown {sorted(unknown)}"
        )
    values = {name: str(value) for name, value in personalisation.items()}
    subject, body = spec.render(values)
    addresses = list(dict.fromkeys(a for a in recipients if a))
    if not addresses:
        return []
    rows = OutboxMessage.objects.bulk_create(
        OutboxMessage(
            kind=kind, recipient=address, personalisation=values, subject=subject, body=body
        )
        for address in addresses
    )
    ids = [row.pk for row in rows]
    log.info("queued %s email(s) of kind %s: %s", len(ids), kind, ids)
    transaction.on_commit(lambda: enqueue(ids))
    return ids


def queue_each(kind: str, messages: Iterable[tuple[str, dict]]) -> list[int]:
    """Queue many messages of one kind, each with its own fields, in one insert (a daily
    digest for thousands of people). `messages` are (address, fields) pairs."""
    spec = email_kinds.get(kind)
    rows = []
    for address, personalisation in messages:
        if set(personalisation) != set(spec.fields):
            raise ValueError(f"{kind} needs exactly the fields {sorted(spec.fields)}")
        values = {name: str(value) for name, value in personalisation.items()}
        subject, body = spec.render(values)
        rows.append(
            OutboxMessage(
                kind=kind, recipient=address, personalisation=values, subject=subject, body=body
            )
        )
    if not rows:
        return []
    ids = [row.pk for row in OutboxMessage.objects.bulk_create(rows, batch_size=2000)]
    log.info("queued %s email(s) of kind %s", len(ids), kind)
    transaction.on_commit(lambda: enqueue(ids))
    return ids


def enqueue(ids: list[int]) -> None:
    from messaging.outbox.delivery import deliver_messages

    try:
        deliver_messages.enqueue(ids)
    except Exception:  # the rows are committed: the worker's sweep sends them
        log.exception("could not enqueue delivery of emails %s; the sweep will send them", ids)


def retry(pk: int) -> bool:
    """A site admin sends a failed message again (after checking it did not arrive)."""
    with transaction.atomic():
        retried = OutboxMessage.objects.filter(pk=pk, status=Status.FAILED).update(
            status=Status.QUEUED,
            attempts=0,
            next_attempt_at=timezone.now(),
            claimed_at=None,
            updated_at=timezone.now(),
        )
        if retried:
            log.info("email %s queued again by a site admin", pk)
            transaction.on_commit(lambda: enqueue([pk]))
    return bool(retried)


def outbox_backlog() -> dict:
    """For /readyz: how many messages wait or failed, and how long the oldest waiting one has."""
    now = timezone.now()
    queued = OutboxMessage.objects.filter(status__in=[Status.QUEUED, Status.SENDING])
    oldest = queued.aggregate(at=Min("created_at"))["at"]
    return {
        "queued": queued.count(),
        "failed": OutboxMessage.objects.filter(status=Status.FAILED).count(),
        "oldest_queued_seconds": round((now - oldest).total_seconds()) if oldest else 0,
    }
