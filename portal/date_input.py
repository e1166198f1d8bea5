"""The GOV.UK date input (day, month and year boxes) for every date people type, with the Design
System's error messages: "Enter …", "… must include a month", "… must be a real date",
"Year must include 4 numbers". https://design-system.service.gov.uk/components/date-input/

`GovukDateField` is the form field; `parse_parts` is the same check for pages that read the
query string themselves (the search filters)."""

import calendar
from dataclasses import dataclass
from datetime import date

from django import forms

PARTS = ("day", "month", "year")
# "3", "03", "March", "mar" and "Sept" are all March or September: people type what they see.
MONTHS = {
    **{name.lower(): n for n, name in enumerate(calendar.month_name) if name},
    **{name.lower(): n for n, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}


@dataclass
class DateProblem(Exception):
    message: str
    parts: tuple[str, ...]  # the boxes to mark as in error

    def __str__(self) -> str:
        return self.message


def _number(text: str) -> int | None:
    """A whole number as typed; None for anything else (or too long to be a day or a year)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 8 else None


def parse_parts(day: str, month: str, year: str, name: str) -> date | None:
    """The date the three boxes give, None when all three are empty; DateProblem otherwise.
    `name` starts the messages: "Date of the award must include a month"."""
    values = dict(zip(PARTS, ((v or "").strip() for v in (day, month, year)), strict=True))
    missing = [part for part in PARTS if not values[part]]
    if len(missing) == len(PARTS):
        return None
    if missing:
        raise DateProblem(f"{name} must include a {' and '.join(missing)}", tuple(missing))
    day_n = _number(values["day"])
    month_n = _number(values["month"])
    if month_n is None:
        month_n = MONTHS.get(values["month"].lower().rstrip("."))
    year_n = _number(values["year"])
    typed_year = values["year"]
    if typed_year.isascii() and typed_year.isdigit() and len(typed_year) != 4:
        raise DateProblem("Year must include 4 numbers", ("year",))
    wrong = tuple(
        part
        for part, n, most in (("day", day_n, 31), ("month", month_n, 12), ("year", year_n, 9999))
        if n is None or not 1 <= n <= most
    )
    if wrong:
        raise DateProblem(f"{name} must be a real date", wrong)
    try:
        return date(year_n, month_n, day_n)
    except ValueError:
        raise DateProblem(f"{name} must be a real date", PARTS) from None


class GovukDateWidget(forms.MultiWidget):
    """Three text boxes (templates/forms/widgets/govuk_date.html); in error, only the boxes the
    message is about are marked."""

    template_name = "forms/widgets/govuk_date.html"

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput, forms.TextInput, forms.TextInput], attrs)

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    @staticmethod
    def parts_in_error(value) -> tuple[str, ...]:
        """The boxes a message about `value` (the three boxes as typed) is about: all three
        when it cannot say (an empty required date, or a rule of the form)."""
        if isinstance(value, list | tuple) and len(value) == len(PARTS):
            try:
                parse_parts(*(str(v or "") for v in value), name="The date")
            except DateProblem as problem:
                return problem.parts
        return PARTS

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        final = context["widget"]["attrs"]
        invalid = final.get("aria-invalid") == "true"
        marked = set(self.parts_in_error(value)) if invalid else set()
        for part, sub in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            sub["part"] = part
            sub["invalid"] = part in marked
        context["widget"]["describedby"] = final.get("aria-describedby", "")
        return context


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year. `error_name` starts the messages; by default the
    label, after its last colon ("If renewed: the new end date" -> "The new end date"). Rules
    such as "must be in the past" belong to the form, in the GOV.UK wording."""

    widget = GovukDateWidget

    def __init__(self, *, error_name: str = "", **kwargs):
        parts = [forms.CharField(required=False, strip=True) for _ in PARTS]
        super().__init__(parts, require_all_fields=False, **kwargs)
        self.error_name = error_name
        if "required" not in (kwargs.get("error_messages") or {}):
            # a sentence from the label until a form writes its own ("Enter the date of the award")
            name = str(self.label or "date").rsplit(": ", 1)[-1]
            name = name[:1].lower() + name[1:]
            article = "" if name.startswith(("the ", "your ")) else "the "
            self.error_messages["required"] = f"Enter {article}{name}"

    def compress(self, values):
        if not values:
            return None
        name = self.error_name or str(self.label or "The date").rsplit(": ", 1)[-1]
        try:
            return parse_parts(*(str(v or "") for v in values), name=name[:1].upper() + name[1:])
        except DateProblem as problem:
            raise forms.ValidationError(problem.message, code="invalid_date") from None
