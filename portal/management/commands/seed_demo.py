"""Load the demo: real authorities' services, windows, guidance, accounts, and each app's cases."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from portal import demo, registry
from portal.demo_content import DEMO_PASSWORD
from portal.models import Authority, User, provenance
from portal.workspaces import each_ensured_once


class Command(BaseCommand):
    help = "Create the demo content and accounts (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the demo is already there (its accounts exist).",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and User.objects.filter(email__endswith="@demo.invalid").exists():
            self.stdout.write("The demo content is already there.")
            for finish in registry.demo_finishers:  # e.g. a demo made before staff had 2FA
                finish(stdout=None)
            return
        if not Authority.objects.exists():
            call_command("load_authorities", stdout=self.stdout)
        # Every case the demo makes is made up; each authority's workspace is ensured once.
        with provenance.recording(provenance.SYNTHETIC), each_ensured_once():
            result = demo.seed()
            for seeder in registry.demo_seeders:
                import_string(seeder)(stdout=self.stdout)
        self.stdout.write(f"Demo services added: {result['services_added']}")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for email, described in result["accounts"]:
            self.stdout.write(f"  {email:36} {described}")
        for finish in registry.demo_finishers:
            finish(stdout=self.stdout)
