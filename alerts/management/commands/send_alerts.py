from django.core.management.base import BaseCommand

from alerts.models import Subscription
from alerts.sending import send_alerts


class Command(BaseCommand):
    help = (
        "Email each active alert what is new since its last run: the instant alerts (run it "
        "every few minutes), or with --daily the daily digests (run it once a day)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--daily", action="store_true", help="Send the daily digests")

    def handle(self, *args, daily=False, **options):
        frequency = Subscription.Frequency.DAILY if daily else Subscription.Frequency.INSTANT
        counts = send_alerts(frequency)
        self.stdout.write(
            f"{frequency} alerts: {counts['alerts']} run, {counts['emails']} email(s) queued, "
            f"{counts['failed']} failed"
        )
        if counts["failed"]:
            raise SystemExit(1)
