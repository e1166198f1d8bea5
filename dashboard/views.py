"""The public dashboard: England, each authority, the league table and "How we count"; every
chart with its table and a CSV download. Figures come from dashboard.refresh (the shared cache)."""

from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from portal import law
from portal.models import Authority
from portal.spreadsheets import csv_response

from . import refresh
from .charts import chart_named, charts_for, format_value
from .measures import LEAGUE, MEASURES

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


def _sort_key(slug: str):
    def key(row):
        value = row.get(slug)
        return (value is None, value if value is not None else 0)

    return key


def filtered_league(rows: list[dict], params) -> tuple[list[dict], dict]:
    """The league rows for a GET query: filtered by type and region, sorted by a measure.
    Values that are not among the choices are ignored (and reported back as errors)."""
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
    if sort != DEFAULT_SORT and sort not in {m.slug for m in LEAGUE}:
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
        # Authorities without a value go last whichever way the column is sorted.
        with_value = [r for r in chosen if r.get(sort) is not None]
        without = [r for r in chosen if r.get(sort) is None]
        with_value.sort(key=lambda r: (r[sort], r["name"]), reverse=order == "desc")
        chosen = with_value + sorted(without, key=lambda r: r["name"])
    selected = {"type": kind, "region": region, "sort": sort, "order": order}
    return chosen, {"selected": selected, "errors": errors, **choices}


def _query(selected: dict, **changes) -> str:
    from urllib.parse import urlencode

    merged = {k: v for k, v in ({**selected, **changes}).items() if v}
    return "?" + urlencode(merged)


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
                "median": format_value(medians.get(m.slug), m.unit)
                if m.unit != "yes_no"
                else f"{medians.get(m.slug) or 0:.0%} yes",
            }
        )
    return columns


def _league_cells(rows: list[dict]) -> list[dict]:
    return [
        {**row, "cells": [format_value(row.get(m.slug), m.unit) for m in LEAGUE]} for row in rows
    ]


def _synthetic(entry: dict):
    return entry["england"].get("synthetic")


def england(request):
    entry = refresh.national()
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
            "charts": charts_for(figures),
            "league": league,
            "league_count": len(rows),
            # called by the template only when its cached fragment must be rendered again
            "league_rows": lambda: _league_cells(rows),
            "league_columns": _league_columns(league["selected"], entry["medians"]),
            "name_href": _query(league["selected"], sort=DEFAULT_SORT, order=name_order)
            + "#league",
            "csv_query": _query(league["selected"]),
            "computed_at": _computed_at(entry),
            "synthetic": _synthetic(entry),
            "generation": entry["generation"],
            "cache_timeout": refresh.TIMEOUT,
        },
    )


def _comparison(figures: dict, medians: dict, league_row: dict) -> list[dict]:
    """Each league measure for the authority beside the national median."""
    return [
        {
            "measure": m,
            "value": format_value(league_row.get(m.slug), m.unit),
            "median": format_value(medians.get(m.slug), m.unit) if m.unit != "yes_no" else "",
        }
        for m in LEAGUE
    ]


def authority(request, slug):
    a = get_object_or_404(Authority, slug=slug)
    entry = refresh.national()
    figures = refresh.for_authority(a)
    league_row = next((r for r in entry["league"] if r["slug"] == a.slug), {})
    return render(
        request,
        "dashboard/authority.html",
        {
            "authority": a,
            "authority_type_label": law.AUTHORITY_TYPES.get(a.authority_type, ""),
            "figures": figures,
            "totals": figures["totals"],
            "charts": charts_for(figures),
            "comparison": _comparison(figures, entry["medians"], league_row),
            "computed_at": _computed_at(figures),
            "synthetic": _synthetic(entry),
        },
    )


def how_we_count(request):
    entry = refresh.national()
    return render(
        request,
        "dashboard/how_we_count.html",
        {"measures": MEASURES, "grounds": law.REJECTION_GROUNDS, "synthetic": _synthetic(entry)},
    )


def england_csv(request, chart):
    found = chart_named(refresh.national()["england"], chart)
    if found is None:
        raise Http404("No such chart")
    return csv_response(found.csv_rows(), f"england-{found.slug}.csv")


def authority_csv(request, slug, chart):
    a = get_object_or_404(Authority, slug=slug)
    found = chart_named(refresh.for_authority(a), chart)
    if found is None:
        raise Http404("No such chart")
    return csv_response(found.csv_rows(), f"{a.slug}-{found.slug}.csv")


def league_csv(request):
    entry = refresh.national()
    rows, _league = filtered_league(entry["league"], request.GET)
    header = ["Authority", "Code", "Type", "Region"] + [m.label for m in LEAGUE]
    body = [
        [r["name"], r["code"], r["authority_type_label"], r["region"]]
        + [("yes" if r[m.slug] else "no") if m.unit == "yes_no" else r.get(m.slug) for m in LEAGUE]
        for r in rows
    ]
    medians = ["England median", "", "", ""] + [
        entry["medians"].get(m.slug) if m.unit != "yes_no" else "" for m in LEAGUE
    ]
    return csv_response([header, medians, *body], "league-table.csv")
