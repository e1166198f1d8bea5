"""Build the day's open data bulk files (/data/) into the portal's storage: a daily job
(portal.registry.daily_jobs), also run by hand."""

from django.core.management.base import BaseCommand

from opendata import bulk


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        for f in bulk.build():
            self.stdout.write(f"{f.name}: {f.rows} rows, {f.size} bytes, sha256 {f.sha256}")
