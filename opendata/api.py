"""The open data API at /api/v1/ (django-ninja, which Wagtail already installs): read-only, no
sign-in, JSON. Each collection in opendata.collections gets a list operation (filters, `since`,
keyset cursor, `limit`) and a detail operation; procurement exercises also have their OCDS
release and record packages. ETag, Last-Modified, 304s and CORS are added by
opendata.http.OpenDataHeadersMiddleware.
"""

import datetime
import re
from typing import Literal
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import http_date
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError
from pydantic import Field, create_model, field_validator

from portal.models import Authority
from procurement import ocds
from procurement.models import ProcurementExercise

from . import cursor as keyset
from .collections import COLLECTIONS, Collection
from .exact_json import ExactTimesRenderer
from .throttling import NetworkAddressThrottle

DESCRIPTION = """Open data from the Challenge and Transfer Portal: the authorities that can be
challenged under the Community Right to Challenge (Localism Act 2011, ss.81-86), their published
services, the register of decisions, procurement exercises (with OCDS 1.1 release and record
packages) and section 75 agreements. Read-only, no sign-in, Open Government Licence v3.0.
Pages follow `next`; `since` lists the rows changed after a moment (a change feed)."""

DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")


api = NinjaAPI(
    title="Challenge and Transfer Portal open data API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url=None,
    openapi_url="/openapi.json",
    throttle=[NetworkAddressThrottle()],
    renderer=ExactTimesRenderer(),
)


class Error(Schema):
    detail: str


class PageParams(Schema):
    since: datetime.datetime | None = Field(
        None, description="Only rows changed after this moment (ISO 8601 with a time zone)"
    )
    cursor: str | None = Field(None, max_length=200, description="From the previous page")
    limit: int = Field(50, ge=1, le=200, description="Rows per page")

    @field_validator("since", mode="before")
    @classmethod
    def _a_date_and_time(cls, value):
        """Only ISO 8601 (Pydantic would also read a number as seconds since 1970)."""
        if isinstance(value, str) and not DATE_TIME.match(value):
            raise ValueError("must be an ISO 8601 date and time, e.g. 2026-01-31T09:00:00Z")
        return value


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    problems = []
    for error in exc.errors:
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return api.create_response(request, {"detail": "; ".join(problems)}, status=400)


class BadParameter(ValueError):
    pass


