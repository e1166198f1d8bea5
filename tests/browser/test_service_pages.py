"""The pages every GOV.UK service has, feedback from the phase banner, the directory's "open for
challenges now" filter, the refusal of an excluded service, and the new provider's journey back
to the challenge they started: in Chromium, each page checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from challenges.models import Challenge
from messaging.models import OutboxMessage
from portal.models import Feedback
from tests import builders
from tests.browser.conftest import assert_accessible, sign_in


@pytest.fixture
def services(transactional_db, trafford):
    builders.site_tree()
    youth = builders.service(trafford, "Youth clubs")
    builders.open_window(trafford, youth)
    excluded = builders.service(
        trafford,
        "Care for a named person",
        excluded=True,
        excluded_reason="named_person_complex_needs",
    )
    builders.open_window(trafford, excluded)
    builders.service(trafford, "Day centres")  # no window applies: open at any time (s.82)
    return {"youth": youth, "excluded": excluded}


def test_footer_pages_are_accessible(page, services):
    page.goto("/")
    for name, heading in [
        ("Open data", "Open data"),
        ("Service status", "Service status"),
        ("Accessibility statement", "Accessibility statement"),
        ("Cookies", "Cookies"),
        ("Privacy", "Privacy notice"),
        ("Contact", "Contact us"),
    ]:
        page.locator("footer").get_by_role("link", name=name, exact=True).click()
        expect(page.locator("h1")).to_have_text(heading)
        assert_accessible(page, "page-" + name.lower().replace(" ", "-"))


def test_feedback_from_the_phase_banner(page, services):
    builders.user("root@example.org", is_superuser=True)
    page.goto("/services/")
    page.locator(".govuk-phase-banner").get_by_role("link", name="feedback").click()
    assert page.locator("h1").inner_text().startswith("Give feedback")
    page.get_by_role("button", name="Send feedback").click()
    summary = page.locator(".govuk-error-summary")
    assert "Select how you felt about the service" in summary.inner_text()
    assert_accessible(page, "feedback-errors")
    page.get_by_label("Satisfied", exact=True).check()
    page.get_by_label("How could we improve this service?").fill("More services in Salford.")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator("h1")).to_have_text("Feedback sent")
    assert_accessible(page, "feedback-sent")
    page.get_by_role("link", name="Go back to the page you were on").click()
    page.wait_for_url("**/services/")
    entry = Feedback.objects.get()
    assert (entry.rating, entry.page) == ("satisfied", "/services/")
    assert OutboxMessage.objects.filter(kind="feedback_received").count() == 1


def test_directory_filter_and_excluded_service(page, services):
    page.goto("/services/")
    page.get_by_label("Open for challenges now").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**open=yes**")
    titles = page.locator("main h2 a").all_inner_texts()
    assert "Youth clubs" in titles and "Care for a named person" not in titles
    assert page.locator(".govuk-tag--green").count() == len(titles)
    assert_accessible(page, "directory-open-now")

    person, _ = builders.provider()
    sign_in(page, person)
    page.goto(services["excluded"].url)
    assert page.get_by_role("link", name="Challenge this service").count() == 0
    assert page.locator(".govuk-tag--green").count() == 0
    response = page.goto(f"/challenges/new/?service={services['excluded'].pk}")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Care for a named person cannot be challenged")
    assert_accessible(page, "excluded-refused")
    assert not Challenge.objects.exists()


def test_a_new_provider_comes_back_to_the_challenge_they_started(page, services):
    page.goto(services["youth"].url)
    page.get_by_role("link", name="Challenge this service").click()
    page.wait_for_url("**/account/sign-in/**")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("First name").fill("Pat")
    page.get_by_label("Last name").fill("Provider")
    page.get_by_label("Email address").fill("pat@example.org")
    page.get_by_label("Password").fill(builders.PASSWORD)
    assert page.get_by_label("Email address").get_attribute("autocomplete") == "email"
    assert page.get_by_label("Password").get_attribute("autocomplete") == "new-password"
    assert_accessible(page, "register")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator("h1")).to_have_text("Check your email")

    body = OutboxMessage.objects.get(kind="confirm_email").body
    page.goto(re.search(r"https?://[^/\s]+(/account/confirm/\S+/)", body).group(1))
    page.get_by_role("button", name="Confirm email address").click()
    page.wait_for_url("**/account/sign-in/?next=**")
    page.get_by_label("Email address").fill("pat@example.org")
    page.get_by_label("Password").fill(builders.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/challenges/new/?service={services['youth'].pk}")
    page.get_by_role("link", name="Register an organisation").click()
    page.get_by_label("Organisation name").fill("Pat's Youth Trust")
    employer = page.get_by_label("Which authority employs the group?")
    expect(employer).to_be_hidden()  # asked only of a group of employees
    page.get_by_label("Two or more employees of the authority").check()
    expect(employer).to_be_visible()
    assert_accessible(page, "organisation-employer-revealed")
    page.get_by_label("Voluntary or community body").check()
    expect(employer).to_be_hidden()
    page.get_by_role("button", name="Register organisation").click()
    page.wait_for_url(f"**/challenges/new/?service={services['youth'].pk}")
    expect(page.locator("h1")).to_have_text("Challenge Youth clubs")
    assert_accessible(page, "back-to-the-challenge")
