"""/healthz: which search backend is in use and whether it answers."""

from portal import health
from search.backends import get_backend
from search.indexing import pending_count


@health.register("search")
def search_health() -> dict:
    return {**get_backend().health(), "pending_updates": pending_count()}


@health.register_ready("search_outbox")
def search_outbox() -> dict:
    """Index updates waiting for the worker (reported even when the search engine is down)."""
    from django.apps import apps

    pending = apps.get_model("search", "PendingUpdate").objects.filter(applied_at__isnull=True)
    return health.backlog(pending, "queued_at")
