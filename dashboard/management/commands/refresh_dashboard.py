"""Work out the dashboard's figures again (one of the worker's daily jobs)."""

from django.core.management.base import BaseCommand

from dashboard import refresh


class Command(BaseCommand):
    help = "Work out the performance dashboard's figures again and serve the new ones."

    def handle(self, *args, **options):
        refresh.rebuild()
        self.stdout.write("Dashboard figures worked out again.")
