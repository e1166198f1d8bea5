"""Dashboard benchmark (make bench): prints ratios, never asserts on time.

The national dashboard at BENCH_CHALLENGES challenges (default 100,000) on PostgreSQL, made with
bench.national_data (every authority, decided challenges with their dates, some procurement):

(a) raw: the aggregate SQL the dashboard runs (every statement statistics.england() and
    statistics.league() send, captured once and then executed as plain SQL through a cursor);
(b) /dashboard/ through Django's test client as a visitor gets it: figures from the shared
    cache (warm), p95 against (a) (goal <= 1.5) and absolute (goal <= 300 ms);
(c) /dashboard/ on a cold cache (the request that works every figure out again, as the first
    visitor after a refresh was lost would): p95 against (a).
"""

import os
import statistics
import time

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import national_data
from bench.runner import env_int, in_scratch_database, smoke
from dashboard import refresh
from dashboard import statistics as dashboard_statistics

CHALLENGES = env_int("BENCH_CHALLENGES", 100_000, smoke_size=60)
ROUNDS = env_int("BENCH_ROUNDS", 20, smoke_size=1)


def p95(values):
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def timed(fn, rounds: int) -> list[float]:
    result = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        result.append((time.perf_counter() - start) * 1000)
    return result


def aggregate_sql() -> list[tuple[str, tuple]]:
    with CaptureQueriesContext(connection) as captured:
        dashboard_statistics.england()
        dashboard_statistics.league()
    return [q["sql"] for q in captured.captured_queries]


def run_raw(statements) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)  # the statement as sent, its values bound in
            cursor.fetchall()


def slowest(statements) -> None:
    """Each statement's time, slowest first (BENCH_EXPLAIN=1), to see where the time goes."""
    times = []
    with connection.cursor() as cursor:
        for sql in statements:
            start = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            times.append(((time.perf_counter() - start) * 1000, sql))
    for ms, sql in sorted(times, reverse=True)[:4]:
        print(f"   {ms:8.1f} ms  {sql[:300]}")


def measure() -> None:
    sizes = national_data.Sizes(
        services=env_int("BENCH_SERVICES", 3000, smoke_size=10),
        decisions=CHALLENGES,
        # every challenge whose procurement started (a tenth) leads one exercise
        exercises=env_int(
            "BENCH_EXERCISES", max(100, CHALLENGES // 8), smoke_size=max(10, CHALLENGES // 4)
        ),
        authorities=3 if smoke() else None,
    )
    started = time.perf_counter()
    national_data.build(sizes, rebuild_index=False, log=lambda line: None)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    from challenges.models import Challenge

    count = Challenge.objects.count()
    print(f"data: {count:,} challenges in {time.perf_counter() - started:.0f} s")

    statements = aggregate_sql()
    run_raw(statements)  # warm PostgreSQL's buffers
    raw = timed(lambda: run_raw(statements), ROUNDS)
    client = Client(HTTP_HOST="127.0.0.1")
    assert client.get("/dashboard/").status_code == 200
    warm = timed(lambda: client.get("/dashboard/"), ROUNDS)

    def cold():
        caches[refresh.CACHE].delete(refresh.GENERATION_KEY)
        client.get("/dashboard/")

    cold_times = timed(cold, max(5, ROUNDS // 4))
    if os.environ.get("BENCH_EXPLAIN"):
        slowest(statements)
    raw95, warm95, cold95 = p95(raw), p95(warm), p95(cold_times)
    print(
        f"(a) raw aggregate SQL ({len(statements)} statements): "
        f"median {statistics.median(raw):.1f} ms, p95 {raw95:.1f} ms"
    )
    print(
        f"(b) /dashboard/ from the cache: median {statistics.median(warm):.1f} ms, "
        f"p95 {warm95:.1f} ms; ratio to (a) {warm95 / raw95:.2f} (goal <= 1.5); "
        f"{'within' if warm95 <= 300 else 'OVER'} 300 ms"
    )
    print(
        f"(c) /dashboard/ on a cold cache: median {statistics.median(cold_times):.1f} ms, "
        f"p95 {cold95:.1f} ms; ratio to (a) {cold95 / raw95:.2f}"
    )


def main() -> None:
    in_scratch_database(measure)
