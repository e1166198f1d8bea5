"""The open data API: every collection lists what its public page lists (no more), page by page
with a cursor; filters; the `since` change feed; ETag, Last-Modified and 304s; CORS; JSON
errors for bad input."""

import datetime
from urllib.parse import quote

import pytest
from django.utils import timezone
from django.utils.http import http_date

from agreements.models import TransferAgreement
from challenges.models import Challenge
from offers.models import Offer
from opendata.collections import COLLECTIONS
from portal.models import Authority, ServiceSpecificationPage
from procurement.models import ProcurementExercise

pytestmark = pytest.mark.django_db

KEYS = {"authorities": "code", "services": "id", "decisions": "reference"}


def walk(client, url):
    """Every item of a list, following `next`."""
    items, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["items"]
        url, pages = body["next"], pages + 1
    return items, pages


def test_each_collection_pages_through_exactly_its_public_rows(demo, client):
    expected = {
        "authorities": set(Authority.objects.values_list("code", flat=True)),
        "services": set(
            ServiceSpecificationPage.objects.live().public().values_list("pk", flat=True)
        ),
        "decisions": set(Challenge.objects.published().values_list("reference", flat=True)),
        "procurement": set(
            ProcurementExercise.objects.published().values_list("reference", flat=True)
        ),
        "agreements": set(
            TransferAgreement.objects.published().values_list("reference", flat=True)
        ),
        "offers": set(Offer.objects.values_list("reference", flat=True)),
    }
    assert all(expected.values())
    for collection in COLLECTIONS:
        key = KEYS.get(collection.name, "reference")
        limit = 200 if collection.name == "authorities" else 3
        items, pages = walk(client, f"/api/v1/{collection.name}?limit={limit}")
        seen = [item[key] for item in items]
        assert len(seen) == len(set(seen)), collection.name  # no row twice across pages
        assert set(seen) == expected[collection.name], collection.name
        assert pages == -(-len(seen) // limit) or pages == len(seen) // limit + 1
        detail = client.get(f"/api/v1/{collection.name}/{seen[0]}")
        assert detail.status_code == 200
        assert detail.json() == items[0]
        assert client.get(f"/api/v1/{collection.name}/ZZZ-NOPE-0").status_code == 404


def test_what_the_public_pages_do_not_show_the_api_does_not_show(demo, client):
    unpublished = Challenge.objects.exclude(
        pk__in=Challenge.objects.published().values("pk")
    ).exclude(reference=None)
    assert unpublished.exists()
    for challenge in unpublished:
        assert client.get(f"/api/v1/decisions/{challenge.reference}").status_code == 404
    waiting = TransferAgreement.objects.exclude(
        pk__in=TransferAgreement.objects.published().values("pk")
    )
    assert waiting.exists()
    for agreement in waiting:
        assert client.get(f"/api/v1/agreements/{agreement.reference}").status_code == 404
    service = ServiceSpecificationPage.objects.live().first()
    service.unpublish()
    assert client.get(f"/api/v1/services/{service.pk}").status_code == 404
    codes = [s["id"] for s in walk(client, "/api/v1/services?limit=200")[0]]
    assert service.pk not in codes


def test_filters_match_the_register(demo, client):
    rejected = client.get("/api/v1/decisions?outcome=rejected&limit=200").json()["items"]
    assert rejected and {d["outcome"] for d in rejected} == {"rejected"}
    assert {d["reference"] for d in rejected} == set(
        Challenge.objects.published().filter(outcome="rejected").values_list("reference", flat=True)
    )
    trafford = client.get("/api/v1/decisions?authority=TRF&limit=200").json()["items"]
    by_slug = client.get("/api/v1/decisions?authority=trafford&limit=200").json()["items"]
    assert trafford == by_slug
    assert all(
        d["authority_code"] == "TRF" or "TRF" in d["partner_authority_codes"] for d in trafford
    )
    year = timezone.localdate().year
    this_year = client.get(f"/api/v1/decisions?year={year}&limit=200").json()["items"]
    assert all(d["decided_at"].startswith(str(year)) for d in this_year)
    services = client.get("/api/v1/services?authority=TRF&limit=200").json()["items"]
    assert services and all(
        s["authority_code"] == "TRF" or "TRF" in s["partner_authority_codes"] for s in services
    )
    awarded = client.get("/api/v1/procurement?state=awarded").json()["items"]
    assert [e["state"] for e in awarded] == ["awarded"]
    north_west = client.get("/api/v1/authorities?region=North West&limit=200").json()["items"]
    assert north_west and {a["region"] for a in north_west} == {"North West"}


def test_since_lists_only_the_rows_changed_after_it(demo, client):
    moment = timezone.now()
    assert client.get("/api/v1/authorities", {"since": moment.isoformat()}).json()["items"] == []
    trafford = Authority.objects.get(code="TRF")
    trafford.decision_period = 45
    trafford.save()
    changed = client.get("/api/v1/authorities", {"since": moment.isoformat()}).json()["items"]
    assert [a["code"] for a in changed] == ["TRF"]
    assert changed[0]["decision_period"] == 45
    decision = Challenge.objects.published().first()
    Challenge.objects.filter(pk=decision.pk).update(
        updated_at=moment + datetime.timedelta(seconds=1)
    )
    feed = client.get("/api/v1/decisions", {"since": moment.isoformat()}).json()["items"]
    assert [d["reference"] for d in feed] == [decision.reference]


def test_etag_last_modified_and_304(demo, client):
    first = client.get("/api/v1/decisions?limit=5")
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"')  # strong: a hash of the answer
    # A list has no Last-Modified: a row leaving it changes it without a newer time in it.
    assert not first.has_header("Last-Modified")
    assert first["Access-Control-Allow-Origin"] == "*"
    again = client.get("/api/v1/decisions?limit=5", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    one = first.json()["items"][0]["reference"]
    row = client.get(f"/api/v1/decisions/{one}")
    stale = http_date((timezone.now() - datetime.timedelta(days=3650)).timestamp())
    old = client.get(f"/api/v1/decisions/{one}", headers={"If-Modified-Since": stale})
    assert old.status_code == 200
    modified = row["Last-Modified"]
    since = client.get(f"/api/v1/decisions/{one}", headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    # A change to a row on the page changes the ETag.
    first_row = Challenge.objects.get(reference=first.json()["items"][0]["reference"])
    Challenge.objects.filter(pk=first_row.pk).update(decision_reasons="Changed reasons.")
    changed = client.get("/api/v1/decisions?limit=5", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    reference = ProcurementExercise.objects.published().first().reference
    package = client.get(f"/api/v1/procurement/{reference}/record")
    assert package["Last-Modified"]
    assert (
        client.get(
            f"/api/v1/procurement/{reference}/record", headers={"If-None-Match": package["ETag"]}
        ).status_code
        == 304
    )


def test_cors_preflight(client):
    response = client.options(
        "/api/v1/decisions",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert client.get("/api/v1/openapi.json")["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "query",
    [
        "cursor=not-a-cursor",
        "cursor=WyIyMDI2IiwgInBrIl0",  # base64 of a list, but not a position
        "since=yesterday",
        "since=2026-01-01T00:00:00",  # no time zone
        "since=0",  # found by schemathesis: Pydantic read it as seconds since 1970
        "since=2026-01-01",
        "limit=0",
        "limit=100000",
        "year=10000",
        "authority=%00",
    ],
)
def test_bad_parameters_are_400_with_a_json_detail(client, query):
    response = client.get(f"/api/v1/decisions?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_the_documentation_page_and_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    paths = set(document["paths"])
    for collection in COLLECTIONS:
        assert f"/api/v1/{collection.name}" in paths
    assert "/api/v1/procurement/{reference}/record" in paths
    page = client.get("/api/v1/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "govuk-" in html and "Open Government Licence" in html
    for path in paths:
        assert path in html


@pytest.mark.parametrize(
    "since",
    # Found by schemathesis: offsets PostgreSQL refuses, and moments before year 1 in UTC.
    ["0173-04-17T17:03:20.5376+23:11", "0001-01-01T00:00:00+23:00", "9999-12-31T23:59:59-23:00"],
)
def test_since_takes_any_offset_python_takes(client, since):
    response = client.get("/api/v1/agreements", {"since": since})
    assert response.status_code in (200, 400)
    assert response.json()


def test_a_forged_cursor_is_a_400(client):
    import base64
    import json

    for position in (["0001-01-01T00:00:00+23:00", 1], ["2026-01-01T00:00:00", 1], ["x", True]):
        cursor = base64.urlsafe_b64encode(json.dumps(position).encode()).decode()
        response = client.get("/api/v1/decisions", {"cursor": cursor})
        assert response.status_code == 400, position


def test_a_page_costs_the_same_queries_for_few_rows_and_many(demo, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for collection in COLLECTIONS:
        counts = []
        for limit in (1, 200):
            client.get(f"/api/v1/{collection.name}?limit={limit}")  # warm the caches
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"/api/v1/{collection.name}?limit={limit}").status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], (collection.name, counts)


def test_a_row_leaving_a_list_is_never_answered_not_modified(demo, client):
    """Found by review: the newest time on the page did not change when a row left it, and
    If-Modified-Since got a false 304."""
    first = client.get("/api/v1/decisions?limit=5")
    oldest = first.json()["items"][0]["reference"]
    Challenge.objects.filter(reference=oldest).update(outcome="")  # off the register
    again = client.get("/api/v1/decisions?limit=5", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert oldest not in [row["reference"] for row in again.json()["items"]]


def test_head_is_answered_wherever_get_is(demo, client):
    for address in ("/api/v1/decisions?limit=2", "/api/v1/authorities/TRF", "/api/v1/openapi.json"):
        got = client.get(address)
        head = client.head(address)
        assert (head.status_code, head.content) == (200, b""), address
        assert head["Content-Type"] == got["Content-Type"]
        assert head["ETag"] == got["ETag"]
        assert int(head["Content-Length"]) == len(got.content)


def test_the_change_feed_neither_repeats_nor_skips_rows_with_equal_times(demo, client):
    """Times are served as stored (to the microsecond): passing the last row's time back as
    `since` gives only rows changed after it, and following the cursor through rows that share
    one time gives each once."""
    moment = timezone.now().replace(microsecond=123456)
    chosen = list(Challenge.objects.published().order_by("pk")[:3])
    Challenge.objects.filter(pk__in=[c.pk for c in chosen]).update(updated_at=moment)
    later = moment + datetime.timedelta(microseconds=1)
    Challenge.objects.filter(pk=chosen[0].pk).update(updated_at=later)
    since = (moment - datetime.timedelta(microseconds=1)).isoformat()
    seen, address = [], f"/api/v1/decisions?limit=1&since={quote(since)}"
    while address:
        page = client.get(address).json()
        seen += [(row["reference"], row["updated_at"]) for row in page["items"]]
        address = page["next"]
    assert [reference for reference, _ in seen] == [c.reference for c in chosen[1:]] + [
        chosen[0].reference
    ]
    assert seen[0][1] == moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.123456Z")
    last_time = seen[-1][1]
    assert client.get("/api/v1/decisions", {"since": last_time}).json()["items"] == []
