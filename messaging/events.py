"""Typed events: what happened to a case, published by the workflow engine after each transition
and by the deadline commands, and delivered after the commit to whoever subscribed.

    from portal import events
    events.publish(events.Event("challenge.submit", challenge, actor=user))

publish() writes an event row (messaging.EventRecord) inside the writer's transaction, so a
rolled-back transition tells nobody and a committed one is never lost: after the commit a task
(django-tasks) delivers it, and if that fails the worker's sweep (`deliver_pending()`, or
`manage.py deliver_events`) does. Delivering one event runs every receiver inside one transaction
that also marks the row delivered, with the row locked (SKIP LOCKED), so no event is delivered
twice. Receivers are registered from an AppConfig.ready() (`events.receiver(fn)`), so that portal
imports no app; messaging.notifications is one of them.

An event with a `key` (a deadline's date) is published at most once for its kind, subject and key:
running a reminder twice publishes nothing twice.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from messaging.models import EventRecord

log = logging.getLogger("messaging.events")

Receiver = Callable[["Event"], None]
_RECEIVERS: list[Receiver] = []


@dataclass(frozen=True)
class Event:
    """`kind` is "<machine>.<transition or deadline>", e.g. "challenge.accept",
    "exercise.open_tender", "agreement.review_due"; `subject` is the case it concerns."""

    kind: str
    subject: models.Model
    actor: models.Model | None = None  # the user who acted; None for deadlines
    data: dict = field(default_factory=dict)
    key: str = ""  # idempotency key: at most one event per (kind, subject, key)
    id: int | None = None  # the stored row, once published

    @property
    def machine(self) -> str:
        return self.kind.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.kind.split(".", 1)[1]

    @property
    def reference(self) -> str:
        return str(self.data.get("reference") or getattr(self.subject, "reference", "") or "")


def publish_step(step, record) -> None:
    """The workflow engine's step listener: every transition and action publishes its event."""
    publish(
        Event(
            kind=f"{step.machine.name}.{step.transition.name}",
            subject=step.obj,
            actor=step.user,
            data={
                "from_state": step.from_state,
                "to_state": step.obj.state,
                "role": step.role or step.transition.role,
                "audit_seq": record.seq,
            },
        )
    )


def receiver(fn: Receiver) -> Receiver:
    """Register fn to receive every event, inside the transaction that delivers it."""
    if fn not in _RECEIVERS:
        _RECEIVERS.append(fn)
    return fn


def receivers() -> list[Receiver]:
    return list(_RECEIVERS)


def publish(event: Event) -> int | None:
    """Store `event` in the current transaction and deliver it after the commit (at once when
    there is no transaction). Returns the row's id, or None when an event with the same key
    was published before."""
    from django.contrib.contenttypes.models import ContentType

    if "." not in event.kind:
        raise ValueError(f"An event kind reads <machine>.<name>, not {event.kind!r}")
    row = EventRecord(
        kind=event.kind,
        subject_type=ContentType.objects.get_for_model(event.subject),
        subject_id=event.subject.pk,
        reference=event.reference[:60],
        actor=event.actor,
        data=event.data,
        key=event.key,
    )
    if event.key:
        try:
            with transaction.atomic():  # a savepoint: a duplicate leaves the caller's work alone
                row.save()
        except IntegrityError:
            return None
    else:
        row.save()
    pk = row.pk
    transaction.on_commit(lambda: enqueue(pk))
    return pk


def enqueue(pk: int) -> None:
    try:
        deliver_event_task.enqueue(pk)
    except Exception:  # the row is committed: the sweep delivers it
        log.exception("could not enqueue delivery of event %s; the sweep will deliver it", pk)


# --- delivery: one event, one transaction ---------------------------------------------------
MAX_ATTEMPTS = 10


def as_event(row: EventRecord) -> Event:
    return Event(
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
                for fn in receivers():
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
