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
    # each measure as declared once (dashboard.measures): base, minimum base, what none means
    on_time = next(d for d in body["england"]["definitions"] if d["slug"] == "within_period_pct")
    assert (on_time["base"], on_time["min_base"]) == ("measured", 5)
    assert on_time["none_means"] == "no decision measured against a period"
    totals = body["england"]["totals"]
    assert (totals["within_period_pct"], totals["within_period_pct_status"]) == (None, "too_few")
    assert (totals["within_period_pct_count"], totals["within_period_pct_base"]) == (2, 3)


def test_one_authority_and_a_missing_one(client):
    build_cases()
    body = client.get("/api/v1/statistics/westshire").json()
    assert body["authority"]["slug"] == "westshire"
    assert body["totals"]["received"] == 4
    assert body["authority"]["periods_published"] is True
    assert body["authority"]["period_versions"] == [
        {
            "effective_on": "2024-01-02",
            "decision_period": "20 working days",
            "procurement_min_period": "10 calendar days",
        }
    ]
    missing = client.get("/api/v1/statistics/nowhere")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found"}
