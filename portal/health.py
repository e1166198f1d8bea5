"""/healthz and /readyz.

/healthz is liveness: the process answers, nothing else is called (a load balancer may ask it
every second). /readyz is readiness: each registered component check runs and the response is
503 when any fails. Components add a check with register_ready(name); a check returns details,
raises NotReady(details) when the component answers but is not ready, or raises anything else
when it does not answer.
"""

import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone

READY_CHECKS: dict[str, Callable[[], dict]] = {}


class NotReady(Exception):
    def __init__(self, reason: str, **details):
        super().__init__(reason)
        self.reason = reason
        self.details = details


def register_ready(name: str):
    def decorator(check: Callable[[], dict]):
        READY_CHECKS[name] = check
        return check

    return decorator


register = register_ready  # the name components used before /readyz existed


@register_ready("database")
def database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"backend": connection.vendor}


@register_ready("worker")
def worker() -> dict:
    """The newest worker heartbeat: older than WORKER_HEARTBEAT_MAX_AGE seconds is not ready."""
    from portal.models import WorkerHeartbeat

    now = timezone.now()
    newest = WorkerHeartbeat.objects.order_by("-last_seen").first()
    if newest is None:
        raise NotReady("no worker has reported")
    live = WorkerHeartbeat.objects.filter(
        last_seen__gte=now - timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE)
    ).count()
    age = round((now - newest.last_seen).total_seconds(), 1)
    if not live:
        raise NotReady("the last worker heartbeat is too old", last_heartbeat_seconds=age)
    return {"workers": live, "last_heartbeat_seconds": age}


@register_ready("task_queue")
def task_queue() -> dict:
    """The database task queue's backlog: tasks waiting to run, and how long the oldest has."""
    from django_tasks_db.models import DBTaskResult

    return backlog(DBTaskResult.objects.ready(), "enqueued_at")


def backlog(waiting, since_field: str) -> dict:
    oldest = waiting.order_by(since_field).values_list(since_field, flat=True).first()
    return {
        "waiting": waiting.count(),
        "oldest_waiting_seconds": (
            round((timezone.now() - oldest).total_seconds(), 1) if oldest else 0
        ),
    }


def healthz(request):
    return JsonResponse({"status": "ok"})


def readyz(request):
    ready, report = run_checks()
    return JsonResponse(
        {"status": "ok" if ready else "not ready", "components": report},
        status=200 if ready else 503,
    )


def run_checks() -> tuple[bool, dict]:
    """Every registered check: whether all are ready, and each one's report."""
    report, ready = {}, True
    for name, check in READY_CHECKS.items():
        started = time.perf_counter()
        try:
            result = {"status": "ok", **check()}
        except NotReady as exc:
            ready = False
            result = {"status": "not ready", "reason": exc.reason, **exc.details}
        except Exception as exc:  # a readiness check reports failures, it never raises them
            ready = False
            result = {"status": "error", "error": type(exc).__name__}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        report[name] = result
    return ready, report
