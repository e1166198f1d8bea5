"""The public pages show the hand-built cases' figures (conftest.py), sort and filter the league
table, offer each chart's CSV, and say when the history is synthetic."""

import csv
import io
import re

import pytest
from django.urls import reverse

from dashboard.models import SyntheticHistory
from tests import builders


def figure(html: str, slug: str) -> str:
    found = re.search(rf'data-figure="{slug}">(.*?)</dd>', html, re.S)
    assert found, f"no figure {slug}"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def league_order(html: str) -> list[str]:
    return re.findall(r'<tr class="govuk-table__row" data-authority="([^"]+)"', html)


def test_england_page_shows_every_figure(client, cases):
    html = client.get(reverse("dashboard:england")).content.decode()
    assert figure(html, "received") == "5"
    assert figure(html, "decided") == "4"
    # every base is below 5: "too few to say", with the base, never a bare percentage
    assert figure(html, "within_period_pct") == "too few to say (2 of 3)"
    assert figure(html, "no_period_pct") == "too few to say (1 of 4)"
    assert figure(html, "median_working_days") == "too few to say (of 4)"
    assert figure(html, "outcomes") == "2 / 1 / 1 / 1"
    assert figure(html, "procurement_started") == "1 of 3"
    assert figure(html, "median_days_to_procurement") == "too few to say (of 1)"
    assert figure(html, "challenger_won_pct") == "too few to say (1 of 1)"
    assert figure(html, "bodies") == "2"
    assert figure(html, "returning") == "2 / 3"
    assert (figure(html, "employee_groups"), figure(html, "consortia")) == ("1", "1")
    assert figure(html, "joint") == "1"
    assert figure(html, "services_published") == "2"
    assert figure(html, "periods_published") == "1 of 2 (50%)"
    assert figure(html, "agreements_in_force") == "0"
    assert "synthetic" not in html.lower()
    # every chart with data: accessible SVG and its table; every chart: its CSV link
    assert html.count('role="img"') == 7  # no pooled funds: "Nothing to show yet"
    assert html.count("<title id=") == html.count("<desc id=") == 7
    assert html.count("Show the figures as a table") == 7
    assert html.count("Nothing to show yet") == 1
    assert html.count("/dashboard/csv/") == 8
    assert "<script" not in html.split('id="main-content"')[1].split("</main>")[0]


def test_authority_page_beside_the_national_median(client, cases):
    html = client.get(reverse("dashboard:authority", args=["westshire"])).content.decode()
    assert figure(html, "received") == "4"
    assert figure(html, "within_period_pct") == "too few to say (2 of 3)"
    assert figure(html, "median_working_days") == "too few to say (of 3)"
    assert "published minimum period: 10 calendar days" in figure(
        html, "median_days_to_procurement"
    )
    assert figure(html, "periods_published").startswith("Yes: decisions within 20 working days")
    row = re.search(r'data-measure="received">(.*?)</tr>', html, re.S).group(1)
    # Westshire, its interval (none for a count), England's median
    assert re.findall(r"numeric\">([^<]*)<", row) == ["4", "", "2.5"]
    east = client.get(reverse("dashboard:authority", args=["eastshire"])).content.decode()
    assert figure(east, "periods_published").startswith("Not published (checked")
    assert figure(east, "within_period_pct") == "no decision measured against a period"
    assert figure(east, "no_period_pct") == "too few to say (1 of 1)"
    assert client.get("/dashboard/nowhere/").status_code == 404


def test_league_table_sorts_and_filters(client, cases):
    builders.authority("NTH", nice_name="Northshire", slug="northshire", region="South West")
    url = reverse("dashboard:england")
    assert league_order(client.get(url).content.decode()) == [
        "eastshire", "northshire", "westshire",
    ]  # fmt: skip
    by_received = client.get(url, {"sort": "received", "order": "desc"}).content.decode()
    assert league_order(by_received) == ["westshire", "eastshire", "northshire"]
    assert 'aria-sort="descending"><a class="govuk-link" href="?sort=received&amp;order=asc' in (
        by_received
    )
    # Too few to say, then none, go last whichever way the column is sorted.
    on_time = client.get(url, {"sort": "within_period_pct", "order": "asc"}).content.decode()
    assert league_order(on_time) == ["westshire", "eastshire", "northshire"]
    south_west = client.get(url, {"region": "South West"}).content.decode()
    assert league_order(south_west) == ["northshire", "westshire"]
    districts = client.get(url, {"type": "NMD"}).content.decode()
    assert league_order(districts) == ["eastshire"]
    median_row = re.search(r"data-median>(.*?)</tr>", districts, re.S).group(1)
    assert re.findall(r"numeric\">([^<]*)<", median_row)[0] == "1"  # of 4, 1 and 0: national
    assert "England" in median_row


