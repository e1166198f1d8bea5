import pytest
from playwright.sync_api import expect

from tests import builders
from tests.browser.conftest import assert_accessible, loaded


@pytest.fixture
def published(transactional_db, trafford, manchester):
    builders.site_tree()
    youth = builders.service(
        trafford, "Youth clubs and detached youth work", service_users="Young people aged 11 to 19"
    )
    builders.open_window(trafford, youth)
    builders.service(manchester, "Community libraries")
    return youth


def test_home_directory_and_service_page(page, published):
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Run a local service")
    assert page.get_by_role("link", name="Skip to main content").count() == 1
    assert_accessible(page, "home")

    page.get_by_role("button", name="Find a service to challenge").click()
    page.wait_for_url("**/services/")
    assert "2 services" in page.get_by_role("status").inner_text()
    assert_accessible(page, "directory")

    page.select_option("#authority", "trafford")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/services/?authority=trafford**")
    assert "1 service" in page.get_by_role("status").inner_text()
    assert page.get_by_role("link", name="Community libraries").count() == 0

    page.get_by_role("link", name="Youth clubs and detached youth work").click()
    expect(page.locator("h1")).to_have_text("Youth clubs and detached youth work")
    assert "Challenges to this service are open until" in loaded(page)
    assert "Young people aged 11 to 19" in loaded(page)
    assert page.get_by_role("navigation", name="Breadcrumb").count() == 1
    assert_accessible(page, "service-page")


def test_not_found_page_is_accessible(page, published):
    response = page.goto("/services/nowhere/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    assert_accessible(page, "not-found")


def test_sign_in_errors_use_the_error_summary(page, published):
    page.goto("/account/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    assert "Enter your email address" in summary.inner_text()
    page.get_by_role("link", name="Enter your email address").click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert_accessible(page, "sign-in-errors")


def test_open_data_pages_are_accessible(page, published):
    from io import StringIO

    from django.core.management import call_command

    page.goto("/api/v1/")
    expect(page.locator("h1")).to_have_text("Open data API")
    assert page.get_by_role("link", name="OpenAPI document").count() == 1
    assert_accessible(page, "open-data-api")
    call_command("build_open_data", stdout=StringIO())
    page.goto("/data/")
    expect(page.locator("h1")).to_have_text("Open data downloads")
    assert page.get_by_role("link", name="services.csv.gz").count() == 1
    assert_accessible(page, "open-data-downloads")
