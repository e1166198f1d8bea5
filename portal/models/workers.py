"""What the worker processes record: that they are alive, and which day's jobs were claimed."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """One row per running worker, updated every few seconds; /readyz reads the newest."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"worker {self.worker_id} on {self.hostname}"


class DailyJobRun(models.Model):
    """The claim on one day's run of one daily job: the unique row means one worker runs it."""

    job = models.CharField(max_length=100)
    day = models.DateField()
    claimed_at = models.DateTimeField(auto_now_add=True)
    worker_id = models.CharField(max_length=64)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="one_run_per_job_day")]

    def __str__(self):
        return f"{self.job} on {self.day}"
