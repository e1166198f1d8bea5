"""Load every current English authority that can be challenged from mySociety's register.

Re-running updates rows in place (keyed by the three-letter code). A malformed row stops the
load with an error naming it, and the whole load is rolled back.
"""

import csv
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from portal import law
from portal.models import Authority

DEFAULT_FILE = Path(settings.DATA_DIR) / "uk-local-authorities" / "uk_local_authorities_current.csv"
REQUIRED_COLUMNS = {
    "local-authority-code",
    "official-name",
    "nice-name",
    "gss-code",
    "nation",
    "region",
    "local-authority-type",
    "current-authority",
    "pop-2020",
}


def parse_row(row: dict) -> dict:
    """Validate one register row; raise ValueError saying what is wrong."""
    code = (row.get("local-authority-code") or "").strip()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError(f"the code {code!r} is not three capital letters")
    gss = (row.get("gss-code") or "").strip()
    if not re.fullmatch(r"E\d{8}", gss):
        raise ValueError(f"the GSS code {gss!r} is not an English code like E06000001")
    name = (row.get("official-name") or "").strip()
    nice = (row.get("nice-name") or "").strip()
    if not name or not nice:
        raise ValueError("the name is missing")
    population_raw = (row.get("pop-2020") or "").strip()
    try:
        population = int(float(population_raw)) if population_raw else None
    except ValueError:
        raise ValueError(f"the population {population_raw!r} is not a number") from None
    if population is not None and population < 0:
        raise ValueError("the population is negative")
    return {
        "code": code,
        "gss_code": gss,
        "name": name,
        "nice_name": nice,
        "slug": slugify(nice),
        "authority_type": row["local-authority-type"].strip(),
        "region": (row.get("region") or "").strip() or "England",
        "population": population,
    }


def relevant(row: dict) -> bool:
    """s.81(2): current English councils of the relevant types."""
    return (
        (row.get("nation") or "").strip() == "England"
        and (row.get("local-authority-type") or "").strip() in law.RELEVANT_AUTHORITY_TYPES
        and (row.get("current-authority") or "").strip().lower() == "true"
    )


class Command(BaseCommand):
    help = "Load the relevant English authorities from the register of local authorities."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE)

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"The register file {file} does not exist")
        with file.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
            if missing:
                raise CommandError(f"{file.name} lacks the columns: {', '.join(sorted(missing))}")
            rows = []
            for line_number, row in enumerate(reader, start=2):
                if not relevant(row):
                    continue
                try:
                    rows.append(parse_row(row))
                except ValueError as exc:
                    raise CommandError(f"{file.name} line {line_number}: {exc}") from None
        if not rows:
            raise CommandError(f"{file.name} holds no current English authorities")
        created = updated = 0
        with transaction.atomic():
            for values in rows:
                _, was_created = Authority.objects.update_or_create(
                    code=values.pop("code"), defaults=values
                )
                created += was_created
                updated += not was_created
        self.stdout.write(f"Authorities: {created} added, {updated} updated ({len(rows)} in all)")
