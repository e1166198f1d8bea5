"""Load benchmark (make bench): locust (headless) against gunicorn on PostgreSQL and Elasticsearch,
with a national data set. Prints figures and ratios; never asserts on time.

1. A database of its own beside DATABASE_URL's (`<name>_loadbench`, dropped and made again at
   each run, so the gunicorn processes read what this process wrote), migrated, filled by
   bench.national_data (every authority; 5,000 service pages, 30,000 decided challenges and
   15,000 procurement exercises by default), and the search index rebuilt.
2. gunicorn with 4 sync workers on a free loopback port, settings bench.load_settings (DEBUG off,
   the portal's URLs plus /bench/floor, a fixed JSON body: the framework's floor).
3. For 10 and 50 users (each user asks again as soon as it has its answer): one locust run of the
   floor alone, then one run per page (/services/, /decisions/, one decision, /search/?q=,
   /procurement/<ref>.json) in which a fifth of each user's requests also go to the floor.
4. A table of requests/s, p50, p95 and failures, each page's p95 as a ratio of the floor's p95
   at the same number of users (the goal: within 5x), and the p95 of the floor requests made
   during the page's own run. The goal divides by the floor alone: with every worker busy, a
   floor request made among slow pages waits in the same queue as they do, so its p95 measures
   that queue more than the framework (it is printed, not used, to show the wait).

BENCH_SERVICES, BENCH_DECISIONS, BENCH_EXERCISES change the sizes; BENCH_LOAD_SECONDS the length
of each run (default 15); BENCH_LOAD_USERS the levels (default "10,50"); BENCH_LOAD_WORKERS the
number of gunicorn workers (default 4).
"""

import csv
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management import call_command

from bench import national_data
from bench.runner import create_database, env_int, smoke

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PAGES = ["services", "decisions", "decision", "search", "ocds"]
PATHS = {
    "services": "/services/",
    "decisions": "/decisions/",
    "decision": "/decisions/<ref>/",
    "search": "/search/?q=",
    "ocds": "/procurement/<ref>.json",
    "floor": "/bench/floor",
}
FLOOR_SHARE = 0.2
GOAL_RATIO = 5.0


# --- the database --------------------------------------------------------------------------------


def fresh_database() -> str:
    """Drop and make `<name>_loadbench` (a copy of the migrated template when there is one),
    point this process at it, migrated; return its DATABASE_URL."""
    name = f"{settings.DATABASES['default']['NAME']}_loadbench"
    if not create_database(name):
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)  # the cache every process shares (a table)
    url = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(url._replace(path=f"/{name}"))


# --- the server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(database_url: str, workdir: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DATABASE_URL": database_url,
        "SEARCH_INDEX_PREFIX": settings.SEARCH_INDEX_PREFIX,
        "DEBUG": "false",
    }
    command = [
        str(BIN / "gunicorn"), "portal.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--worker-class", "sync", "--timeout", "60",
        "--log-level", "warning", "--error-logfile", str(workdir / "gunicorn.log"),
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped: see {workdir / 'gunicorn.log'}")
        try:
            with urllib.request.urlopen(base + PATHS["floor"], timeout=2) as response:
                if response.status == 200:
                    return server, base
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit("gunicorn did not answer within a minute")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def warm_up(base: str, data: dict, workers: int) -> None:
    """Each worker opens its database and search connections before anything is measured."""
    paths = [
        "/services/",
        "/decisions/",
        f"/decisions/{data['decisions'][0]}/",
        f"/search/?q={data['words'][0]}",
        f"/procurement/{data['exercises'][0]}.json",
    ]
    for _ in range(workers * 2):
        for path in paths:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()


# --- locust ------------------------------------------------------------------------------------


def run_locust(base, endpoint, users, seconds, data_file, workdir) -> dict[str, dict]:
    """One headless run; the stats of each request name in it."""
    prefix = workdir / f"{endpoint}-{users}"
    env = {
        **os.environ,
        "LOAD_ENDPOINT": endpoint,
        "LOAD_FLOOR_SHARE": "0" if endpoint == "floor" else str(FLOOR_SHARE),
        "LOAD_DATA": str(data_file),
    }
    command = [
        str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
        "-u", str(users), "-r", str(users), "--run-time", f"{seconds}s", "--stop-timeout", "10",
        "--reset-stats", "--host", base, "--csv", str(prefix), "--only-summary",
        "--loglevel", "ERROR", "--exit-code-on-error", "0",
    ]  # fmt: skip
    with open(f"{prefix}.log", "w", encoding="utf-8") as log:
        result = subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    if result.returncode:
        raise SystemExit(f"locust failed ({result.returncode}): see {prefix}.log")
    stats = {}
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Name"] != "Aggregated":
                stats[row["Name"]] = {
                    "count": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                }
    with open(f"{prefix}_failures.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            print(f"    failure on {row['Name']}: {row['Error']} ({row['Occurrences']} times)")
    return stats


# --- the report --------------------------------------------------------------------------------


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'endpoint':26} {'users':>5} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'fail':>5} "
        f"{'p95/floor':>9}   {'floor p95 in the same run':>25}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        ratio = f"{r['ratio']:.1f}" if r.get("ratio") else ""
        floor = f"{r['floor_in_run']:.0f} ms" if r.get("floor_in_run") else ""
        print(
            f"{PATHS[r['endpoint']]:26} {r['users']:>5} {r['rps']:>7.1f} {r['p50']:>7.0f} "
            f"{r['p95']:>7.0f} {r['failures']:>5} {ratio:>9}   {floor:>25}"
        )


