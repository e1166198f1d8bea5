"""The public dashboard: England, each authority, the league table and "How we count"; every
chart with its table and a CSV download. Figures come from dashboard.refresh (the shared cache)."""

from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from portal import law
from portal.models import Authority
from portal.spreadsheets import csv_response

from . import measures, refresh, statistics
from .charts import chart_named, charts_for
from .measures import LEAGUE, MEASURES, RATED, TOO_FEW, YES_NO

ORDERS = ("asc", "desc")
DEFAULT_SORT = "name"


def _computed_at(entry: dict) -> datetime:
    return datetime.fromisoformat(entry["computed_at"])


def _league_choices(rows: list[dict]) -> dict:
    types = {r["authority_type"]: r["authority_type_label"] for r in rows}
    return {
        "types": sorted(types.items(), key=lambda item: item[1]),
        "regions": sorted({r["region"] for r in rows if r["region"]}),
    }


TIE_ORDER = (
    "Authorities with the same figure are listed in alphabetical order whichever way the column "
    "is sorted; after them come the authorities with too few cases to say, then those with "
    "none, each in alphabetical order."
)


def sort_rows(rows: list[dict], slug: str, order: str) -> list[dict]:
    """Rows by a measure: the rated ones by their figure (ties in alphabetical order, either
    way), then those with too few cases to say, then those with none (both alphabetical)."""
    m = measures.measure(slug)
    by_name = sorted(rows, key=lambda r: r["name"])
    rated = [r for r in by_name if measures.status(m, r) == RATED]
    too_few = [r for r in by_name if measures.status(m, r) == TOO_FEW]
    rest = [r for r in by_name if measures.status(m, r) not in (RATED, TOO_FEW)]
    if order == "desc":  # a stable sort keeps the alphabetical order of ties
        rated.sort(key=lambda r: r[slug], reverse=True)
    else:
        rated.sort(key=lambda r: r[slug])
    return rated + too_few + rest


def filtered_league(rows: list[dict], params, sortable=None) -> tuple[list[dict], dict]:
    """The league rows for a GET query: filtered by type and region, sorted by a measure (one of
    `sortable`, the league's by default). Values that are not among the choices are ignored
    (and reported back as errors)."""
    choices = _league_choices(rows)
    errors = {}
    kind = params.get("type", "")
    region = params.get("region", "")
    sort = params.get("sort", DEFAULT_SORT)
    order = params.get("order", "")
    if kind and kind not in dict(choices["types"]):
        errors["type"] = "Choose a type of authority from the list"
        kind = ""
    if region and region not in choices["regions"]:
        errors["region"] = "Choose a region from the list"
        region = ""
    if sort != DEFAULT_SORT and sort not in (sortable or {m.slug for m in LEAGUE}):
        sort = DEFAULT_SORT
    if order not in ORDERS:
        order = "asc" if sort == DEFAULT_SORT else "desc"
    chosen = [
        r
        for r in rows
        if (not kind or r["authority_type"] == kind) and (not region or r["region"] == region)
    ]
    if sort == DEFAULT_SORT:
        chosen.sort(key=lambda r: r["name"], reverse=order == "desc")
    else:
        chosen = sort_rows(chosen, sort, order)
    selected = {"type": kind, "region": region, "sort": sort, "order": order}
    return chosen, {"selected": selected, "errors": errors, **choices}


def _query(selected: dict, **changes) -> str:
    from urllib.parse import urlencode

    merged = {k: v for k, v in ({**selected, **changes}).items() if v}
    return "?" + urlencode(merged)


def median_text(m, median: dict | None) -> str:
    """The England row's cell: a median over the authorities meeting the minimum base, with how
    many they are; for a yes/no measure the share ("262 of 331 (79%)"), never a median."""
    if not median:
        return ""
    if m.unit == YES_NO:
        if not median["authorities"]:
            return ""
        return f"{median['yes']} of {median['authorities']} ({median['share']}%)"
    if median["median"] is None:
        return f"no authority has {m.min_base} or more" if m.min_base else "none"
    value = median["median"]
    if m.unit == "percent":
        text = f"{value:g}%"
    elif m.unit == "days":
        text = f"{value:g}"
    else:
        text = measures.present(m, {m.slug: value})
    if m.min_base:
        return f"{text} (of {median['authorities']} authorities)"
    return text


def _league_columns(selected: dict, medians: dict) -> list[dict]:
    columns = []
    for m in LEAGUE:
        active = selected["sort"] == m.slug
        next_order = "asc" if active and selected["order"] == "desc" else "desc"
        columns.append(
            {
                "measure": m,
                "href": _query(selected, sort=m.slug, order=next_order) + "#league",
                "aria_sort": ("ascending" if selected["order"] == "asc" else "descending")
                if active
                else "none",
                "median": median_text(m, medians.get(m.slug)),
            }
        )
    return columns


