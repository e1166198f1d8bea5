"""The worker process: django-tasks-db's db_worker draining every queue, plus the duties of
portal.worker (heartbeat, daily jobs, sweeps) in a thread beside it.

A subclass, not a second process or a scheduler: one process to run and scale, the queue loop
and its signal handling stay the library's own, and the duties only write a few rows.
"""

from django.conf import settings
from django_tasks_db.management.commands import db_worker

from portal.worker import Duties


class Command(db_worker.Command):
    help = "Run a worker: every task queue, a heartbeat, and the daily jobs."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)
        parser.add_argument(
            "--heartbeat",
            type=float,
            default=settings.WORKER_HEARTBEAT_SECONDS,
            help="Seconds between heartbeats (and checks for daily jobs and sweeps).",
        )

    def handle(self, *args, heartbeat, batch, **options):
        if batch:  # drain the queues and exit: no duties
            return super().handle(*args, batch=batch, **options)
        duties = Duties(options["worker_id"], heartbeat)
        duties.once()  # ready as soon as the process is: the first heartbeat before any task
        duties.start()
        try:
            super().handle(*args, batch=batch, **options)
        finally:
            duties.stop()
