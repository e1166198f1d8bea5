"""The register of decisions as CSV: the rows of the register's current filter, every page of
them, with the public fields only (cells through portal.spreadsheets.safe_cell)."""

import csv

from django.conf import settings
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.utils import timezone

from portal.models import Authority
from portal.spreadsheets import safe_cell

COLUMNS = [
    "Reference", "Address", "Authority", "Partner authorities", "Service", "Body that challenged",
    "Type of body", "Received", "Decision due", "Decided", "Outcome", "Grounds",
    "Procurement started", "Procurement result",
]  # fmt: skip


class _Echo:
    def write(self, value):
        return value


def _date(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "astimezone"):
        value = timezone.localtime(value).date()
    return value.isoformat()


def rows(decisions):
    base = settings.BASE_URL.rstrip("/")
    decisions = decisions.select_related("authority", "service", "organisation").prefetch_related(
        Prefetch("service__partner_authorities", Authority.objects.only("nice_name"))
    )
    yield COLUMNS
    for c in decisions.iterator(chunk_size=500):
        yield [
            safe_cell(v)
            for v in (
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
            )
        ]


def download(decisions) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows(decisions)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="decisions-{stamp}.csv"'
    return response
