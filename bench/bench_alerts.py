"""The daily alert run for 10,000 subscribers (issue 11 item 7: built and queued in under 60 s
here), on PostgreSQL: SUBSCRIBERS daily "tell me when this service opens" alerts on one service
whose window opens, and SEARCH_SUBSCRIBERS daily saved searches (on the active search backend)
with the service page new to each, timed through `send_alerts --daily`. Each email is queued as
in production (an outbox row and a task row of django-tasks' database backend); delivering
them is the worker's job and is not timed. Printed as seconds per 10,000 and
the ratio to the 60 s goal.
"""

import time
from datetime import timedelta

from bench.runner import env_int, scratch_database

SUBSCRIBERS = env_int("BENCH_SUBSCRIBERS", 10_000, smoke_size=20)
# Each runs a search; the figure is scaled to 10,000.
SEARCH_SUBSCRIBERS = env_int("BENCH_SEARCH_SUBSCRIBERS", 1_000, smoke_size=5)
GOAL_SECONDS = 60.0


def build(n_windows: int, n_searches: int):
    from django.utils import timezone

    from alerts.models import Subscription
    from tests import builders

    trafford = builders.authority(
        "TRF", gss_code="E08000009", name="Trafford Council", nice_name="Trafford", slug="trafford"
    )
    service = builders.service(trafford, "Youth clubs")
    now = timezone.now() - timedelta(hours=1)
    common = {"frequency": Subscription.Frequency.DAILY, "confirmed_at": now, "last_run_at": now}
    Subscription.objects.bulk_create(
        Subscription(
            kind=Subscription.Kind.WINDOW,
            email=f"watcher{n}@example.org",
            authority=trafford,
            service=service,
            **common,
        )
        for n in range(n_windows)
    )
    Subscription.objects.bulk_create(
        Subscription(
            kind=Subscription.Kind.SEARCH,
            email=f"reader{n}@example.org",
            query="q=youth&kind=service",
            **common,
        )
        for n in range(n_searches)
    )
    today = timezone.localdate()
    trafford.windows.create(service=service, opens_on=today, closes_on=today + timedelta(30))
    from search import indexing

    indexing.rebuild()  # the service page, dated today: new for every saved search
    return trafford


def run(kind: str) -> tuple[float, int]:
    from django.db import connection

    from alerts.models import Subscription
    from alerts.sending import send_alerts

    others = Subscription.objects.exclude(kind=kind)
    held = list(others.values_list("pk", "frequency"))
    others.update(frequency=Subscription.Frequency.INSTANT)  # only this kind runs
    began = time.perf_counter()
    counts = send_alerts(Subscription.Frequency.DAILY)
    elapsed = time.perf_counter() - began
    for pk, frequency in held:
        Subscription.objects.filter(pk=pk).update(frequency=frequency)
    connection.close()
    return elapsed, counts["emails"]


def report(label: str, elapsed: float, emails: int, runs: int) -> None:
    per_10k = elapsed / runs * 10_000
    verdict = "met" if per_10k <= GOAL_SECONDS else "NOT met"
    print(
        f"{label}: {runs:,} alerts in {elapsed:.1f} s, {emails:,} emails queued; "
        f"{per_10k:.1f} s per 10,000; ratio to the {GOAL_SECONDS:.0f} s goal "
        f"{per_10k / GOAL_SECONDS:.2f} ({verdict})"
    )


def main() -> None:
    with scratch_database(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        from django.db import connection

        if connection.vendor != "postgresql":
            print(f"(on {connection.vendor}, not PostgreSQL: the goal is set for PostgreSQL)")
        build(SUBSCRIBERS, SEARCH_SUBSCRIBERS)
        elapsed, emails = run("window")
        report("window alerts, daily", elapsed, emails, SUBSCRIBERS)
        elapsed, emails = run("search")
        report("saved searches, daily", elapsed, emails, SEARCH_SUBSCRIBERS)
