"""The dashboard in Chromium: England, the league table sorted and filtered through links and a
GET form (no JavaScript needed), an authority's page, How we count; each checked with axe-core."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.dashboard.conftest import build_cases


@pytest.fixture
def cases(transactional_db):
    return build_cases()


def league(page) -> list[str]:
    return page.locator("[data-league] tbody tr[data-authority]").evaluate_all(
        "rows => rows.map(r => r.dataset.authority)"
    )


def test_dashboard_pages(page, cases):
    page.goto("/")
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.wait_for_url("**/dashboard/")
    expect(page.locator("h1")).to_have_text("How authorities in England handle challenges")
    expect(page.locator('[data-figure="within_period_pct"]')).to_have_text(
        "too few to say (2 of 3)"  # 3 decisions measured against a period, below the base of 5
    )
    chart = page.get_by_role("img", name="Challenges received and decided, by year")
    assert chart.count() == 1
    page.get_by_text("Show the figures as a table").first.click()
    expect(
        page.get_by_role("table", name="Challenges received and decided, by year")
    ).to_be_visible()
    assert_accessible(page, "dashboard-england")

    page.get_by_role("link", name="Challenges received", exact=True).click()
    page.wait_for_url("**sort=received**")
    assert league(page) == ["westshire", "eastshire"]
    page.select_option("#type", "NMD")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**type=NMD**")
    assert league(page) == ["eastshire"]
    assert_accessible(page, "dashboard-league-filtered")

    page.get_by_role("link", name="Eastshire").click()
    page.wait_for_url("**/dashboard/eastshire/")
    expect(page.locator("h1")).to_have_text("Eastshire")
    assert "Not published" in page.locator('[data-figure="periods_published"]').inner_text()
    expect(page.get_by_role("table", name="Eastshire beside England")).to_be_visible()
    assert_accessible(page, "dashboard-authority")

    page.get_by_role("link", name="how we count").click()
    page.wait_for_url("**/dashboard/how-we-count/")
    expect(page.locator("h1")).to_have_text("How we count")
    assert_accessible(page, "dashboard-how-we-count")


def test_the_dashboard_works_without_javascript(browser, live_server, cases):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto("/dashboard/?sort=within_period_pct&order=asc")
        # "too few to say" (Westshire), then no decision measured (Eastshire): last either way
        assert league(tab) == ["westshire", "eastshire"]
        tab.select_option("#region", "South West")
        tab.get_by_role("button", name="Apply filters").click()
        tab.wait_for_url("**region=South+West**")
        assert league(tab) == ["westshire"]
        with tab.expect_download() as download:
            tab.get_by_role("link", name="Download this table (CSV)").click()
        content = Path(download.value.path()).read_text(encoding="utf-8")
        assert content.splitlines()[2].startswith("Westshire,WST,")
    finally:
        context.close()
