"""Delivery of the outbox: claim a due row, send it, record what happened.

A row is claimed (`select_for_update(skip_locked=True)`, then a conditional update to
`sending`) and committed before the provider is called, so two workers never send the same row
and no lock is held while the provider answers. Then:

- success: `sent`, with the provider's id;
- a transient error (down, 5xx, 429, timeout, connection refused, SMTP 4xx): back to `queued`
  with exponential backoff (1, 2, 4 ... minutes, at most an hour apart), `failed` after
  MAX_ATTEMPTS;
- a permanent error (Notify 4xx such as a bad request or a wrong key, SMTP 5xx such as a refused
  recipient): `failed` at once.

A row still `sending` STUCK_AFTER its claim means the worker died mid-send, when the message may
or may not have gone. Notify has no idempotency key, so such a row is never resent blindly (at
most once): it is marked `failed` with an error saying so, for a site admin to check (Notify:
look it up by its reference `outbox-<id>`; SMTP: its Message-ID starts `<outbox-<id>-`) and
retry from the admin if it did not arrive.
"""

import logging
from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django_tasks import task

from messaging.models import OutboxMessage
from messaging.outbox import providers

log = logging.getLogger("messaging.outbox")
Status = OutboxMessage.Status

MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
STUCK_AFTER = timedelta(minutes=15)
INTERRUPTED = (
    "Interrupted while sending (the worker stopped): it may have been delivered. Check with the "
    "provider (Notify reference or SMTP Message-ID outbox-{pk}) before retrying."
)


def backoff(attempts: int) -> timedelta:
    """The wait after the n-th failed attempt: 1 minute, 2, 4 ... at most LONGEST_WAIT."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def deliver(ids=None, limit=None, provider=None) -> Counter:
    """Send the due rows (only `ids` if given), one claim at a time, until none is left."""
    provider = provider or providers.get_provider()
    outcomes = Counter()
    try:
        while limit is None or sum(outcomes.values()) < limit:
            message = claim(ids, provider)
            if message is None:
                break
            outcomes[send(message, provider)] += 1
    finally:
        provider.close()
    if outcomes["retrying"]:
        schedule_retry()
    return outcomes


def deliver_due(limit=None) -> dict:
    """The worker's sweep: mark rows stuck in `sending`, then send every due row."""
    interrupted = mark_interrupted()
    outcomes = deliver(limit=limit)
    return {"interrupted": interrupted, **{k: outcomes[k] for k in ("sent", "retrying", "failed")}}


def claim(ids, provider) -> OutboxMessage | None:
    """The next due row, marked `sending` and committed; None when nothing is due."""
    while True:
        now = timezone.now()
        with transaction.atomic():
            due = OutboxMessage.objects.select_for_update(skip_locked=True).filter(
                status=Status.QUEUED, next_attempt_at__lte=now
            )
            if ids is not None:
                due = due.filter(pk__in=ids)
            message = due.order_by("next_attempt_at", "pk").first()
            if message is None:
                return None
            # Conditional as well, for databases without row locks (SQLite, the demo).
            claimed = OutboxMessage.objects.filter(pk=message.pk, status=Status.QUEUED).update(
                status=Status.SENDING,
                claimed_at=now,
                attempts=message.attempts + 1,
                updated_at=now,
            )
        if claimed:
            message.status, message.claimed_at = Status.SENDING, now
            message.attempts += 1
            return message


def send(message: OutboxMessage, provider) -> str:
    try:
        provider_id = provider.send(message)
    except providers.PermanentError as exc:
        _failed(message, str(exc))
        return "failed"
    except Exception as exc:  # TransientError, or anything unforeseen: try again later
        error = str(exc) if isinstance(exc, providers.TransientError) else repr(exc)
        if message.attempts >= MAX_ATTEMPTS:
            _failed(message, f"{error} (gave up after {message.attempts} attempts)")
            return "failed"
        wait = backoff(message.attempts)
        OutboxMessage.objects.filter(pk=message.pk, status=Status.SENDING).update(
            status=Status.QUEUED,
            next_attempt_at=timezone.now() + wait,
            last_error=error,
            updated_at=timezone.now(),
        )
        log.warning(
            "email %s (%s) attempt %s failed, next in %s: %s",
            message.pk,
            message.kind,
            message.attempts,
            wait,
            _redact(error, message),
        )
        return "retrying"
    # Success wins over anything that happened to the row meanwhile.
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.SENT,
        provider_id=provider_id[:200],
        sent_at=timezone.now(),
        last_error="",
        updated_at=timezone.now(),
    )
    log.info("email %s (%s) sent by %s", message.pk, message.kind, provider.name)
    return "sent"


def _failed(message, error: str) -> None:
    OutboxMessage.objects.filter(pk=message.pk, status=Status.SENDING).update(
        status=Status.FAILED, last_error=error, updated_at=timezone.now()
    )
    log.error("email %s (%s) failed: %s", message.pk, message.kind, _redact(error, message))


def _redact(text: str, message) -> str:
    """Provider errors may quote the address; logs never carry it."""
    return text.replace(message.recipient, "<recipient>")


def mark_interrupted(now=None) -> int:
    """Rows left in `sending` by a worker that died: failed, for an admin to check (at most
    once), never resent by themselves."""
    now = now or timezone.now()
    stuck = list(
        OutboxMessage.objects.filter(
            status=Status.SENDING, claimed_at__lt=now - STUCK_AFTER
        ).values_list("pk", "kind")
    )
    for pk, kind in stuck:
        if OutboxMessage.objects.filter(pk=pk, status=Status.SENDING).update(
            status=Status.FAILED, last_error=INTERRUPTED.format(pk=pk), updated_at=now
        ):
            log.error("email %s (%s) was interrupted while sending; marked for a check", pk, kind)
    return len(stuck)


def schedule_retry() -> None:
    """Ask the task worker for a sweep when the next retry is due, where the task backend can
    defer (the database backend); otherwise the periodic `send_queued_email` picks them up."""
    from django_tasks import default_task_backend

    if not default_task_backend.supports_defer:
        return
    due = OutboxMessage.objects.filter(status=Status.QUEUED).aggregate(at=Min("next_attempt_at"))
    if due["at"] is None:
        return
    try:
        deliver_due_task.using(run_after=due["at"]).enqueue()
    except Exception:
        log.exception("could not schedule the next email delivery; send_queued_email will")


# --- the task worker's side (django-tasks) ---------------------------------------------------


@task()
def deliver_messages(ids: list[int]) -> dict:
    """Send the rows queued by one transaction (enqueued after its commit)."""
    return dict(deliver(ids=ids))


@task()
def deliver_due_task() -> dict:
    """The sweep: every due row, including retries and rows whose enqueue failed."""
    return deliver_due()