def _league_cells(rows: list[dict], ranks: dict | None = None) -> list[dict]:
    return [
        {
            **row,
            "rank": (ranks or {}).get(row["slug"], ""),
            "cells": [measures.present(m, row) for m in LEAGUE],
        }
        for row in rows
    ]


def _ranks(all_rows: list[dict], selected: dict) -> dict | None:
    """Ranks in England by the sorted measure (None when sorted by name)."""
    if selected["sort"] == DEFAULT_SORT:
        return None
    return measures.ranks(all_rows, measures.measure(selected["sort"]))


def _shown(totals: dict) -> dict:
    """Each measure with a base as the headline shows it (measures.present)."""
    return {m.slug: measures.present(m, totals) for m in measures.WITH_BASE}


def _synthetic(entry: dict):
    return entry["england"].get("synthetic")


def offer_rows(totals: dict, *, one_authority: bool) -> list[dict]:
    """The offer measures as the page shows them (for England, without the yes/no standard)."""
    return [
        {"measure": m, "value": measures.present(m, totals)}
        for m in measures.OFFER_MEASURES
        if one_authority or m.unit != YES_NO
    ]


def _standards_line(totals: dict, authorities: int) -> str:
    n = totals.get("offer_standard_authorities", 0)
    return (
        f"{n} of {authorities} authorities have published a response standard; the others "
        "show “no standard published”."
    )


def records_counted(request) -> str:
    """?records=real counts real records only (recorded in the portal or imported); otherwise
    every record, with the synthetic ones the demo holds (the pages say which)."""
    return statistics.REAL if request.GET.get("records") == statistics.REAL else statistics.ALL


def england(request):
    records = records_counted(request)
    entry = refresh.national(records)
    figures = entry["england"]
    rows, league = filtered_league(entry["league"], request.GET)
    name_order = (
        "desc"
        if league["selected"]["sort"] == DEFAULT_SORT and league["selected"]["order"] == "asc"
        else "asc"
    )
    return render(
        request,
        "dashboard/england.html",
        {
            "figures": figures,
            "totals": figures["totals"],
            "shown": _shown(figures["totals"]),
            "min_base": measures.MIN_BASE,
            "charts": charts_for(figures),
            "league": league,
            "league_count": len(rows),
            # called by the template only when its cached fragment must be rendered again
            "league_rows": lambda: _league_cells(rows, _ranks(entry["league"], league["selected"])),
            "ranked": league["selected"]["sort"] != DEFAULT_SORT,
            "tie_order": TIE_ORDER,
            "league_columns": _league_columns(league["selected"], entry["medians"]),
            "name_href": _query(league["selected"], sort=DEFAULT_SORT, order=name_order)
            + "#league",
            "csv_query": _query(league["selected"]),
            "computed_at": _computed_at(entry),
            "synthetic": _synthetic(entry),
            "records": records,
            "offer_rows": offer_rows(figures["totals"], one_authority=False),
            "standards_line": _standards_line(figures["totals"], len(entry["league"])),
            "generation": entry["generation"],
            "cache_timeout": refresh.TIMEOUT,
        },
    )


def _comparison(medians: dict, league_row: dict) -> list[dict]:
    """Each league measure for the authority, its 95% interval (a rate), beside England's."""
    rows = []
    for m in LEAGUE:
        interval = ""
        if m.is_rate and league_row.get(f"{m.slug}_low") is not None:
            interval = f"{league_row[f'{m.slug}_low']:g}% to {league_row[f'{m.slug}_high']:g}%"
        rows.append(
            {
                "measure": m,
                "value": measures.present(m, league_row) if league_row else "",
                "interval": interval,
                "median": median_text(m, medians.get(m.slug)),
            }
        )
    return rows


def authority(request, slug):
    a = get_object_or_404(Authority, slug=slug)
    records = records_counted(request)
    entry = refresh.national(records)
    figures = refresh.for_authority(a, records)
    league_row = next((r for r in entry["league"] if r["slug"] == a.slug), {})
    return render(
        request,
        "dashboard/authority.html",
        {
            "authority": a,
            "compare_href": reverse("dashboard:engagement")
            + _query({"type": a.authority_type})
            + f"#authority-{a.slug}",
            "authority_type_label": law.AUTHORITY_TYPES.get(a.authority_type, ""),
            "figures": figures,
            "totals": figures["totals"],
            "shown": _shown(figures["totals"]),
            "min_base": measures.MIN_BASE,
            "charts": charts_for(figures),
            "comparison": _comparison(entry["medians"], league_row),
            "computed_at": _computed_at(figures),
            "synthetic": _synthetic(entry),
            "records": records,
            "offer_rows": offer_rows(figures["totals"], one_authority=True),
        },
    )