@api.exception_handler(BadParameter)
@api.exception_handler(keyset.BadCursor)
def _bad_parameter(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Not found"}, status=404)


def _last_modified(response: HttpResponse, moments) -> None:
    moments = [m for m in moments if m]
    if moments:
        response["Last-Modified"] = http_date(max(moments).timestamp())


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    """`since` in UTC (the database takes offsets up to 15:59 only); a moment without a time
    zone, or one that is not a moment in UTC (year 1 at +23:00), is a bad parameter."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise BadParameter("since needs a time zone, e.g. 2026-01-31T09:00:00Z")
    try:
        return moment.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        raise BadParameter("since is out of range") from None


def _list_operation(collection: Collection):
    Filters = collection.filters
    PageOut = create_model(
        f"{collection.schema.__name__.removesuffix('Out')}Page",
        __base__=Schema,
        items=(list[collection.schema], ...),
        next=(str | None, Field(description="Address of the next page; null on the last")),
        next_cursor=(str | None, ...),
    )

    def list_rows(
        request: HttpRequest,
        response: HttpResponse,
        filters: Query[Filters],
        paging: Query[PageParams],
    ):
        queryset = collection.apply_filters(collection.queryset(), filters)
        rows, next_cursor = keyset.page(
            queryset,
            collection.modified,
            cursor=paging.cursor or "",
            since=_aware(paging.since),
            limit=paging.limit,
        )
        # No Last-Modified: a row leaving the page (withdrawn, filtered out) changes the answer
        # without changing the newest time in it; the ETag (of the content) tells the truth.
        next_url = None
        if next_cursor:
            query = {k: v for k, v in request.GET.items() if k != "cursor"}
            next_url = (
                settings.BASE_URL.rstrip("/")
                + request.path
                + "?"
                + urlencode({**query, "cursor": next_cursor})
            )
        return {
            "items": [collection.row(r) for r in rows],
            "next": next_url,
            "next_cursor": next_cursor,
        }

    list_rows.__name__ = f"list_{collection.name}"
    api.get(
        f"/{collection.name}",
        response={200: PageOut, 400: Error},
        operation_id=f"list_{collection.name}",
        summary=f"{collection.title}: list, filter and follow changes",
        description=collection.description,
        tags=[collection.title],
    )(list_rows)


def _detail_operation(collection: Collection):
    name = "id" if collection.lookup == "pk" else collection.lookup

    def one_row(request: HttpRequest, response: HttpResponse, key: str = Path(..., alias=name)):
        if collection.lookup == "pk" and not (key.isascii() and key.isdigit() and len(key) < 19):
            raise Http404
        row = collection.queryset().filter(**{collection.lookup: key}).first()
        if row is None:
            raise Http404
        _last_modified(response, [getattr(row, collection.modified)])
        return collection.row(row)

    one_row.__name__ = f"get_{collection.name}"
    api.get(
        f"/{collection.name}/{{{name}}}",
        response={200: collection.schema, 404: Error},
        operation_id=f"get_{collection.name}",
        summary=f"{collection.title}: one, by its {name}",
        tags=[collection.title],
    )(one_row)


for _collection in COLLECTIONS:
    _list_operation(_collection)
    _detail_operation(_collection)


def _published_exercise(reference: str) -> ProcurementExercise:
    exercise = (
        ProcurementExercise.objects.published()
        .only("pk", "reference", "updated_at")
        .filter(reference=reference)
        .first()
    )
    if exercise is None:
        raise Http404
    return exercise


def _package(response: HttpResponse, reference: str, kind: str, build) -> dict:
    """A published exercise's OCDS package built by `build` (ocds.release_package or
    ocds.record_package), its `uri` the address it is served at."""
    exercise = _published_exercise(reference)
    uri = f"{settings.BASE_URL.rstrip('/')}/api/v1/procurement/{reference}/{kind}"
    _last_modified(response, [exercise.updated_at])
    return build(exercise, uri=uri)


@api.get(
    "/procurement/{reference}/releases",
    response={200: dict, 404: Error},
    operation_id="get_procurement_release_package",
    summary="An exercise's OCDS 1.1 release package (one release per notice)",
    tags=["Procurement exercises"],
)
def release_package(request, response: HttpResponse, reference: str):
    return _package(response, reference, "releases", ocds.release_package)


@api.get(
    "/procurement/{reference}/record",
    response={200: dict, 404: Error},
    operation_id="get_procurement_record_package",
    summary="An exercise's OCDS 1.1 record package (its releases and the compiled release)",
    tags=["Procurement exercises"],
)
def record_package(request, response: HttpResponse, reference: str):
    return _package(response, reference, "record", ocds.record_package)


# Which records the statistics count: every one, or real ones only (dashboard.statistics).
Records = Literal["all", "real"]


# --- the performance dashboard's figures (dashboard.statistics, cached by dashboard.refresh) ----


@api.get(
    "/statistics",
    response={200: dict, 400: Error},
    operation_id="get_statistics_england",
    summary="The performance dashboard's figures for England, its league table and medians",
    description="What /dashboard/ shows, with each measure's definition (see "
    "/dashboard/how-we-count/). `synthetic` is set when synthetic records are in the portal "
    "(the demo); `records=real` counts real records only (recorded in the portal or imported "
    "from an authority's register), and `records` in the answer says which were counted.",
    tags=["Statistics"],
)
def statistics_england(request, response: HttpResponse, records: Records = "all"):
    from dashboard import refresh, statistics

    entry = refresh.national(records)
    with statistics.counting(records):
        synthetic = statistics.synthetic()
    return {
        "england": entry["england"],
        "league": entry["league"],
        "medians": entry["medians"],
        "computed_at": entry["computed_at"],
        "records": records,
        "synthetic": synthetic,
    }


@api.get(
    "/statistics/{slug}",
    response={200: dict, 400: Error, 404: Error},
    operation_id="get_statistics_authority",
    summary="The performance dashboard's figures for one authority, by its slug",
    tags=["Statistics"],
)
def statistics_authority(request, response: HttpResponse, slug: str, records: Records = "all"):
    from dashboard import refresh, statistics

    authority = Authority.objects.filter(slug=slug).first()
    if authority is None:
        raise Http404
    with statistics.counting(records):
        synthetic = statistics.synthetic()
    return refresh.for_authority(authority, records) | {"records": records, "synthetic": synthetic}
