"""Every figure of the statistics module against the hand-built cases of conftest.py, whose
answers are worked out by hand there (on PostgreSQL, through the real transitions)."""

import pytest

from dashboard import statistics


def test_england_challenge_figures(cases):
    t = statistics.challenge_figures()
    assert t["received"] == 5
    assert t["decided"] == 4  # c1, c2, c4 (modified), c5
    assert t["within_period"] == 2  # c1 and c4; c2 was late; Eastshire published no period
    assert t["within_period_pct"] == 50.0
    assert t["median_working_days"] == 7.5  # of 5 (c1), 30 (c2), 10 (c4), 4 (c5)
    assert (t["accepted"], t["modified"], t["rejected"], t["withdrawn"]) == (2, 1, 1, 1)
    assert t["accepted_pct"] == 75.0
    assert t["awaiting_decision"] == 0
    assert t["procurement_started"] == 1  # c1
    assert t["awaiting_procurement"] == 2  # c4 (modified) and c5 wait for theirs
    assert t["median_days_to_procurement"] == 14.0  # 10 March to 24 March
    assert (t["with_result"], t["challenger_won"], t["challenger_won_pct"]) == (1, 1, 100.0)
    assert t["bodies"] == 2
    assert (t["first_time"], t["returning"]) == (2, 3)  # c4 and c3 first; c1, c2, c5 again
    assert t["repeat_pct"] == 60.0
    assert (t["employee_groups"], t["consortia"], t["joint"]) == (1, 1, 1)


def test_grounds_are_counted_once_per_decision(cases):
    cited = {g["ground"]: g["cited"] for g in statistics.grounds(statistics.challenge_figures())}
    assert cited["body_unsuitable"] == 1
    assert cited["non_compliant"] == 1
    assert cited["info_inadequate_or_inaccurate"] == 1  # the modification's ground
    assert sum(cited.values()) == 3


def test_one_authority(cases):
    west = statistics.challenge_figures(cases.west)
    assert (west["received"], west["decided"], west["within_period"]) == (4, 3, 2)
    assert west["within_period_pct"] == 66.7
    assert west["median_working_days"] == 10.0
    east = statistics.challenge_figures(cases.east)
    assert (east["received"], east["decided"], east["within_period_pct"]) == (1, 1, 0.0)
    assert east["joint"] == 1  # a joint challenge counts for its lead authority only
    assert west["joint"] == 0


def test_by_year_and_by_window(cases):
    years = {row["year"]: row for row in statistics.by_year()}
    assert sorted(years) == [2024, 2025]
    assert (years[2024]["received"], years[2024]["within_period"]) == (1, 1)
    assert (years[2025]["received"], years[2025]["decided"]) == (4, 3)
    assert statistics.by_window() == [
        {"year": 2024, "in_window": 0, "any_time": 1},
        {"year": 2025, "in_window": 0, "any_time": 4},
    ]
    assert statistics.by_window(cases.west) == [
        {"window_closes_on": None, "received": 4, "decided": 3}
    ]


def test_body_types(cases):
    rows = {r["body_type"]: r for r in statistics.by_body_type()}
    assert rows["charitable_trust"] | {} == {
        "body_type": "charitable_trust", "challenges": 4, "bodies": 1, "first_time": 1,
        "label": "Body or trust established for charitable purposes only",
    }  # fmt: skip
    assert (rows["employee_group"]["challenges"], rows["employee_group"]["bodies"]) == (1, 1)


def test_periods_published_counts_missing_periods_as_not_published(cases):
    services = statistics.services_and_windows()
    assert (services["periods_published"], services["authorities"]) == (1, 2)
    assert services["services_published"] == 2 and services["windows_open"] == 0
    assert statistics.authority(cases.east)["authority"]["periods_published"] is False
    assert statistics.authority(cases.east)["authority"]["decision_period"] is None
    west = statistics.authority(cases.west)["authority"]
    assert west["periods_published"] is True
    assert west["decision_period"] == "20 working days"


def test_league_and_medians(cases):
    rows = {r["slug"]: r for r in statistics.league()}
    assert rows["westshire"]["received"] == 4
    assert rows["westshire"]["periods_published"] is True
    assert rows["eastshire"]["periods_published"] is False
    assert rows["eastshire"]["within_period_pct"] == 0.0
    medians = statistics.medians(list(rows.values()))
    assert medians["received"] == 2.5  # of 4 and 1
    assert medians["median_working_days"] == 7.0  # of 10 and 4


@pytest.mark.parametrize("missing", ["timescales_published_on"])
def test_an_authority_that_withdraws_its_periods_has_no_decision_on_time(cases, missing):
    type(cases.west).objects.filter(pk=cases.west.pk).update(**{missing: None})
    assert statistics.challenge_figures(cases.west)["within_period"] == 0
