from django_tasks import task

from search import indexing


@task()
def apply_pending_updates() -> dict:
    """Apply the outbox to the search backend (runs after the writer's transaction commits)."""
    return indexing.apply_pending()
