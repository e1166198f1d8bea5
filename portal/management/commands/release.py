"""The release step of a deployment, run once before the new web and worker processes start:
the deployment checks (any warning fails the release), the migrations, then collectstatic."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Check the deployment settings, migrate the database and collect the static files."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        self.stdout.write("Checking the deployment settings")
        call_command("check", deploy=True, fail_level="WARNING", verbosity=verbosity)
        self.stdout.write("Migrating the database")
        call_command("migrate", interactive=False, verbosity=verbosity)
        call_command("createcachetable", verbosity=verbosity)  # the processes' shared cache
        self.stdout.write("Collecting the static files")
        call_command("collectstatic", interactive=False, verbosity=max(verbosity - 1, 0))
        self.stdout.write(self.style.SUCCESS("Release done"))
