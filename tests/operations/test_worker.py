"""The worker process (manage.py run_worker) against the test PostgreSQL with the database task
backend: it drains the queue, keeps a heartbeat, stops cleanly, and runs the daily jobs once a
day however many workers there are."""

import signal
import threading
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal import registry, worker
from portal.models import DailyJobRun, WorkerHeartbeat
from search.models import PendingUpdate
from tests import builders
from tests.operations.processes import PYTHON, production_env, start, stop, wait_until

pytestmark = pytest.mark.django_db(transaction=True)
INDEXING = "search.indexing.apply_pending_updates"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS
    settings.ELASTICSEARCH_URL = ""  # the worker below uses the database search backend too


def run_worker(tmp_path, name: str, **env):
    return start(
        [PYTHON, "manage.py", "run_worker", "--heartbeat", "1", "--worker-id", name],
        production_env(**env),
        tmp_path / f"{name}.log",
    )


def task_states(path: str) -> list[str]:
    return list(DBTaskResult.objects.filter(task_path=path).values_list("status", flat=True))


def test_the_worker_drains_the_queue_and_keeps_a_heartbeat(database_tasks, tmp_path):
    trafford = builders.authority("TRF", nice_name="Trafford")
    page = builders.service(trafford, "Meals on wheels")  # commits: its indexing task is queued
    pending = PendingUpdate.objects.get(kind="service", object_id=str(page.pk))
    assert pending.applied_at is None
    assert set(task_states(INDEXING)) == {"READY"}

    process = run_worker(tmp_path, "worker-a", DAILY_JOBS_AT="23:59")
    try:
        wait_until(
            lambda: set(task_states(INDEXING)) == {"SUCCESSFUL"},
            timeout=60,
            what="the worker to run the indexing task",
        )
        pending.refresh_from_db()
        assert pending.applied_at is not None
        beat = wait_until(
            lambda: WorkerHeartbeat.objects.filter(worker_id="worker-a").first(),
            timeout=30,
            what="a heartbeat",
        )
        first_seen = beat.last_seen
        wait_until(
            lambda: WorkerHeartbeat.objects.get(worker_id="worker-a").last_seen > first_seen,
            timeout=30,
            what="the heartbeat to move on",
        )
        assert (timezone.now() - WorkerHeartbeat.objects.get().last_seen).total_seconds() < 10
    finally:
        status = stop(process, signal.SIGTERM)
    log = (tmp_path / "worker-a.log").read_text()
    assert status == 0, log
    assert "Traceback" not in log
    assert not WorkerHeartbeat.objects.filter(worker_id="worker-a").exists()


def test_two_workers_run_the_daily_jobs_once(database_tasks, tmp_path, settings):
    workers = [run_worker(tmp_path, name, DAILY_JOBS_AT="00:00") for name in ("w-one", "w-two")]
    try:
        wait_until(
            lambda: WorkerHeartbeat.objects.filter(worker_id__in=["w-one", "w-two"]).count() == 2,
            timeout=60,
            what="both workers' heartbeats",
        )
        wait_until(
            lambda: (
                sorted(task_states("portal.tasks.run_daily_job"))
                == ["SUCCESSFUL"] * len(list(registry.daily_jobs))
            ),
            timeout=60,
            what="the daily jobs to run",
        )
        first = WorkerHeartbeat.objects.get(worker_id="w-two").last_seen
        wait_until(  # both workers have looked for the day's jobs again since
            lambda: WorkerHeartbeat.objects.get(worker_id="w-two").last_seen > first,
            timeout=30,
            what="another round of duties",
        )
    finally:
        statuses = [stop(process) for process in workers]
    assert statuses == [0, 0]
    today = timezone.localdate()
    assert sorted(DailyJobRun.objects.filter(day=today).values_list("job", flat=True)) == sorted(
        list(registry.daily_jobs)
    )
    results = DBTaskResult.objects.filter(task_path="portal.tasks.run_daily_job")
    assert sorted(r.args_kwargs["args"][0] for r in results) == sorted(list(registry.daily_jobs))


def test_claims_race_in_threads_and_only_one_wins(database_tasks, settings):
    settings.DAILY_JOBS_AT = (0, 0)
    barrier = threading.Barrier(4)
    claimed: list[list[str]] = []

    def claim(name):
        try:
            barrier.wait()
            claimed.append(worker.claim_daily_jobs(name))
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(f"t{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(job for jobs in claimed for job in jobs) == sorted(list(registry.daily_jobs))
    assert DBTaskResult.objects.filter(task_path="portal.tasks.run_daily_job").count() == len(
        list(registry.daily_jobs)
    )
    assert worker.claim_daily_jobs("later") == []  # the same day again: nothing


def test_daily_jobs_wait_for_their_time(database_tasks, settings):
    settings.DAILY_JOBS_AT = (6, 0)
    early = timezone.make_aware(datetime(2026, 3, 2, 5, 59))
    assert worker.claim_daily_jobs("w", now=early) == []
    assert not DailyJobRun.objects.exists()
    later = timezone.make_aware(datetime(2026, 3, 2, 6, 0))
    assert worker.claim_daily_jobs("w", now=later) == list(registry.daily_jobs)
    assert set(DailyJobRun.objects.values_list("day", flat=True)) == {later.date()}


def test_sweeps_are_queued_when_due_and_not_twice(database_tasks, settings):
    sweeps = worker.Sweeps({"search.indexing.apply_pending_updates": 60})
    now = timezone.now()
    assert sweeps.queue_due(now) == ["search.indexing.apply_pending_updates"]
    assert sweeps.queue_due(now + timedelta(seconds=10)) == []  # not due yet
    assert sweeps.queue_due(now + timedelta(seconds=61)) == []  # one is still waiting
    DBTaskResult.objects.all().delete()
    assert sweeps.queue_due(now + timedelta(seconds=122)) == [
        "search.indexing.apply_pending_updates"
    ]
