"""An authority's own history brought into the portal (issue 20 item 7): its past challenges and
decisions, and the publications of its periods, from a CSV or JSON Lines file whose schema is in
docs/register-import.md (a sample: data/samples/register-sample.csv).

    report = imports.import_file(path_or_bytes, name, authority=authority, user=user)
    report.ok, report.problems, report.created, report.already_imported

The whole file is checked first; every bad row and column is reported in plain words and nothing
is imported unless the whole file is good. The same bytes (their SHA-256) imported again change
nothing. An import is one transaction and one audit event, about the portal.RegisterImport it
records (naming the file, its SHA-256, its rows and who imported it).

Why not `perform` or `act`: an imported case is history, not a step taken today. Running it
through the challenge machine would check today's conditions against the past (windows, bodies'
accounts), write one audit event per step dated today, and tell bodies that have no account of
decisions made years ago. The rows are written directly, with provenance "imported" and their
file and row, inside one transaction with the import's single audit event; the search index and
the dashboard are brought up to date in that transaction, as the engine's hooks would.
"""

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from challenges.models import Challenge, Outcome, State
from portal import audit, demo_content, law, roles
from portal.audit.actor import acting
from portal.models import (
    Organisation,
    PeriodVersion,
    ServiceCategory,
    ServiceSpecificationPage,
    provenance,
)
from portal.models.provenance import RegisterImport
from portal.workspaces import ensure_workspace

CHALLENGE, PERIODS = "challenge", "periods"
CHALLENGE_COLUMNS = [
    "record_type", "reference", "body_name", "body_type", "service", "category", "received_on",
    "notified_on", "decided_on", "outcome", "grounds", "reasons", "decision_url",
]  # fmt: skip
PERIOD_COLUMNS = [
    "effective_on", "decision_period", "decision_period_unit", "procurement_min_period",
    "procurement_min_period_unit",
]  # fmt: skip
COLUMNS = CHALLENGE_COLUMNS + PERIOD_COLUMNS
OUTCOMES = [Outcome.ACCEPTED, Outcome.MODIFIED, Outcome.REJECTED, "withdrawn"]
GROUNDS = dict(law.REJECTION_GROUNDS)
BODY_TYPES = dict(law.BODY_TYPES)
UNITS = dict(law.PERIOD_UNITS)
CATEGORIES = dict(demo_content.CATEGORIES) | {"other": "Other services"}
MAX_ROWS = 20_000
REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
REFERENCE_EXAMPLE = "TRF-CRTC-2021-01"


@dataclass
class Report:
    file_name: str
    sha256: str = ""
    problems: list[str] = field(default_factory=list)
    challenges: int = 0
    periods: int = 0
    already_imported: RegisterImport | None = None
    created: RegisterImport | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.problems:
            return f"{self.file_name}: nothing imported; {len(self.problems)} problems"
        if self.already_imported:
            when = timezone.localtime(self.already_imported.imported_at)
            return (
                f"{self.file_name} was imported on {when:%-d %B %Y} (SHA-256 {self.sha256}): "
                "nothing changed"
            )
        return (
            f"{self.file_name}: imported {self.challenges} challenges and {self.periods} "
            f"publications of periods (SHA-256 {self.sha256})"
        )


# --- reading ----------------------------------------------------------------------------------