def test_league_table_refuses_unknown_filters_plainly(client, cases):
    response = client.get(
        reverse("dashboard:england"),
        {"type": "XX", "region": "Atlantis", "sort": "nonsense", "order": "up"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose a type of authority from the list" in html
    assert "Choose a region from the list" in html
    assert league_order(html) == ["eastshire", "westshire"]


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_chart_csv_downloads(client, cases):
    rows = read_csv(client.get(reverse("dashboard:england-csv", args=["outcomes"])))
    assert rows == [
        ["Outcome", "Challenges"],
        ["Accepted", "2"],
        ["Accepted with a modification", "1"],
        ["Rejected", "1"],
        ["Withdrawn by the body", "1"],
        ["Awaiting a decision", "0"],
    ]
    years = read_csv(client.get(reverse("dashboard:england-csv", args=["received-by-year"])))
    assert years[1:] == [
        ["2024", "1", "1", "too few to say", "too few to say", "1"],
        ["2025", "4", "3", "too few to say", "too few to say", "3"],
    ]
    west = read_csv(client.get(reverse("dashboard:authority-csv", args=["westshire", "grounds"])))
    assert dict((r[0].split(".")[0], r[1]) for r in west[1:]) == {
        "1": "1", "2": "1", "3": "1", "4": "0", "5": "0", "6": "0", "7": "0", "8": "0",
        "9": "0", "10": "0",
    }  # fmt: skip
    assert client.get("/dashboard/csv/nothing.csv").status_code == 404


def test_league_csv_follows_the_filter_and_is_safe_for_spreadsheets(client, cases):
    builders.authority("FML", nice_name='=HYPERLINK("x")', slug="formula", region="South West")
    rows = read_csv(client.get(reverse("dashboard:league-csv"), {"region": "South West"}))
    assert rows[0][:5] == ["Authority", "Code", "Type", "Region", "Challenges received"]
    assert rows[1][0] == "England median (share for yes/no)"
    names = [r[0] for r in rows[2:]]
    assert names == ['\'=HYPERLINK("x")', "Westshire"]
    westshire = dict(zip(rows[0], rows[3], strict=True))
    assert (westshire["Challenges received"], westshire["Decisions made"]) == ("4", "3")
    assert westshire["Decided within the published maximum period (%)"] == "too few to say"


def test_how_we_count_defines_every_measure(client, db):
    from dashboard.measures import MEASURES

    html = client.get(reverse("dashboard:how-we-count")).content.decode()
    for m in MEASURES:
        assert f'id="{m.slug}"' in html
        assert f'data-declaration="{m.slug}"' in html
    assert "no default period is ever assumed" in html
    assert "Minimum base: 5 decisions measured against a period" in html
    assert "A decision notified before its period started (before the window closed) is left " in (
        html
    )
    assert "a period published later is never applied to it" in html
    assert "listed in alphabetical order whichever way the column is sorted" in html


def cells(html: str, slug: str) -> list[str]:
    row = re.search(rf'data-authority="{slug}"[^>]*>(.*?)</tr>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]


def test_league_ranks_small_numbers_and_the_england_row(client, ledger):
    from dashboard.measures import LEAGUE

    url = reverse("dashboard:england")
    html = client.get(url, {"sort": "within_period_pct", "order": "desc"}).content.decode()
    assert league_order(html) == ["northshire", "westshire", "eastshire"]
    column = 2 + [m.slug for m in LEAGUE].index("within_period_pct")  # after rank and name
    north, west, east = (cells(html, s) for s in ("northshire", "westshire", "eastshire"))
    assert (north[0], north[column]) == ("1", "80% (4 of 5)")
    assert (west[0], west[column]) == ("", "too few to say (2 of 3)")
    assert (east[0], east[column]) == ("", "no decision measured against a period")
    median = re.search(r"data-median>(.*?)</tr>", html, re.S).group(1)
    median_cells = [
        re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", median)
    ]
    assert median_cells[column] == "80% (of 1 authorities)"  # Northshire's alone
    published = 2 + [m.slug for m in LEAGUE].index("periods_published")
    assert median_cells[published] == "2 of 3 (67%)"  # a share, never a median of yes/no
    assert "data-tie-order" in html


@pytest.mark.parametrize("order", ["desc", "asc"])
def test_ties_keep_alphabetical_order_and_share_a_rank(client, ledger, order):
    html = client.get(reverse("dashboard:england"), {"sort": "withdrawn", "order": order})
    html = html.content.decode()
    expected = ["westshire", "eastshire", "northshire"]  # 1 withdrawn, then 0 and 0
    assert league_order(html) == (expected if order == "desc" else expected[1:] + expected[:1])
    ranks = {slug: cells(html, slug)[0] for slug in expected}
    assert ranks == {"westshire": "1", "eastshire": "=2", "northshire": "=2"}


def test_authority_page_shows_the_interval(client, ledger):
    html = client.get(reverse("dashboard:authority", args=["northshire"])).content.decode()
    row = re.search(r'data-measure="within_period_pct">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r"numeric\">([^<]*)<", row) == [
        "80% (4 of 5)", "37.6% to 96.4%", "80% (of 1 authorities)",
    ]  # fmt: skip
    assert figure(html, "median_working_days") == "10 (of 5)"
    assert figure(html, "no_period_pct") == "16.7% (1 of 6)"


def test_league_csv_gives_base_and_interval(client, ledger):
    rows = read_csv(client.get(reverse("dashboard:league-csv"), {"sort": "within_period_pct"}))
    header = rows[0]
    assert header[4] == "Rank in England: Decided within the published maximum period"
    by_name = {r[0]: dict(zip(header, r, strict=True)) for r in rows[2:]}
    label = "Decided within the published maximum period"
    keys = [
        f"{label} (%)", f"{label}: count", f"{label}: base (decisions measured against a period)",
        f"{label}: 95% interval, low (%)", f"{label}: 95% interval, high (%)",
    ]  # fmt: skip
    assert [by_name["Northshire"][k] for k in keys] == ["80.0", "4", "5", "37.6", "96.4"]
    assert [by_name["Westshire"][k] for k in keys] == ["too few to say", "2", "3", "20.8", "93.9"]
    assert [by_name["Eastshire"][k] for k in keys] == ["", "0", "0", "", ""]
    assert by_name["Northshire"][header[4]] == "1"
    assert by_name["Northshire"]["Median working days to a decision"] == "10.0"
    assert by_name["Northshire"]["Has published its s.84 periods"] == "yes"


@pytest.mark.parametrize("path", ["/dashboard/", "/dashboard/how-we-count/"])
def test_pages_say_when_the_history_is_synthetic(client, cases, path):
    from dashboard import refresh

    SyntheticHistory.objects.create(years=5, scale=0.1, challenges=5)
    refresh.rebuild()
    html = client.get(path).content.decode()
    assert "These figures come from a synthetic history" in html
    authority = client.get("/dashboard/westshire/").content.decode()
    assert "synthetic history" in authority


def test_navigation_and_home_link_to_the_dashboard(client, cases):
    html = client.get("/").content.decode()
    assert 'href="/dashboard/"' in html


# The offers columns of an authority with no offer and no response standard (issue 21).
NO_OFFERS = [
    "0", "No standard published", "no offer measured against a standard", "no offer answered", "0",
]  # fmt: skip


def test_who_engages_each_signal_with_its_base(client, ledger):
    url = reverse("dashboard:engagement")
    html = client.get(url).content.decode()
    assert league_order(html) == ["eastshire", "northshire", "westshire"]
    assert cells(html, "northshire") == [
        "Northshire", "Yes, since 1 January 2025", "7", "50% (3 of 6)", "20% (1 of 5)",
        "16.7% (1 of 6)", "10 (of 5)", "100% (6 of 6)", "too few to say (0 of 3)",
        *NO_OFFERS,
    ]  # fmt: skip
    assert cells(html, "westshire") == [
        "Westshire", "Yes, since 2 January 2024", "4", "too few to say (1 of 3)",
        "too few to say (1 of 3)", "too few to say (0 of 3)", "too few to say (of 3)",
        "too few to say (0 of 3)", "too few to say (1 of 2)",
        *NO_OFFERS,
    ]  # fmt: skip
    assert cells(html, "eastshire")[1:4] == ["No: not published", "1", "too few to say (0 of 1)"]
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    # similar authorities: the same type side by side; sorted with ties in alphabetical order
    similar = client.get(url, {"type": "UA", "sort": "received", "order": "desc"}).content.decode()
    assert league_order(similar) == ["northshire", "westshire"]
    assert "Unitary authority: similar authorities side by side" in similar


def test_who_engages_goes_to_one_authority_without_javascript(client, ledger):
    url = reverse("dashboard:engagement")
    response = client.get(url, {"authority": "northshire"})
    assert response.status_code == 302 and response["Location"] == "/dashboard/northshire/"
    refused = client.get(url, {"authority": "atlantis"}).content.decode()
    assert "Choose an authority from the list" in refused
    assert '<option value="northshire">Northshire</option>' in refused
    page = client.get(reverse("dashboard:authority", args=["westshire"])).content.decode()
    assert 'href="/dashboard/who-engages/?type=UA#authority-westshire" data-compare' in page