def main():
    if not settings.ELASTICSEARCH_URL:
        print("ELASTICSEARCH_URL is not set: run through `bash scripts/test.sh --bench bench_load`")
        return
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        print(
            "DATABASE_URL is not PostgreSQL: run through `bash scripts/test.sh --bench bench_load`"
        )
        return
    sizes = national_data.Sizes.from_environment()
    seconds = env_int("BENCH_LOAD_SECONDS", 15, smoke_size=3)
    users = os.environ.get("BENCH_LOAD_USERS") or ("2" if smoke() else "10,50")
    levels = [int(u) for u in users.split(",")]
    workers = env_int("BENCH_LOAD_WORKERS", 4, smoke_size=1)
    started = time.perf_counter()

    database_url = fresh_database()
    settings.SEARCH_INDEX_PREFIX = f"loadbench-{int(time.time())}"
    print(f"national data set ({sizes.rows:,} services, decisions and notices):")
    built = national_data.build(sizes, log=print)
    print(
        "  made: "
        + ", ".join(f"{n:,} {what}" for what, n in built.counts.items())
        + f"; {sum(built.timings.values()):.0f} s in all"
    )

    workdir = ROOT / "test-output" / "bench-load"  # locust's CSV files and the servers' logs
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    data = {
        "decisions": built.decision_refs,
        "exercises": built.exercise_refs,
        "words": built.words,
        "service_list_pages": math.ceil(built.counts["services"] / 20),
        "decision_list_pages": math.ceil(built.counts["decisions"] / 20),
        "ocds_prefix": settings.OCDS_PREFIX,
    }
    data_file = workdir / "data.json"
    data_file.write_text(json.dumps(data), encoding="utf-8")

    server, base = start_server(database_url, workdir, workers)
    rows = []
    try:
        warm_up(base, data, workers)
        print(
            f"gunicorn: {workers} sync workers at {base}; locust: {seconds} s per run, "
            f"{FLOOR_SHARE:.0%} of each page run's requests to the floor"
        )
        for users in levels:
            load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            print(
                f"  {users} users (load average before the runs: {load} on {os.cpu_count()} CPUs)"
            )
            alone = run_locust(base, "floor", users, seconds, data_file, workdir)["floor"]
            rows.append({"endpoint": "floor", "users": users, **alone})
            for page in PAGES:
                stats = run_locust(base, page, users, seconds, data_file, workdir)
                in_run = stats.get("floor", {})
                row = {"endpoint": page, "users": users, **stats[page]}
                row["failures"] += in_run.get("failures", 0)
                row["floor_in_run"] = in_run.get("p95")
                row["ratio"] = row["p95"] / alone["p95"] if alone["p95"] else math.inf
                rows.append(row)
    finally:
        stop_server(server)
        log = (workdir / "gunicorn.log").read_text(encoding="utf-8", errors="replace")
        if "Traceback" in log:
            print(f"gunicorn logged errors (see {workdir / 'gunicorn.log'}):")
            print("\n".join(log.splitlines()[-20:]))
        from search.backends import backend_named

        es = backend_named("elasticsearch")
        for index in es.current_indices():
            es.client.indices.delete(index=index, ignore_unavailable=True)

    print_table(rows)
    failures = sum(r["failures"] for r in rows)
    pages = [r for r in rows if r["endpoint"] != "floor"]
    worst = max(pages, key=lambda r: r["ratio"])
    met = all(r["ratio"] <= GOAL_RATIO for r in pages)
    print(f"no errors: {'met' if failures == 0 else f'not met ({failures} failed requests)'}")
    print(
        f"p95 within {GOAL_RATIO:.0f}x floor: {'met' if met else 'not met'}, worst "
        f"{worst['ratio']:.1f}x ({PATHS[worst['endpoint']]} at {worst['users']} users)"
    )
    print(f"load benchmark: {time.perf_counter() - started:.0f} s in all")
