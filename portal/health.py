"""/healthz: the state of each component, as JSON. Apps add checks with register()."""

import time
from collections.abc import Callable

from django.db import connection
from django.http import JsonResponse

CHECKS: dict[str, Callable[[], dict]] = {}


def register(name: str):
    def decorator(check: Callable[[], dict]):
        CHECKS[name] = check
        return check

    return decorator


@register("database")
def database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"backend": connection.vendor}


@register("storage")
def files() -> dict:
    """The default storage: which backend, and that it answers (S3: HEAD on the bucket)."""
    from portal import storage

    return storage.check()


def healthz(request):
    report, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result = {"status": "ok", **check()}
        except Exception as exc:  # a health check reports failures, it never raises them
            healthy = False
            result = {"status": "error", "error": type(exc).__name__}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        report[name] = result
    return JsonResponse(
        {"status": "ok" if healthy else "error", "components": report},
        status=200 if healthy else 503,
    )
