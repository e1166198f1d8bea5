"""The task worker's side of the outbox (django-tasks)."""

from django_tasks import task

from messaging.outbox import delivery


@task()
def deliver_messages(ids: list[int]) -> dict:
    """Send the rows queued by one transaction (enqueued after its commit)."""
    return dict(delivery.deliver(ids=ids))


@task()
def deliver_due_task() -> dict:
    """The sweep: every due row, including retries and rows whose enqueue failed."""
    return delivery.deliver_due()
