"""/healthz: which search backend is in use and whether it answers."""

from portal import health
from search.backends import get_backend
from search.indexing import pending_count


@health.register("search")
def search_health() -> dict:
    return {**get_backend().health(), "pending_updates": pending_count()}
