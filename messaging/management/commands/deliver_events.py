"""Deliver the events left undelivered (their task failed or was never enqueued). Safe to run as
often as you like, beside the task worker: an event is delivered once."""

from django.core.management.base import BaseCommand

from messaging.events import deliver_pending


class Command(BaseCommand):
    help = "Deliver every event that has not been delivered yet."

    def handle(self, *args, **options):
        count = deliver_pending()
        self.stdout.write(f"Delivered {count} event{'s' if count != 1 else ''}.")
