"""The query string is the whole state of the search page. Parsing never fails: what cannot be
used is dropped with a message that says so."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from portal.date_input import PARTS, DateProblem, parse_parts
from search.backends.base import MAX_RESULT_WINDOW, SearchQuery
from search.registry import FACET_NAMES

MAX_QUERY_CHARS = 200
MAX_VALUES = 50
PER_PAGE = 20
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000\ue001]")


@dataclass
class Problem:
    field: str  # the id of the input it concerns (for the error summary's link)
    message: str


@dataclass
class Params:
    query: SearchQuery
    problems: list[Problem] = field(default_factory=list)
    csv: bool = False
    # What the day, month and year boxes of each date filter show, and the boxes in error.
    date_boxes: dict = field(default_factory=dict)

    @property
    def date_errors(self) -> dict[str, str]:
        """The message beside each date filter in error ("from", "to")."""
        errors = {}
        for problem in self.problems:
            name, _, part = problem.field.partition("-")
            if name in ("from", "to") and part in PARTS:
                errors.setdefault(name, problem.message)
        return errors

    @property
    def has_filters(self) -> bool:
        q = self.query
        return bool(q.date_from or q.date_to or any(q.filters.values()))


def parse_date(raw: str) -> date | None:
    raw = raw.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"):
        try:
            value = datetime.strptime(raw, pattern).date()  # noqa: DTZ007  (a calendar day)
        except ValueError:
            continue
        if 1900 <= value.year <= 2100:
            return value
    return None


def parse(get) -> Params:
    problems: list[Problem] = []

    text = CONTROL.sub(" ", get.get("q", "")).strip()
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0] or text[:MAX_QUERY_CHARS]
        problems.append(
            Problem(
                "q",
                f"Search words must be {MAX_QUERY_CHARS} characters or fewer: "
                "only the first part of what you entered was used",
            )
        )
    if text.count('"') % 2:
        text = text.replace('"', " ").strip()
        problems.append(
            Problem(
                "q",
                "A quotation mark was not closed, so your words were searched "
                "separately rather than as a phrase",
            )
        )
    text = " ".join(text.split())

    filters = {}
    for name in FACET_NAMES:
        values = [CONTROL.sub("", v).strip()[:120] for v in get.getlist(name)]
        values = list(dict.fromkeys(v for v in values if v))
        if len(values) > MAX_VALUES:
            values = values[:MAX_VALUES]
            problems.append(Problem(name, f"Only the first {MAX_VALUES} choices were used"))
        if values:
            filters[name] = values

    date_boxes = {}
    date_from, date_boxes["from"] = _date_filter(get, "from", problems)
    date_to, date_boxes["to"] = _date_filter(get, "to", problems)
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
        date_boxes["from"], date_boxes["to"] = date_boxes["to"], date_boxes["from"]
        problems.append(
            Problem("from-day", "The 'from' date was after the 'to' date: we swapped them")
        )

    # Relevance with no words to rank by is newest first (the backends do that).
    sort = get.get("sort", "") or "relevance"
    if sort not in ("relevance", "date"):
        problems.append(Problem("sort", "Sort by relevance or by date"))
        sort = "relevance"

    page = 1
    raw_page = get.get("page", "").strip()
    if raw_page:
        try:
            page = int(raw_page)
        except ValueError:
            page = 0
        if page < 1:
            problems.append(Problem("results", "The page number must be a whole number from 1"))
            page = 1
        last = MAX_RESULT_WINDOW // PER_PAGE
        if page > last:
            problems.append(
                Problem("results", f"Only the first {last} pages can be shown: refine your search")
            )
            page = last

    query = SearchQuery(
        text=text,
        filters=filters,
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=page,
        per_page=PER_PAGE,
    )
    return Params(
        query=query,
        problems=problems,
        csv=get.get("format", "") == "csv",
        date_boxes=date_boxes,
    )


def _date_filter(get, name: str, problems: list[Problem]) -> tuple[date | None, list[dict]]:
    """A date filter from its GOV.UK date input (`from-day`, `from-month`, `from-year`), or from
    one ISO value (`from=2026-03-31`: the canonical form that alerts and feeds link to). Returns
    the date and its boxes as they are shown again: [{"part", "value", "invalid"}, …]."""
    typed = [CONTROL.sub("", get.get(f"{name}-{part}", "")).strip()[:20] for part in PARTS]
    value, invalid = None, ()
    if any(typed):
        try:
            value = parse_parts(*typed, name=f"The '{name}' date")
        except DateProblem as problem:
            invalid = problem.parts
            problems.append(Problem(f"{name}-{problem.parts[0]}", problem.message))
    elif raw := get.get(name, "").strip()[:40]:
        value = parse_date(raw)
        if value is None:
            invalid = PARTS
            problems.append(Problem(f"{name}-day", f"The '{name}' date must be a real date"))
            if iso := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw):  # shown as typed
                typed = [iso.group(3), iso.group(2), iso.group(1)]
        else:
            typed = [str(value.day), str(value.month), str(value.year)]
    boxes = [
        {"part": part, "value": text, "invalid": part in invalid}
        for part, text in zip(PARTS, typed, strict=True)
    ]
    return value, boxes


def canonical(query: SearchQuery) -> str:
    """The query string that names a search and nothing else (no page, sort or format), in one
    fixed order: equal searches give equal strings (saved alerts, feed links)."""
    from urllib.parse import urlencode

    pairs: list[tuple[str, str]] = []
    if query.text:
        pairs.append(("q", query.text))
    for name in FACET_NAMES:
        pairs.extend((name, value) for value in sorted(query.filters.get(name, [])))
    if query.date_from:
        pairs.append(("from", query.date_from.isoformat()))
    if query.date_to:
        pairs.append(("to", query.date_to.isoformat()))
    return urlencode(pairs)


def describe(query: SearchQuery) -> str:
    """The search in words, for the alert's form and its emails: 'youth club; Type: Decision'."""
    from search import labels
    from search.registry import FACETS

    parts = [f"‘{query.text}’"] if query.text else []
    for facet in FACETS:
        values = query.filters.get(facet.name, [])
        if values:
            names = labels.labels_for(facet.name, values)
            parts.append(f"{facet.label}: {', '.join(names.get(v, v) for v in values)}")
    if query.date_from:
        parts.append(f"from {query.date_from:%-d %B %Y}")
    if query.date_to:
        parts.append(f"to {query.date_to:%-d %B %Y}")
    return "; ".join(parts) or "everything published"
