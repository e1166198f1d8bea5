"""The API serves the performance dashboard's statistics (issue 12, item 4): the same figures as
/dashboard/ and /dashboard/<authority>/, from the same cache, with the measures' definitions."""

import pytest

from tests.dashboard.conftest import build_cases

pytestmark = pytest.mark.django_db


def test_england_matches_the_dashboard(client):
    build_cases()
    body = client.get("/api/v1/statistics").json()
    from dashboard import refresh

    entry = refresh.national()
    assert body["england"]["totals"] == entry["england"]["totals"]
    assert body["england"]["totals"]["received"] == 5  # the five hand-built challenges
    assert {row["slug"] for row in body["league"]} >= {"westshire"}
    assert body["medians"] == entry["medians"]
    assert body["england"]["definitions"]  # every figure defined in plain English


def test_one_authority_and_a_missing_one(client):
    build_cases()
    body = client.get("/api/v1/statistics/westshire").json()
    assert body["authority"]["slug"] == "westshire"
    assert body["totals"]["received"] == 4
    assert body["authority"]["periods_published"] is True
    missing = client.get("/api/v1/statistics/nowhere")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found"}