def how_we_count(request):
    entry = refresh.national()
    return render(
        request,
        "dashboard/how_we_count.html",
        {
            "measures": MEASURES,
            "grounds": law.REJECTION_GROUNDS,
            "synthetic": _synthetic(entry),
            "min_base": measures.MIN_BASE,
            "tie_order": TIE_ORDER,
        },
    )


def england_csv(request, chart):
    found = chart_named(refresh.national(records_counted(request))["england"], chart)
    if found is None:
        raise Http404("No such chart")
    return csv_response(found.csv_rows(), f"england-{found.slug}.csv")


def authority_csv(request, slug, chart):
    a = get_object_or_404(Authority, slug=slug)
    found = chart_named(refresh.for_authority(a, records_counted(request)), chart)
    if found is None:
        raise Http404("No such chart")
    return csv_response(found.csv_rows(), f"{a.slug}-{found.slug}.csv")


def league_csv(request):
    entry = refresh.national(records_counted(request))
    rows, league = filtered_league(entry["league"], request.GET)
    ranks = _ranks(entry["league"], league["selected"])
    header = ["Authority", "Code", "Type", "Region"]
    if ranks is not None:
        header.append(f"Rank in England: {measures.measure(league['selected']['sort']).label}")
    for m in LEAGUE:
        header += measures.csv_header(m)
    body = []
    for r in rows:
        cells = [r["name"], r["code"], r["authority_type_label"], r["region"]]
        if ranks is not None:
            cells.append(ranks.get(r["slug"], ""))
        for m in LEAGUE:
            cells += measures.csv_cells(m, r)
        body.append(cells)
    median_row = ["England median (share for yes/no)", "", "", ""] + ([""] if ranks else [])
    for m in LEAGUE:
        median_row += [median_text(m, entry["medians"].get(m.slug))] + [""] * (
            len(measures.csv_header(m)) - 1
        )
    return csv_response([header, median_row, *body], "league-table.csv")


def _columns(slugs: list[str], selected: dict, anchor: str) -> list[dict]:
    """Sortable column headings for the measures named."""
    columns = []
    for slug in slugs:
        m = measures.measure(slug)
        active = selected["sort"] == slug
        next_order = "asc" if active and selected["order"] == "desc" else "desc"
        columns.append(
            {
                "measure": m,
                "href": _query(selected, sort=slug, order=next_order) + anchor,
                "aria_sort": ("ascending" if selected["order"] == "asc" else "descending")
                if active
                else "none",
            }
        )
    return columns


def engagement(request):
    """Who engages and who does not: per authority, each signal a column with its base;
    filtered by type and region, a select to go to one authority (a GET form, no JavaScript),
    and the authorities of one type side by side ("compare with similar authorities")."""
    records = records_counted(request)
    entry = refresh.national(records)
    all_rows = entry["league"]
    slugs = {r["slug"] for r in all_rows}
    chosen = request.GET.get("authority", "")
    jump_error = ""
    if chosen:
        if chosen in slugs:
            return redirect("dashboard:authority", slug=chosen)
        jump_error = "Choose an authority from the list"
    rows, league = filtered_league(all_rows, request.GET, sortable=set(measures.ENGAGEMENT))
    selected = league["selected"]
    name_order = (
        "desc" if selected["sort"] == DEFAULT_SORT and selected["order"] == "asc" else "asc"
    )
    signals = [measures.measure(slug) for slug in measures.ENGAGEMENT]
    return render(
        request,
        "dashboard/engagement.html",
        {
            "league": league,
            "rows": [
                {
                    **r,
                    "cells": [measures.present(m, r) for m in signals],
                }
                for r in rows
            ],
            "columns": _columns(measures.ENGAGEMENT, selected, "#engagement"),
            "name_href": _query(selected, sort=DEFAULT_SORT, order=name_order) + "#engagement",
            "authorities": sorted(((r["slug"], r["name"]) for r in all_rows), key=lambda a: a[1]),
            "jump_error": jump_error,
            "type_label": dict(league["types"]).get(selected["type"], ""),
            "min_base": measures.MIN_BASE,
            "tie_order": TIE_ORDER,
            "synthetic": _synthetic(entry),
            "records": records,
            "computed_at": _computed_at(entry),
        },
    )
