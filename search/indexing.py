"""The indexing pipeline: outbox row (in the writer's transaction) -> on_commit -> a django-tasks
task -> the search backend. Never inside the request; nothing is lost while the engine is down.

Apps call queue_update(obj) after a change that may alter what is public, and
queue_delete(kind, object_id) when a row is deleted. Both may be called inside or outside a
transaction.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from search import registry
from search.backends import get_backend
from search.models import PendingUpdate

log = logging.getLogger(__name__)
BATCH = 500
KEEP_APPLIED = timedelta(days=1)  # a rebuild re-applies what changed under it from these rows


def queue_update(obj) -> bool:
    """Queue a refresh of obj's index entry. Returns False when obj is of no searchable kind."""
    kind = registry.kind_for(obj)
    if kind is None:
        return False
    _queue(kind.name, obj.pk)
    return True


def queue_delete(kind: str, object_id) -> None:
    """Queue a removal. The indexer re-checks the public queryset, so this is always safe."""
    _queue(kind, object_id)


def _queue(kind: str, object_id) -> None:
    PendingUpdate.objects.update_or_create(
        kind=kind,
        object_id=str(object_id),
        defaults={"queued_at": timezone.now(), "applied_at": None, "attempts": 0},
    )
    transaction.on_commit(_enqueue)


def _enqueue() -> None:
    try:
        apply_pending_updates.enqueue()
    except Exception:  # the outbox row stays; the next run or `search_index --apply` applies it
        log.exception("could not enqueue the search indexing task")


def apply_pending(limit: int | None = None, since=None) -> dict:
    """Apply queued updates to the backend. Errors leave the rows for the next run.

    With `since`, re-apply every row queued from then on, applied or not (after a rebuild).
    """
    backend = get_backend()
    rows = PendingUpdate.objects.order_by("queued_at")
    rows = rows.filter(queued_at__gte=since) if since else rows.filter(applied_at__isnull=True)
    applied = failed = 0
    for batch in _batches(rows, limit):
        upserts, deletes = [], []
        for row in batch:
            kind = registry.get(row.kind)
            record = kind.record_for(row.object_id) if kind else None
            if record is not None:
                upserts.append(record)
            else:
                deletes.append(f"{row.kind}-{row.object_id}")
        try:
            backend.upsert(upserts)
            backend.delete(deletes)
        except Exception as exc:
            failed += len(batch)
            log.warning("search index unavailable, %d updates kept: %s", len(batch), exc)
            for row in batch:
                PendingUpdate.objects.filter(pk=row.pk, queued_at=row.queued_at).update(
                    attempts=row.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:300]
                )
            break
        now = timezone.now()
        for row in batch:
            # A row queued again while we worked keeps its newer queued_at and stays pending.
            PendingUpdate.objects.filter(pk=row.pk, queued_at=row.queued_at).update(
                applied_at=now, last_error=""
            )
        applied += len(batch)
    PendingUpdate.objects.filter(applied_at__lt=timezone.now() - KEEP_APPLIED).delete()
    return {"applied": applied, "failed": failed, "pending": pending_count()}


def _batches(rows, limit):
    seen = 0
    last_pk = 0
    while True:
        size = BATCH if limit is None else min(BATCH, limit - seen)
        if size <= 0:
            return
        batch = list(rows.filter(pk__gt=last_pk).order_by("pk")[:size])
        if not batch:
            return
        yield batch
        seen += len(batch)
        last_pk = batch[-1].pk


def pending_count() -> int:
    return PendingUpdate.objects.filter(applied_at__isnull=True).count()


def all_records():
    for kind in registry.all_kinds():
        yield from kind.records()


def rebuild(before_swap=None) -> int:
    """Rebuild the whole index from every kind's public rows, then re-apply what changed since."""
    started = timezone.now()
    count = get_backend().rebuild(all_records(), before_swap=before_swap)
    apply_pending(since=started)
    return count


@task()
def apply_pending_updates() -> dict:
    """Apply the outbox to the search backend (runs after the writer's transaction commits)."""
    return apply_pending()
