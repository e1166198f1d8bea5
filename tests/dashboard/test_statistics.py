"""Every figure of the statistics module against the hand-built cases of conftest.py, whose
answers are worked out by hand there (on PostgreSQL, through the real transitions), and the
ledger's rows for the rated figures and their edge cases."""

import pytest

from dashboard import statistics


def test_england_challenge_figures(cases):
    t = statistics.challenge_figures()
    assert t["received"] == 5
    assert t["decided"] == 4  # c1, c2, c4 (modified), c5
    assert (t["measured"], t["within_period"], t["no_period"]) == (3, 2, 1)  # c5: no period
    # every base is below the minimum of 5: a status, the base, never a bare percentage
    assert t["within_period_pct"] is None
    assert (t["within_period_pct_status"], t["within_period_pct_base"]) == ("too_few", 3)
    assert (t["within_period_pct_low"], t["within_period_pct_high"]) == (20.8, 93.9)  # 2 of 3
    assert t["timed"] == 4 and t["median_working_days"] is None  # of 5, 30, 10, 4: too few
    assert t["median_working_days_status"] == "too_few"
    assert (t["accepted"], t["modified"], t["rejected"], t["withdrawn"]) == (2, 1, 1, 1)
    assert (t["accepted_pct_count"], t["accepted_pct_base"]) == (3, 4)
    assert t["awaiting_decision"] == 0
    assert t["procurement_started"] == 1  # c1's exercise
    assert t["awaiting_procurement"] == 2  # c4 (modified) and c5 wait for theirs
    assert t["median_days_to_procurement_base"] == 1  # 10 March to 24 March: too few to say
    assert (t["with_result"], t["challenger_won"]) == (1, 1)  # from the exercise's award
    assert t["bodies"] == 2
    assert (t["first_time"], t["returning"]) == (2, 3)  # c4 and c3 first; c1, c2, c5 again
    assert (t["repeat_pct"], t["repeat_pct_base"]) == (60.0, 5)
    assert (t["employee_groups"], t["consortia"], t["joint"]) == (1, 1, 1)


def test_rated_figures_and_their_edge_cases(ledger):
    """Northshire (conftest.build_ledger): the due day counts as on time, a decision before the
    window closed is not timed (never 0 days), a challenge received before the period took
    effect has no period to measure against."""
    n = statistics.challenge_figures(ledger.north)
    assert (n["received"], n["decided"], n["measured"], n["within_period"]) == (7, 6, 5, 4)
    assert (n["within_period_pct"], n["within_period_pct_status"]) == (80.0, "rated")
    assert (n["within_period_pct_low"], n["within_period_pct_high"]) == (37.6, 96.4)
    assert (n["no_period"], n["no_period_pct"]) == (1, 16.7)
    assert (n["timed"], n["median_working_days"]) == (5, 10.0)  # 5, 10, 10, 20, 25
    assert (n["accepted_pct"], n["rejected_pct"]) == (50.0, 50.0)
    assert (n["accepted_pct_low"], n["accepted_pct_high"]) == (18.8, 81.2)  # 3 of 6
    england = statistics.challenge_figures()
    assert (england["measured"], england["within_period"]) == (8, 6)
    assert england["within_period_pct"] == 75.0
    assert (england["no_period"], england["no_period_pct"]) == (2, 20.0)  # c5 and n6 of 10
    # 4, 5, 5, 10, 10, 10, 20, 25, 30 (c5, c1, n1, c4, n2, n6, n4, n3, c2)
    assert (england["timed"], england["median_working_days"]) == (9, 10.0)


def test_grounds_are_counted_once_per_decision(cases):
    cited = {g["ground"]: g["cited"] for g in statistics.grounds(statistics.challenge_figures())}
    assert cited["body_unsuitable"] == 1
    assert cited["non_compliant"] == 1
    assert cited["info_inadequate_or_inaccurate"] == 1  # the modification's ground
    assert sum(cited.values()) == 3


def test_one_authority(cases):
    west = statistics.challenge_figures(cases.west)
    assert (west["received"], west["decided"], west["within_period"]) == (4, 3, 2)
    assert (west["within_period_pct_count"], west["within_period_pct_base"]) == (2, 3)
    assert west["timed"] == 3
    east = statistics.challenge_figures(cases.east)
    assert (east["received"], east["decided"], east["measured"], east["no_period"]) == (1, 1, 0, 1)
    assert east["within_period_pct_status"] == "none"  # nothing to measure, not 0%
    assert east["joint"] == 1  # a joint challenge counts for its lead authority only
    assert west["joint"] == 0


