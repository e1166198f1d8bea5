"""Queue each person's daily summary of notifications. Run once a day; running it again the same
day sends nothing more."""

from django.core.management.base import BaseCommand

from messaging.digests import send_digests


class Command(BaseCommand):
    help = "Email each person who chose daily summaries what they were told since the last one."

    def handle(self, *args, **options):
        count = send_digests()
        self.stdout.write(f"Queued {count} daily summar{'ies' if count != 1 else 'y'}.")
