import pytest
from playwright.sync_api import expect

from tests import builders
from tests.browser.conftest import assert_accessible, loaded


@pytest.fixture
def published(transactional_db, trafford, manchester, settings):
    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}-browser"
    builders.site_tree()
    builders.service(
        trafford, "Youth clubs and detached youth work", service_users="Young people aged 11 to 19"
    )
    builders.service(manchester, "Youth service: open access hubs")
    builders.service(manchester, "Community libraries")
    yield
    from search.backends import get_backend

    backend = get_backend()
    if backend.name == "elasticsearch":
        backend.client.indices.delete(index=f"{backend.alias}-*", ignore_unavailable=True)


def test_search_filter_and_no_results(page, published):
    page.goto("/")
    page.get_by_role("link", name="Search", exact=True).click()
    page.wait_for_url("**/search/")
    assert "3 results" in page.get_by_role("status").inner_text()
    assert_accessible(page, "search-all")

    page.fill("#q", "youth club")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/search/?q=youth+club**")
    assert "2 results for ‘youth club’" in page.get_by_role("status").inner_text()
    assert page.locator(".search-result mark").count() >= 1

    page.get_by_label("Trafford (1)").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**authority=trafford**")
    assert "1 result for" in page.get_by_role("status").inner_text()
    assert page.get_by_label("Trafford (1)").is_checked()
    expect(page.get_by_label("Manchester (1)")).to_be_visible()  # still offered, with its count
    assert_accessible(page, "search-filtered")

    page.goto("/search/?q=submarine&from=2026-02-30")
    assert "There is a problem with your search" in loaded(page)
    assert "No results for ‘submarine’" in page.get_by_role("status").inner_text()
    assert_accessible(page, "search-no-results")
