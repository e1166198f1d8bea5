"""The audit trail's API, shared by every workflow (DESIGN.md "Audit").

    with transaction.atomic():
        challenge.submit(by=user)
        challenge.save()
        audit.record(challenge, transition="submit", from_state="draft", to_state="submitted",
                     actor=user, role="provider", reference=challenge.reference)

`record` belongs inside the caller's transaction: the event then commits or rolls back with the
change it describes, and the chain lock is held until that commit, so events join the chain in
commit order. Called outside a transaction, it makes one of its own.
"""

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, models, transaction
from django.utils import timezone

from portal import roles
from portal.models.audit import (
    GENESIS_HASH,
    HASHED_FIELDS,
    AuditEvent,
    compute_hash,
    normalise_changes,
)

# pg_advisory_xact_lock key for appends to the chain ("audit" in ASCII).
CHAIN_LOCK_KEY = 0x6175646974


# Models whose audited writes go through the workflow engine only (perform or act): the engine
# registers each machine's model, and marks the steps it runs.
_ENGINE_ONLY: set[type] = set()
_in_engine_step = contextvars.ContextVar("portal_audit_in_engine_step", default=False)


class EngineBypassed(RuntimeError):
    """An audited write to a workflow object outside the engine: it would tell nobody."""


def engine_only(model) -> None:
    """Refuse audit events about `model` that the workflow engine did not write."""
    _ENGINE_ONLY.add(model)


@contextmanager
def engine_step():
    """The engine's mark around one step: audit events about its objects may be written."""
    token = _in_engine_step.set(True)
    try:
        yield
    finally:
        _in_engine_step.reset(token)


def object_kind(obj) -> str:
    """ "app_label.model_name" of a model instance or class, e.g. "challenges.challenge"."""
    return obj._meta.label_lower


def _lock_chain() -> None:
    # PostgreSQL: one writer at a time until its transaction ends. SQLite serialises writers
    # itself; the unique seq stops a fork on any database.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def record(
    obj,
    *,
    transition: str,
    from_state: str,
    to_state: str,
    actor=None,
    role: str = roles.SYSTEM,
    reason: str = "",
    changes=None,
    reference: str = "",
) -> AuditEvent:
    """Append one event about `obj` to the chain and return it."""
    if obj.pk is None:
        raise ValueError("Save the object before recording an audit event about it")
    if type(obj) in _ENGINE_ONLY and not _in_engine_step.get():
        raise EngineBypassed(
            f"{object_kind(obj)} {transition}: a workflow object changes only through "
            "portal.workflow.perform or act, so that the change is checked, audited and told"
        )
    if not role:
        raise ValueError("Say which role the actor acted in")
    if actor is not None and not actor.is_authenticated:
        actor = None
    event = AuditEvent(
        object_kind=object_kind(obj),
        object_id=str(obj.pk),
        reference=reference or getattr(obj, "reference", "") or "",
        transition=transition,
        from_state=from_state or "",
        to_state=to_state or "",
        actor=actor,
        actor_role=role,
        reason=reason or "",
        changes=normalise_changes(changes),
    )
    # No savepoint: inside the caller's transaction a failure here fails the whole change.
    with transaction.atomic(savepoint=False):
        _lock_chain()
        seq, prev_hash = _chain_head()
        event.seq, event.prev_hash, event.at = seq + 1, prev_hash, timezone.now()
        event.hash = event.computed_hash()
        _insert(event)
    return event


# Plain SQL for the two statements made while the chain lock is held: the ORM's own overhead
# (about 0.9 ms here) more than doubled the cost of writing an event.
_HEAD_SQL = 'SELECT "seq", "hash" FROM "portal_auditevent" ORDER BY "seq" DESC LIMIT 1'
# Every hashed field, then the hash itself (the actor is stored as "actor_id"); the names are the
# model's own, never input.
_STORED_FIELDS = [AuditEvent._meta.get_field(name) for name in (*HASHED_FIELDS, "hash")]
_COLUMNS = ", ".join(f'"{field.column}"' for field in _STORED_FIELDS)
_VALUES = ", ".join("%s" for _ in _STORED_FIELDS)
_INSERT_SQL = f'INSERT INTO "{AuditEvent._meta.db_table}" ({_COLUMNS}) VALUES ({_VALUES})'  # noqa: S608
_RETURNING_ID = ' RETURNING "id"'


def _chain_head() -> tuple[int, str]:
    """(seq, hash) of the newest event; (0, GENESIS_HASH) before the first."""
    with connection.cursor() as cursor:
        cursor.execute(_HEAD_SQL)
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


def _insert(event: AuditEvent) -> None:
    """INSERT the event's fields prepared by the model's own fields (time zones, JSON)."""
    params = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in _STORED_FIELDS]
    returning = connection.features.can_return_columns_from_insert
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_SQL + _RETURNING_ID if returning else _INSERT_SQL, params)
        event.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    event._state.adding = False
    event._state.db = connection.alias


def events_for(obj) -> models.QuerySet:
    """Every event about `obj`, oldest first, with the actors (for officers only)."""
    return (
        AuditEvent.objects.filter(object_kind=object_kind(obj), object_id=str(obj.pk))
        .select_related("actor")
        .order_by("seq")
    )


# The hashed fields (as the model stores them), then the stored hash.
_VERIFY_FIELDS = [field.attname for field in _STORED_FIELDS]


def _stream(batch_size: int) -> Iterator[tuple]:
    """Events in seq order, one batch in memory at a time (keyset pagination on seq)."""
    after = None
    while True:
        batch = AuditEvent.objects.order_by("seq")
        if after is not None:
            batch = batch.filter(seq__gt=after)
        rows = list(batch.values_list(*_VERIFY_FIELDS)[:batch_size])
        yield from rows
        if len(rows) < batch_size:
            return
        after = rows[-1][0]


def verify_chain(batch_size: int = 5000) -> tuple[int, int | None, str]:
    """Recompute the chain: (events checked, seq of the first broken event or None, message).

    Checks, for each event in seq order: no gap in seq (the first event is 1), its stored hash
    equals the hash recomputed from its fields, and its prev_hash equals the previous event's hash.
    Deleting the newest events cannot be seen from the chain alone.
    """
    count = 0
    expected_seq, prev_hash = 1, GENESIS_HASH
    for row in _stream(batch_size):
        fields, stored = dict(zip(HASHED_FIELDS, row[:-1], strict=True)), row[-1]
        seq, prev = fields["seq"], fields["prev_hash"]
        count += 1
        if seq != expected_seq:
            missing = (
                f"event {expected_seq} is missing"
                if seq == expected_seq + 1
                else f"events {expected_seq} to {seq - 1} are missing"
            )
            return count, seq, f"gap: event {seq} follows event {expected_seq - 1}, {missing}"
        if compute_hash(**fields) != stored:
            return count, seq, f"hash mismatch: event {seq} was changed after it was written"
        if prev != prev_hash:
            before = f"event {seq - 1}" if seq > 1 else "the start of the chain"
            return count, seq, f"broken link: event {seq} does not follow the hash of {before}"
        expected_seq, prev_hash = seq + 1, stored
    return count, None, f"{count} events checked: chain sound"
