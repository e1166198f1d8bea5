"""The register of decisions as CSV: the rows of the register's current filter, every page of
them, with the public fields only (streamed through portal.spreadsheets.csv_response)."""

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from portal.models import Authority
from portal.spreadsheets import csv_response

COLUMNS = [
    "Reference", "Address", "Authority", "Partner authorities", "Service", "Body that challenged",
    "Type of body", "Received", "Decision due", "Decided", "Outcome", "Grounds",
    "Procurement started", "Procurement result", "Provenance", "Source file", "Source row",
]  # fmt: skip


def _date(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "astimezone"):
        value = timezone.localtime(value).date()
    return value.isoformat()


def rows(decisions):
    base = settings.BASE_URL.rstrip("/")
    decisions = decisions.select_related(
        "authority", "service", "organisation", "source_import"
    ).prefetch_related(
        Prefetch("service__partner_authorities", Authority.objects.only("nice_name"))
    )
    yield COLUMNS
    for c in decisions.iterator(chunk_size=500):
        yield [
            c.reference,
            f"{base}/decisions/{c.reference}/",
            c.authority.nice_name,
            "; ".join(sorted(p.nice_name for p in c.service.partner_authorities.all())),
            c.service.title,
            c.organisation.name,
            c.organisation.body_type_label,
            _date(c.received_at),
            _date(c.decision_due),
            _date(c.decided_at),
            c.get_outcome_display(),
            "; ".join(label for _, label in c.grounds_labelled),
            _date(c.procurement_started_on),
            c.get_procurement_result_display() if c.procurement_result else "",
            c.provenance_label,
            c.source_import.file_name if c.source_import_id else "",
            c.source_row or "",
        ]


def download(decisions):
    stamp = timezone.localdate().isoformat()
    return csv_response(rows(decisions), f"decisions-{stamp}.csv", stream=True)
