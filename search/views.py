"""/search/: public faceted search of every public kind, and its CSV download."""

import logging
from html import escape

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from portal.spreadsheets import csv_response
from search import labels, params, registry
from search.backends import get_backend
from search.backends.base import MAX_RESULT_WINDOW, strip_marks
from search.registry import FACETS

log = logging.getLogger(__name__)
CSV_COLUMNS = [
    "type", "title", "url", "authorities", "region", "category", "outcome", "date", "synthetic",
]  # fmt: skip


def search(request):
    parsed = params.parse(request.GET)
    query = parsed.query
    backend = get_backend()
    status = 200
    try:
        if parsed.csv:
            return _csv(request, backend, query)
        results = backend.search(query)
        if not results.hits and results.total and query.page > 1:
            # Past the last page (a stale link): show the last page instead.
            last = (min(results.total, MAX_RESULT_WINDOW) - 1) // query.per_page + 1
            parsed.problems.append(
                params.Problem("results", f"There are only {last} pages of results")
            )
            query.page = last
            results = backend.search(query)
    except Exception:
        log.exception("search backend %s failed", backend.name)
        return render(
            request,
            "search/search.html",
            {
                "params": parsed,
                "unavailable": True,
                "facets": [],
                "query": query,
                "canonical": params.canonical(query),
            },
            status=503,
        )
    paginator = Paginator(range(min(results.total, MAX_RESULT_WINDOW)), query.per_page)
    page_obj = paginator.get_page(query.page) if results.total else None
    context = {
        "params": parsed,
        "query": query,
        "results": results,
        "hits": _with_labels(results.hits),
        "facets": _facets(results, query),
        "page_obj": page_obj,
        "first": query.offset + 1,
        "last": query.offset + len(results.hits),
        "backend": backend.name,
        "canonical": params.canonical(query),
    }
    return render(request, "search/search.html", context, status=status)


def _facets(results, query):
    shown = []
    for facet in FACETS:
        counts = dict(results.facets.get(facet.name, []))
        selected = query.selected(facet.name)
        values = list(counts) + [v for v in selected if v not in counts]
        if not values:
            continue
        names = labels.labels_for(facet.name, values)
        options = [
            {
                "value": v,
                "label": names.get(v, v),
                "count": counts.get(v, 0),
                "checked": v in selected,
            }
            for v in values
        ]
        if facet.name == "year":
            options.sort(key=lambda o: o["value"], reverse=True)
        elif facet.name != "kind":
            options.sort(key=lambda o: (not o["checked"], -o["count"], o["label"]))
        shown.append(
            {
                "name": facet.name,
                "label": facet.label,
                "options_html": (
                    _outcome_groups(options)
                    if facet.name == "outcome"
                    else _checkboxes(facet.name, options)
                ),
                "open": bool(selected),
            }
        )
    return shown


def _outcome_groups(options: list[dict]):
    """The Outcome filter in groups, each under its own legend (decisions; stages of procurement
    exercises; stages of agreements): a decision's "Accepted" is never beside "Awarded"."""
    parts, start, left = [], 1, list(options)
    groups = [*registry.outcome_groups(), ("Other", {o["value"]: "" for o in options})]
    for legend, values in groups:
        mine = [o for o in left if o["value"] in values]
        left = [o for o in left if o["value"] not in values]
        if not mine:
            continue
        parts.append(
            '<fieldset class="govuk-fieldset govuk-!-margin-bottom-3"><legend class="'
            f'govuk-fieldset__legend govuk-body-s govuk-!-font-weight-bold">{escape(legend)}'
            f"</legend>{_checkboxes('outcome', mine, start)}</fieldset>"
        )
        start += len(mine)
    return mark_safe("".join(parts))  # noqa: S308  (every value is escaped)


def _checkboxes(name: str, options: list[dict], start: int = 1):
    """GOV.UK checkboxes, built here: a facet can have hundreds (every authority), and the
    template engine would spend longer on them than the search engine on the query."""
    parts = []
    for n, option in enumerate(options, start=start):
        ident = f"{escape(name)}-{n}"
        checked = " checked" if option["checked"] else ""
        parts.append(
            f'<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
            f'id="{ident}" name="{escape(name)}" type="checkbox" value="{escape(option["value"])}"'
            f'{checked}><label class="govuk-label govuk-checkboxes__label" for="{ident}">'
            f'{escape(option["label"])} <span class="govuk-hint govuk-!-display-inline">'
            f"({int(option['count'])})</span></label></div>"
        )
    return mark_safe("\n".join(parts))  # noqa: S308  (every value is escaped above)


def _with_labels(hits):
    categories = {v for h in hits for v in h.category}
    outcomes = {v for h in hits for v in h.outcome}
    category_names = labels.labels_for("category", sorted(categories))
    outcome_names = labels.labels_for("outcome", sorted(outcomes))
    kind_names = labels.labels_for("kind", sorted({h.kind for h in hits}))
    return [
        {
            "hit": h,
            "kind_label": kind_names[h.kind],
            "categories": [category_names[c] for c in h.category],
            "outcomes": [outcome_names[o] for o in h.outcome],
        }
        for h in hits
    ]


def _csv(request, backend, query):
    results = backend.search(query, size=MAX_RESULT_WINDOW)
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    return csv_response(_csv_rows(request, results.hits), f"search-results-{stamp}.csv")


def _csv_rows(request, hits):
    yield CSV_COLUMNS
    for row in _with_labels(hits):
        h = row["hit"]
        yield (
            row["kind_label"],
            strip_marks(h.title),
            request.build_absolute_uri(h.url) if h.url else "",
            "; ".join(h.authority_names),
            "; ".join(h.region),
            "; ".join(row["categories"]),
            "; ".join(row["outcomes"]),
            h.date.isoformat() if h.date else "",
            "yes" if h.synthetic else "no",
        )


def suggest(request):
    """Completion suggestions for the search box (JSON list of titles)."""
    prefix = params.CONTROL.sub("", request.GET.get("q", ""))[:100]
    try:
        suggestions = get_backend().suggest(prefix)
    except Exception:
        log.exception("search suggestions failed")
        suggestions = []
    return JsonResponse({"suggestions": suggestions})