def test_by_year_and_by_window(cases):
    years = {row["year"]: row for row in statistics.by_year()}
    assert sorted(years) == [2024, 2025]
    assert (years[2024]["received"], years[2024]["within_period"]) == (1, 1)
    assert (years[2025]["received"], years[2025]["decided"]) == (4, 3)
    assert years[2025]["within_period_pct_status"] == "too_few"
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


def test_league_and_medians_over_the_authorities_meeting_the_minimum_base(ledger):
    rows = {r["slug"]: r for r in statistics.league()}
    assert rows["westshire"]["received"] == 4
    assert rows["westshire"]["periods_published"] is True
    assert rows["eastshire"]["periods_published"] is False
    assert rows["eastshire"]["within_period_pct_status"] == "none"
    assert rows["westshire"]["within_period_pct_status"] == "too_few"
    assert rows["northshire"]["within_period_pct"] == 80.0
    medians = statistics.medians(list(rows.values()))
    assert medians["received"] == {"median": 4.0, "authorities": 3}  # of 4, 1 and 7
    # Westshire (2 of 3) and Eastshire (none) are left out: the median is Northshire's alone
    assert medians["within_period_pct"] == {"median": 80.0, "authorities": 1}
    assert medians["median_working_days"] == {"median": 10.0, "authorities": 1}
    # a yes/no is never a median: the share
    assert medians["periods_published"] == {"yes": 2, "authorities": 3, "share": 67}


def test_a_period_withdrawn_later_does_not_change_past_judgements(cases):
    """Each decision is measured against the period in force when its challenge was received:
    withdrawing the periods today changes no past figure."""
    type(cases.west).objects.filter(pk=cases.west.pk).update(timescales_published_on=None)
    assert statistics.challenge_figures(cases.west)["within_period"] == 2


@pytest.mark.parametrize(
    ("values", "higher_is_better", "expected"),
    [
        ([80.0, 50.0, 50.0, 20.0], True, ["1", "=2", "=2", "4"]),
        ([80.0, 50.0, 50.0, 20.0], False, ["4", "=2", "=2", "1"]),
        ([10.0, 10.0, 10.0], True, ["=1", "=1", "=1"]),
    ],
)
def test_ranks_with_ties(values, higher_is_better, expected):
    from dashboard.measures import PERCENT, Measure, ranks

    m = Measure("x", "X", PERCENT, "", higher_is_better=higher_is_better, numerator="n", base="b")
    rows = [{"slug": f"a{i}", "x": v, "x_status": "rated"} for i, v in enumerate(values)]
    rows.append({"slug": "few", "x": None, "x_status": "too_few"})
    result = ranks(rows, m)
    assert [result[f"a{i}"] for i in range(len(values))] == expected
    assert "few" not in result  # too few to say: no rank


def test_wilson_interval():
    from dashboard.measures import wilson

    assert wilson(4, 5) == (37.6, 96.4)
    assert wilson(0, 1) == (0.0, 79.3)
    assert wilson(5, 5) == (56.6, 100.0)
    assert wilson(0, 0) is None


def test_every_measure_of_an_authority_as_shown(ledger):
    """Every measure the league and "who engages" show, for Northshire (conftest.build_ledger),
    written as the pages write it: worked out by hand there."""
    from dashboard import measures

    row = next(r for r in statistics.league() if r["slug"] == "northshire")
    shown = {
        m.slug: measures.present(m, row)
        for m in measures.MEASURES
        if m.league or m.slug in measures.ENGAGEMENT
    }
    assert shown == {
        "received": "7",
        "decided": "6",
        "within_period_pct": "80% (4 of 5)",
        "late_pct": "20% (1 of 5)",
        "no_period_pct": "16.7% (1 of 6)",
        "no_reasons_pct": "100% (6 of 6)",  # rows written without reasons
        "median_working_days": "10 (of 5)",
        "accepted_pct": "50% (3 of 6)",
        "rejected_pct": "50% (3 of 6)",
        "withdrawn": "0",
        "procurement_started_pct": "too few to say (0 of 3)",
        "procurement_started": "0",
        "challenger_won_pct": "no contract awarded",
        "bodies": "1",
        "repeat_pct": "100% (7 of 7)",  # Riverside had challenged Westshire in June 2024
        "employee_groups": "0",
        "consortia": "0",
        "joint": "0",
        "services_published": "1",
        "windows_open": "0",
        "periods_published": "Yes",
        "agreements_in_force": "0",
        # innovation offers: none made to it, and no response standard
        "offers_received": "0",
        "offer_standard": "No standard published",
        "offers_answered_on_time_pct": "no offer measured against a standard",
        "offers_with_reasons_pct": "no offer answered",
        "offers_never_answered": "0",
    }
    assert row["periods_since"] == "2025-01-01"