def read_rows(data: bytes, name: str) -> tuple[str, list[dict], list[str]]:
    """(format, rows, problems): each row a dict of stripped strings."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "", [], ["The file is not UTF-8 text: save it as CSV (UTF-8) and try again"]
    if name.lower().endswith((".jsonl", ".ndjson")):
        rows, problems = [], []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                problems.append(f"Line {n}: not a JSON object")
                continue
            if not isinstance(value, dict):
                problems.append(f"Line {n}: not a JSON object")
                continue
            rows.append({k: "" if v is None else str(v).strip() for k, v in value.items()})
        return "jsonl", rows, problems
    reader = csv.DictReader(io.StringIO(text))
    unknown = [c for c in (reader.fieldnames or []) if c not in COLUMNS]
    if not reader.fieldnames or "record_type" not in reader.fieldnames:
        return "csv", [], ["The first line must name the columns, record_type among them"]
    if unknown:
        return "csv", [], [f"Unknown column {c!r}: see the schema" for c in unknown]
    rows = [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    return "csv", rows, []


# --- checking ---------------------------------------------------------------------------------


def _date(row, column, problems, where, required=True) -> date | None:
    value = row.get(column, "")
    if not value:
        if required:
            problems.append(f"{where}, column {column}: enter a date")
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        problems.append(f"{where}, column {column}: enter a date as YYYY-MM-DD, not {value!r}")
        return None
    if day > timezone.localdate():
        problems.append(f"{where}, column {column}: the date {value} is in the future")
    return day


def _period(row, column, problems, where) -> tuple[int | None, str]:
    value, unit = row.get(column, ""), row.get(f"{column}_unit", "")
    if not value and not unit:
        return None, ""
    number = None
    if not value.isdigit() or int(value) < 1:
        problems.append(f"{where}, column {column}: enter a whole number of 1 or more")
    else:
        number = int(value)
    if unit not in UNITS:
        problems.append(
            f"{where}, column {column}_unit: enter one of {', '.join(UNITS)}, not {unit!r}"
        )
    return number, unit


def check_challenge(row, where, problems, seen: set, taken: set) -> dict:
    """The row as the fields of a Challenge, its problems appended."""
    reference = row.get("reference", "")
    if not reference:
        problems.append(f"{where}, column reference: enter the authority's reference")
    elif len(reference) > 20:
        problems.append(f"{where}, column reference: use 20 characters or fewer")
    elif not REFERENCE.fullmatch(reference):
        problems.append(
            f"{where}, column reference: use only letters, digits and hyphens (the reference is "
            f"part of the decision's web address), for example {REFERENCE_EXAMPLE}, "
            f"not {reference!r}"
        )
    elif reference in seen:
        problems.append(f"{where}, column reference: {reference} is already on an earlier row")
    elif reference in taken:
        problems.append(
            f"{where}, column reference: {reference} is already in the portal "
            "(from another file, or recorded in the portal)"
        )
    seen.add(reference)
    for column in ("body_name", "service"):
        if not row.get(column):
            problems.append(f"{where}, column {column}: enter the {column.replace('_', ' ')}")
    if row.get("body_type", "") not in BODY_TYPES:
        problems.append(
            f"{where}, column body_type: enter one of {', '.join(BODY_TYPES)}, "
            f"not {row.get('body_type', '')!r}"
        )
    if row.get("category", "") and row["category"] not in CATEGORIES:
        problems.append(
            f"{where}, column category: enter one of {', '.join(CATEGORIES)}, or leave it empty"
        )
    outcome = row.get("outcome", "")
    if outcome not in OUTCOMES:
        problems.append(
            f"{where}, column outcome: enter one of {', '.join(map(str, OUTCOMES))}, "
            f"not {outcome!r}"
        )
    decided = outcome in (Outcome.ACCEPTED, Outcome.MODIFIED, Outcome.REJECTED)
    received = _date(row, "received_on", problems, where)
    decided_on = _date(row, "decided_on", problems, where, required=decided)
    notified_on = _date(row, "notified_on", problems, where, required=False)
    for column, day in (("decided_on", decided_on), ("notified_on", notified_on)):
        if received and day and day < received:
            problems.append(f"{where}, column {column}: the date is before received_on")
    grounds = [g.strip() for g in row.get("grounds", "").split(";") if g.strip()]
    for slug in grounds:
        if slug not in GROUNDS:
            problems.append(f"{where}, column grounds: {slug!r} is not a statutory ground")
    if outcome in (Outcome.REJECTED, Outcome.MODIFIED) and not grounds:
        problems.append(f"{where}, column grounds: a {outcome} decision cites its grounds")
    if outcome == Outcome.ACCEPTED and grounds:
        problems.append(f"{where}, column grounds: an accepted challenge cites no grounds")
    url = row.get("decision_url", "")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            problems.append(f"{where}, column decision_url: enter a web address (https://...)")
    if decided and not row.get("reasons") and not url:
        problems.append(
            f"{where}, columns reasons and decision_url: give the reasons, or a link to the "
            "published decision"
        )
    return {
        "reference": reference,
        "outcome": outcome,
        "received": received,
        "notified": notified_on or decided_on,
        "grounds": grounds,
    }


def check(rows: list[dict], authority) -> list[str]:
    problems = []
    if not rows:
        return ["The file has no rows"]
    if len(rows) > MAX_ROWS:
        return [f"The file has {len(rows)} rows: import at most {MAX_ROWS:,} at a time"]
    seen: set[str] = set()
    references = {r.get("reference", "") for r in rows} - {""}
    taken = set(
        Challenge.objects.filter(reference__in=references).values_list("reference", flat=True)
    )
    for n, row in enumerate(rows, 1):
        where = f"Row {n}"
        kind = row.get("record_type", "")
        if kind == CHALLENGE:
            check_challenge(row, where, problems, seen, taken)
        elif kind == PERIODS:
            _date(row, "effective_on", problems, where)
            decision = _period(row, "decision_period", problems, where)
            procurement = _period(row, "procurement_min_period", problems, where)
            if decision[0] is None and procurement[0] is None and not problems:
                problems.append(f"{where}: a publication of periods gives at least one period")
        else:
            problems.append(
                f"{where}, column record_type: enter {CHALLENGE} or {PERIODS}, not {kind!r}"
            )
    return problems


# --- writing ----------------------------------------------------------------------------------


def _aware(day: date | None, hour: int = 12) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, time(hour))) if day else None


def _category(slug: str) -> ServiceCategory:
    slug = slug or "other"
    return ServiceCategory.objects.get_or_create(slug=slug, defaults={"name": CATEGORIES[slug]})[0]


def _service(authority, title: str, category: str, cache: dict) -> ServiceSpecificationPage:
    """The authority's service of that title, or a draft page made for it under its workspace
    (named in its summary as a service of the imported register; never published by the
    import, so it is not counted as a specification published today)."""
    if title not in cache:
        page = (
            ServiceSpecificationPage.objects.filter(authority=authority, title=title)
            .order_by("pk")
            .first()
        )
        if page is None:
            page = ServiceSpecificationPage(
                live=False,  # history, not a specification published on the portal today
                authority=authority,
                title=title,
                category=_category(category),
                summary=f"A service named in {authority.nice_name}'s imported register.",
                delivery_model="in_house",
                contact_team=f"{authority.nice_name}",
            )
            ensure_workspace(authority).add_child(instance=page)
        cache[title] = page
    return cache[title]


def _write_challenge(row, n, record, authority, user, services) -> Challenge:
    organisation = Organisation.objects.filter(name=row["body_name"]).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=row["body_name"],
            body_type=row["body_type"],
            employer=authority if row["body_type"] == "employee_group" else None,
        )
    outcome = row["outcome"]
    received = date.fromisoformat(row["received_on"])
    # the day the body was told: what the dashboard times (notified_on, else decided_on)
    notified = row.get("notified_on") or row.get("decided_on")
    told = date.fromisoformat(notified) if notified else None
    withdrawn = outcome == "withdrawn"
    state = {
        Outcome.ACCEPTED: State.ACCEPTED,
        Outcome.MODIFIED: State.ACCEPTED,
        Outcome.REJECTED: State.REJECTED,
    }.get(outcome, State.WITHDRAWN)
    challenge = Challenge(
        reference=row["reference"],
        state=state,
        service=_service(authority, row["service"], row.get("category", ""), services),
        authority=authority,
        organisation=organisation,
        created_by=user,
        received_at=_aware(received, 10),
        outcome="" if outcome == "withdrawn" else outcome,
        grounds=[g.strip() for g in row.get("grounds", "").split(";") if g.strip()],
        decision_reasons=row.get("reasons", ""),
        published_decision_url=row.get("decision_url", ""),
        decided_at=None if withdrawn else _aware(told),
        withdrawn_at=_aware(told or received) if withdrawn else None,
        provenance=provenance.IMPORTED,
        source_import=record,
        source_row=n,
    )
    # judged against the periods in force when it was received, like any other (s.84(1)(b))
    challenge.decision_due = challenge.compute_decision_due()
    challenge.save()
    return challenge


def _write_periods(row, authority) -> bool:
    effective = date.fromisoformat(row["effective_on"])
    values = {
        "decision_period": int(row["decision_period"]) if row.get("decision_period") else None,
        "decision_period_unit": row.get("decision_period_unit", ""),
        "procurement_min_period": int(row["procurement_min_period"])
        if row.get("procurement_min_period")
        else None,
        "procurement_min_period_unit": row.get("procurement_min_period_unit", ""),
    }
    _, created = PeriodVersion.objects.get_or_create(
        authority=authority, effective_on=effective, defaults=values
    )
    return created


def import_file(data: bytes, name: str, *, authority, user) -> Report:
    """Check the whole file, then import it in one transaction with one audit event."""
    digest = hashlib.sha256(data).hexdigest()
    report = Report(file_name=name, sha256=digest)
    earlier = RegisterImport.objects.filter(authority=authority, sha256=digest).first()
    if earlier is not None:
        report.already_imported = earlier
        return report
    file_format, rows, report.problems = read_rows(data, name)
    if not report.problems:
        report.problems = check(rows, authority)
    if report.problems:
        return report
    role = roles.SITE_ADMIN if user.is_superuser else roles.AUTHORITY_ADMIN
    with transaction.atomic(), acting(user):
        record = RegisterImport.objects.create(
            authority=authority,
            file_name=name[:255],
            sha256=digest,
            file_format=file_format,
            rows=len(rows),
            imported_by=user,
        )
        services: dict = {}
        made = []
        # the periods first: each challenge is judged against those in force on its receipt
        for row in rows:
            if row["record_type"] == PERIODS and _write_periods(row, authority):
                report.periods += 1
        for n, row in enumerate(rows, 1):
            if row["record_type"] == CHALLENGE:
                made.append(_write_challenge(row, n, record, authority, user, services))
        report.challenges = len(made)
        audit.record(
            record,
            transition="import_register",
            from_state="",
            to_state="imported",
            actor=user,
            role=role,
            reason=f"Imported {name} (SHA-256 {digest}) into {authority.nice_name}'s register",
            changes={
                "file": name,
                "sha256": digest,
                "rows": len(rows),
                "challenges": [c.reference for c in made],
                "periods": report.periods,
            },
            reference=digest[:20],
        )
        _after_import(made)
    report.created = record
    return report


def _after_import(made: list[Challenge]) -> None:
    """The register's search entries queued (in the transaction, as the engine's hook does),
    the public lists and the dashboard's figures marked stale."""
    from dashboard import refresh

    try:
        from search.indexing import queue_update
    except ImportError:  # the portal runs without the search app
        queue_update = None
    for challenge in made:
        if queue_update and challenge.is_published:
            queue_update(challenge)
    transaction.on_commit(refresh.mark_stale)
