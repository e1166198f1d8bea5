"""Load Companies House's basic company data (BasicCompanyData CSV, or its ZIP), against which
companies and community interest companies are checked before their first challenge is assessed."""

from django.core.management.base import BaseCommand, CommandError

from challenges.register_extracts import ExtractError, load_company_data


class Command(BaseCommand):
    help = "Load Companies House basic company data (BasicCompanyData-*.csv or .zip)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a BasicCompanyData CSV, or the ZIP it is published in")
        parser.add_argument("--source", default="", help="How the rows' source is shown")

    def handle(self, *args, file, source, **options):
        try:
            loaded = load_company_data(file, source)
        except (OSError, ExtractError, KeyError, ValueError) as exc:
            raise CommandError(f"Could not load {file}: {exc}") from exc
        self.stdout.write(f"Loaded {loaded} companies from {file}")
