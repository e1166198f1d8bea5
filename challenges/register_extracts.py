"""Loading the published registers the eligibility checks read (challenges.eligibility), each in
its publisher's own format, from a file or the ZIP it is published in:

- the Charity Commission's register extract, table `charity` (publicextract.charity.json, a JSON
  array, or publicextract.charity.txt, tab-separated with a header row; both UTF-8 with a BOM);
- Companies House's basic company data (BasicCompanyData-*.csv: comma-separated, a header row
  whose names after the first begin with a space, dates as dd/mm/yyyy);
- a list of parish and town councils (CSV: name, principal_authority, synthetic).

Rows are upserted in batches by their register number, so loading a newer extract updates the
rows and loading the same one twice changes nothing.
"""

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from django.db import transaction

from .eligibility import normalise
from .models import CharityRegisterEntry, CompanyRegisterEntry, ParishCouncil

BATCH = 2000
# The `charity` table's columns the portal keeps (the extract has more: addresses, finances).
CHARITY_COLUMNS = (
    "organisation_number",
    "registered_charity_number",
    "linked_charity_number",
    "charity_name",
    "charity_type",
    "charity_registration_status",
    "date_of_registration",
    "date_of_removal",
    "charity_company_registration_number",
    "charity_is_cio",
)
COMPANY_COLUMNS = (
    "CompanyName",
    "CompanyNumber",
    "CompanyCategory",
    "CompanyStatus",
    "DissolutionDate",
    "IncorporationDate",
)
PARISH_COLUMNS = ("name", "principal_authority", "synthetic")


class ExtractError(ValueError):
    """The file is not in the format expected; the message says what is missing."""


@contextmanager
def opened(path: Path, suffixes: tuple[str, ...]):
    """The file as text (UTF-8, a BOM ignored), or the single member of a ZIP ending with one of
    the suffixes."""
    path = Path(path)
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(suffixes)]
            if len(names) != 1:
                raise ExtractError(
                    f"{path.name} holds {len(names)} files ending {' or '.join(suffixes)}"
                )
            with archive.open(names[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""), names[0]
        return
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield fh, path.name


def _date(value) -> date | None:
    """ISO dates with or without a time ("2019-02-14T00:00:00", "2019-02-14 00:00:00") and
    Companies House's dd/mm/yyyy; empty or NULL as None."""
    text = (str(value) if value is not None else "").strip()
    if not text or text.upper() == "NULL":
        return None
    if "/" in text:
        return datetime.strptime(text, "%d/%m/%Y").date()
    return date.fromisoformat(text[:10])


def _flag(value) -> bool:
    return value is True or str(value).strip().lower() in ("true", "1", "yes")


def _require(found: Iterable[str], wanted: tuple[str, ...], name: str) -> None:
    missing = [c for c in wanted if c not in set(found)]
    if missing:
        raise ExtractError(f"{name} has no column {', '.join(missing)}")


def charity_rows(path: Path) -> Iterator[dict]:
    """The `charity` table's rows, from the JSON or the text extract."""
    with opened(path, (".json", ".txt")) as (fh, name):
        if name.lower().endswith(".json"):
            rows = json.load(fh)
            if rows:
                _require(rows[0].keys(), CHARITY_COLUMNS, name)
            yield from rows
            return
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        _require(reader.fieldnames or (), CHARITY_COLUMNS, name)
        yield from reader


def load_charity_extract(path: Path, source: str = "") -> int:
    source = source or f"Charity Commission register extract {Path(path).name}"
    entries = (
        CharityRegisterEntry(
            organisation_number=int(row["organisation_number"]),
            registered_charity_number=int(row["registered_charity_number"]),
            linked_charity_number=int(row["linked_charity_number"] or 0),
            name=str(row["charity_name"]).strip(),
            charity_type=str(row["charity_type"] or "").strip(),
            registration_status=str(row["charity_registration_status"]).strip(),
            date_of_registration=_date(row["date_of_registration"]),
            date_of_removal=_date(row["date_of_removal"]),
            company_number=str(row["charity_company_registration_number"] or "").strip(),
            is_cio=_flag(row["charity_is_cio"]),
            date_of_extract=_date(row.get("date_of_extract")),
            source=source,
        )
        for row in charity_rows(path)
    )
    return _upsert(
        CharityRegisterEntry,
        entries,
        unique=["registered_charity_number", "linked_charity_number"],
        fields=[
            "organisation_number",
            "name",
            "charity_type",
            "registration_status",
            "date_of_registration",
            "date_of_removal",
            "company_number",
            "is_cio",
            "date_of_extract",
            "source",
        ],
    )


def company_rows(path: Path) -> Iterator[dict]:
    with opened(path, (".csv",)) as (fh, name):
        reader = csv.reader(fh)
        header = [h.strip() for h in next(reader, [])]
        _require(header, COMPANY_COLUMNS, name)
        for values in reader:
            yield dict(zip(header, values, strict=False))


def load_company_data(path: Path, source: str = "") -> int:
    source = source or f"Companies House basic company data {Path(path).name}"
    entries = (
        CompanyRegisterEntry(
            company_number=row["CompanyNumber"].strip(),
            name=row["CompanyName"].strip(),
            category=row["CompanyCategory"].strip(),
            status=row["CompanyStatus"].strip(),
            incorporation_date=_date(row["IncorporationDate"]),
            dissolution_date=_date(row["DissolutionDate"]),
            source=source,
        )
        for row in company_rows(path)
    )
    return _upsert(
        CompanyRegisterEntry,
        entries,
        unique=["company_number"],
        fields=["name", "category", "status", "incorporation_date", "dissolution_date", "source"],
    )


def load_parish_list(path: Path, source: str) -> int:
    with opened(path, (".csv",)) as (fh, name):
        reader = csv.DictReader(fh)
        _require(reader.fieldnames or (), PARISH_COLUMNS, name)
        entries = [
            ParishCouncil(
                name=row["name"].strip(),
                normalised_name=normalise(row["name"]),
                principal_authority=row["principal_authority"].strip(),
                synthetic=_flag(row["synthetic"]),
                source=source,
            )
            for row in reader
        ]
    return _upsert(
        ParishCouncil,
        entries,
        unique=["normalised_name", "principal_authority"],
        fields=["name", "source", "synthetic"],
    )


def _upsert(model, entries: Iterable, unique: list[str], fields: list[str]) -> int:
    loaded, batch = 0, []
    with transaction.atomic():
        for entry in entries:
            batch.append(entry)
            if len(batch) >= BATCH:
                loaded += _write(model, batch, unique, fields)
                batch = []
        if batch:
            loaded += _write(model, batch, unique, fields)
    return loaded


def _write(model, batch, unique, fields) -> int:
    model.objects.bulk_create(
        batch, update_conflicts=True, unique_fields=unique, update_fields=fields
    )
    return len(batch)
