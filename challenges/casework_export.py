"""The casework export for committee reports: the cases an officer's queue held during a period,
with their decisions, as CSV (portal.spreadsheets.csv_response, streamed) or as an .xlsx
spreadsheet (portal.spreadsheets.xlsx_response, openpyxl).

A case is in the period when it was in the queue at some time in it: received on or before its
last day, and neither decided nor withdrawn before its first. The columns show each case as it is
now, and only what the queue and the case page already show the officer: no person is named.
"""

from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone

from portal.date_input import GovukDateField
from portal.forms import GovukFormMixin, required
from portal.spreadsheets import csv_response, xlsx_response
from portal.working_days import working_days_between

COLUMNS = [
    "Reference", "Body", "Service", "Received", "State", "Decided", "Outcome",
    "Grounds relied on", "Working days taken",
]  # fmt: skip
WIDTHS = [20, 36, 40, 12, 26, 12, 12, 60, 10]
FORMATS = {"csv": "CSV (comma-separated values)", "xlsx": "Spreadsheet (.xlsx)"}


class ExportForm(GovukFormMixin, forms.Form):
    start = GovukDateField(
        label="From",
        error_name="The start of the period",
        help_text="For example, 1 4 2026.",
        error_messages=required("Enter the start of the period"),
    )
    end = GovukDateField(
        label="To",
        error_name="The end of the period",
        help_text="For example, 30 6 2026.",
        error_messages=required("Enter the end of the period"),
    )
    format = forms.ChoiceField(
        label="File type",
        choices=FORMATS.items(),
        widget=forms.RadioSelect,
        error_messages=required("Select a file type"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The end of the period must be the same as or after the start")
        if start and start > timezone.localdate():
            self.add_error("start", "The start of the period must be today or in the past")
        return cleaned


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def in_period(cases, start: date, end: date):
    """The cases in the queue at some time from `start` to `end` (both included)."""
    first, after = _midnight(start), _midnight(end + timedelta(days=1))
    return (
        cases.filter(received_at__lt=after)
        .exclude(decided_at__lt=first)
        .exclude(withdrawn_at__lt=first)
        .select_related("organisation", "service")
        .order_by("received_at", "pk")
    )


def days_taken(challenge) -> int | None:
    """Working days from the start of the statutory clock to the decision (as the dashboard
    counts them); None until decided."""
    if not challenge.decided_at or not challenge.clock_start():
        return None
    return working_days_between(challenge.clock_start(), challenge.decided_on)


def rows(cases):
    """The header, then one row a case: dates as dates, the days as a number."""
    yield COLUMNS
    for c in cases.iterator(chunk_size=500):
        yield [
            c.reference,
            c.organisation.name,
            c.service.title,
            c.received_on,
            c.get_state_display(),
            c.decided_on,
            c.get_outcome_display(),
            "; ".join(label for _, label in c.grounds_labelled),
            days_taken(c),
        ]


def download(cases, start: date, end: date, kind: str):
    name = f"casework-{start.isoformat()}-to-{end.isoformat()}"
    chosen = in_period(cases, start, end)
    if kind == "xlsx":
        return xlsx_response(rows(chosen), f"{name}.xlsx", title="Casework", widths=WIDTHS)
    return csv_response(rows(chosen), f"{name}.csv", stream=True)
