"""Load the English authorities from mySociety's register of local authorities, and the fire and
rescue authorities from data/fire-and-rescue-authorities (SI 2012/1647 reg 3; see its SOURCE.md).

Every current English council is listed, including the City of London Corporation and the
Council of the Isles of Scilly, which can be parties to agreements but are not relevant
authorities (law.not_relevant_reason says why). Re-running updates rows in place (keyed by the
three-letter code) and keeps each authority's own published timescales. A malformed row stops
the load with an error naming it, and the whole load is rolled back.
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
FIRE_FILE = (
    Path(settings.DATA_DIR) / "fire-and-rescue-authorities" / "fire_and_rescue_authorities.csv"
)
FIRE_COLUMNS = {"code", "name", "nice_name", "region", "basis"}
REGISTER_TYPES = {t for t in law.AUTHORITY_TYPES if t != "FRA"}
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
    """Current English councils of the types listed (law.AUTHORITY_TYPES): those of s.81(2) and
    the City of London Corporation, listed but not challengeable."""
    return (
        (row.get("nation") or "").strip() == "England"
        and (row.get("local-authority-type") or "").strip() in REGISTER_TYPES
        and (row.get("current-authority") or "").strip().lower() == "true"
    )


def parse_fire_row(row: dict) -> dict:
    """Validate one fire and rescue authority; raise ValueError saying what is wrong."""
    code = (row.get("code") or "").strip()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError(f"the code {code!r} is not three capital letters")
    name, nice = (row.get("name") or "").strip(), (row.get("nice_name") or "").strip()
    if not name or not nice:
        raise ValueError("the name is missing")
    basis = (row.get("basis") or "").strip()
    if basis and basis not in law.FIRE_AND_RESCUE_BASES:
        raise ValueError(f"the basis {basis!r} is not a paragraph of SI 2012/1647 reg 3")
    if not basis and code not in law.NOT_RELEVANT_AUTHORITIES:
        raise ValueError("no basis is given and portal/law.py gives no reason why there is none")
    return {
        "code": code,
        "gss_code": None,
        "name": name,
        "nice_name": nice,
        "slug": slugify(nice),
        "authority_type": "FRA",
        "fire_basis": basis,
        "region": (row.get("region") or "").strip() or "England",
        "population": None,
    }


def read_rows(file: Path, required: set, keep, parse) -> list[dict]:
    if not file.is_file():
        raise CommandError(f"The register file {file} does not exist")
    with file.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise CommandError(f"{file.name} lacks the columns: {', '.join(sorted(missing))}")
        rows = []
        for line_number, row in enumerate(reader, start=2):
            if not keep(row):
                continue
            try:
                rows.append(parse(row))
            except ValueError as exc:
                raise CommandError(f"{file.name} line {line_number}: {exc}") from None
    return rows


class Command(BaseCommand):
    help = "Load the relevant English authorities from the register of local authorities."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
        parser.add_argument("--fire-file", type=Path, default=FIRE_FILE)

    def handle(self, *args, file: Path, fire_file: Path, **options):
        rows = read_rows(file, REQUIRED_COLUMNS, relevant, parse_row)
        if not rows:
            raise CommandError(f"{file.name} holds no current English authorities")
        rows += read_rows(fire_file, FIRE_COLUMNS, lambda row: True, parse_fire_row)
        created = updated = 0
        with transaction.atomic():
            for values in rows:
                _, was_created = Authority.objects.update_or_create(
                    code=values.pop("code"), defaults=values
                )
                created += was_created
                updated += not was_created
        self.stdout.write(f"Authorities: {created} added, {updated} updated ({len(rows)} in all)")
