"""`send_alerts --daily` under a name of its own, for the worker's daily jobs
(portal.registry.daily_jobs lists commands by name)."""

from .send_alerts import Command as SendAlerts


class Command(SendAlerts):
    help = "Send the daily alert digests (the same as send_alerts --daily)."

    def handle(self, *args, **options):
        return super().handle(*args, **{**options, "daily": True})
