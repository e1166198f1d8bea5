"""Send every due email in the outbox: run it every minute (cron or a scheduled task) beside the
task worker. It marks rows left `sending` by a worker that died, then sends the due rows."""

from django.core.management.base import BaseCommand

from messaging.outbox import deliver_due


class Command(BaseCommand):
    help = "Send the due emails in the outbox (retries included) and mark interrupted ones."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="Send at most this many.")

    def handle(self, *args, limit=None, **options):
        result = deliver_due(limit=limit)
        self.stdout.write(
            "Sent {sent}; {retrying} to retry; {failed} failed; {interrupted} interrupted.".format(
                **result
            )
        )
