"""manage.py import_register FILE --authority CODE --by EMAIL: an authority's past challenges,
decisions and period publications from a CSV or JSON Lines file (docs/register-import.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "samples" / "register-sample.csv"


class Command(BaseCommand):
    help = (
        "Import an authority's own register (past challenges, decisions and publications of its "
        "periods) from a CSV or JSON Lines file; the whole file is checked first and nothing is "
        "imported unless every row is good. The same file imported again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="a .csv or .jsonl file (docs/register-import.md)"
        )
        parser.add_argument(
            "--sample",
            action="store_true",
            help="import the sample file (data/samples/register-sample.csv), as make demo does",
        )
        parser.add_argument("--authority", required=True, help="the authority's code, e.g. TRF")
        parser.add_argument(
            "--by", required=True, help="the email of the person importing (named in the audit)"
        )

    def handle(self, *args, **options):
        from dashboard import imports
        from portal.models import Authority, User

        if not options["file"] and not options["sample"]:
            raise CommandError("Name the file to import (or --sample)")
        path = SAMPLE if options["sample"] else Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        authority = Authority.objects.filter(code=options["authority"].upper()).first()
        if authority is None:
            raise CommandError(f"No authority has the code {options['authority']!r}")
        user = User.objects.filter(email__iexact=options["by"]).first()
        if user is None:
            raise CommandError(f"No account has the email {options['by']!r}")
        report = imports.import_file(path.read_bytes(), path.name, authority=authority, user=user)
        for problem in report.problems:
            self.stderr.write(problem)
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
