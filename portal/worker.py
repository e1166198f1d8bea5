"""The worker's duties besides draining the task queues, run by a thread beside django-tasks-db's
worker loop (manage.py run_worker): every few seconds it records a heartbeat, claims and queues
the day's jobs, and queues each periodic sweep that is due.

Daily jobs: one row per (job, day) with a unique constraint is the claim. The first worker to
insert it queues the job as a task, in the same transaction, so the shared queue holds exactly one
run of each job a day, and a crash between claim and queue loses neither (both or neither
commit). A run that fails is not retried that day (the jobs are safe to run by hand; its task
result says FAILED); the next day's run catches up, as each job looks at dates, not at runs.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from portal import registry
from portal.models import DailyJobRun, WorkerHeartbeat

log = logging.getLogger("portal.worker")
FORGET_AFTER = datetime.timedelta(days=1)  # heartbeats of workers long gone are removed


def beat(worker_id: str, started_at: datetime.datetime) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen": now,
        },
    )
    WorkerHeartbeat.objects.filter(last_seen__lt=now - FORGET_AFTER).delete()


def daily_jobs_due(now: datetime.datetime | None = None) -> bool:
    local = timezone.localtime(now)
    hour, minute = settings.DAILY_JOBS_AT
    return (local.hour, local.minute) >= (hour, minute)


def claim_daily_jobs(worker_id: str, now: datetime.datetime | None = None) -> list[str]:
    """Claim and queue today's run of each daily job no worker has claimed yet."""
    if not daily_jobs_due(now):
        return []
    from portal.tasks import run_daily_job

    day = timezone.localdate(now)
    claimed_before = set(DailyJobRun.objects.filter(day=day).values_list("job", flat=True))
    claimed = []
    for job in registry.daily_jobs:
        if job in claimed_before:
            continue
        try:
            with transaction.atomic():
                run = DailyJobRun.objects.create(job=job, day=day, worker_id=worker_id)
                result = run_daily_job.enqueue(job)
                run.task_result_id = str(result.id)
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # another worker claimed it first
        log.info("claimed the daily job %s for %s", job, day)
        claimed.append(job)
    return claimed


class Sweeps:
    """Queues each sweep (registry.worker_sweeps, or the `sweeps` given) every so many seconds,
    unless one is waiting."""

    def __init__(self, sweeps: dict[str, int] | None = None):
        self.sweeps = dict(registry.worker_sweeps) if sweeps is None else sweeps
        self.last_queued: dict[str, datetime.datetime] = {}

    def queue_due(self, now: datetime.datetime | None = None) -> list[str]:
        from django_tasks_db.models import DBTaskResult

        now = now or timezone.now()
        queued = []
        for path, every in self.sweeps.items():
            last = self.last_queued.get(path)
            if last and (now - last).total_seconds() < every:
                continue
            self.last_queued[path] = now
            if DBTaskResult.objects.ready().filter(task_path=path).exists():
                continue
            import_string(path).enqueue()
            queued.append(path)
        return queued


class Duties(threading.Thread):
    """The thread: heartbeat, daily jobs and sweeps, every `interval` seconds until stopped."""

    def __init__(self, worker_id: str, interval: float):
        super().__init__(name="worker-duties", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.started_at = timezone.now()
        self.stopping = threading.Event()
        self.sweeps = Sweeps()

    def run(self) -> None:
        while not self.stopping.is_set():
            self.once()
            self.stopping.wait(self.interval)

    def once(self) -> None:
        close_old_connections()
        for duty in (
            lambda: beat(self.worker_id, self.started_at),
            lambda: claim_daily_jobs(self.worker_id),
            self.sweeps.queue_due,
        ):
            try:
                duty()
            except Exception:  # the database may be away for a moment: try again next time
                log.exception("worker duty failed; retrying in %s s", self.interval)
                connection.close()
                return

    def stop(self) -> None:
        """Stop, and remove this worker's heartbeat: a stopped worker is not a live one."""
        self.stopping.set()
        self.join(timeout=self.interval + 5)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except Exception:
            log.warning("could not remove the heartbeat of a stopping worker")
