"""Typed events: what happened to a case, published by the workflow engine after each transition
and by the deadline commands, and delivered after the commit to whoever subscribed.

    from portal import events
    events.publish(events.Event("challenge.submitted", challenge, actor=user))

publish() is called inside the writer's transaction; receivers run only once it commits, so a
rolled-back transition tells nobody. Receivers are registered from an AppConfig.ready()
(`events.receiver(fn)`), so that portal imports no app.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, transaction

log = logging.getLogger("portal.events")

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

    @property
    def machine(self) -> str:
        return self.kind.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.kind.split(".", 1)[1]


def receiver(fn: Receiver) -> Receiver:
    """Register fn to receive every event after its transaction commits."""
    if fn not in _RECEIVERS:
        _RECEIVERS.append(fn)
    return fn


def publish(event: Event) -> None:
    """Deliver `event` to every receiver after the current transaction commits (at once when
    there is none). A receiver that fails is logged and does not stop the others."""
    transaction.on_commit(lambda: _deliver(event))


def _deliver(event: Event) -> None:
    for fn in list(_RECEIVERS):
        try:
            fn(event)
        except Exception:
            log.exception("event receiver %s failed on %s", fn.__qualname__, event.kind)
