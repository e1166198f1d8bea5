"""Load a list of parish and town councils (CSV: name, principal_authority, synthetic) with its
source, against which parish councils are checked before their first challenge is assessed."""

from django.core.management.base import BaseCommand, CommandError

from challenges.register_extracts import ExtractError, load_parish_list


class Command(BaseCommand):
    help = "Load a list of parish and town councils with its source."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV with columns name, principal_authority, synthetic")
        parser.add_argument(
            "--source", required=True, help="Where the list comes from (shown with each match)"
        )

    def handle(self, *args, file, source, **options):
        try:
            loaded = load_parish_list(file, source)
        except (OSError, ExtractError, KeyError, ValueError) as exc:
            raise CommandError(f"Could not load {file}: {exc}") from exc
        self.stdout.write(f"Loaded {loaded} parish and town councils from {file}")
