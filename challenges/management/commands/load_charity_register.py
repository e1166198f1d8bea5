"""Load the Charity Commission's register extract (table `charity`, JSON or text, or its ZIP),
against which charities and CIOs are checked before their first challenge is assessed."""

from django.core.management.base import BaseCommand, CommandError

from challenges.register_extracts import ExtractError, load_charity_extract


class Command(BaseCommand):
    help = "Load the Charity Commission register extract (publicextract.charity.json/.txt/.zip)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="publicextract.charity.json, .txt, or the ZIP of either")
        parser.add_argument("--source", default="", help="How the rows' source is shown")

    def handle(self, *args, file, source, **options):
        try:
            loaded = load_charity_extract(file, source)
        except (OSError, ExtractError, KeyError, ValueError) as exc:
            raise CommandError(f"Could not load {file}: {exc}") from exc
        self.stdout.write(f"Loaded {loaded} rows of the register of charities from {file}")
