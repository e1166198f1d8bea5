"""The alert pages in Chromium, checked with axe-core: from a search to the form, its errors,
"check your email", the confirmation, the unsubscribe page, and the service page's alert."""

import pytest

from alerts import links
from alerts.models import Subscription
from messaging.models import OutboxMessage
from tests import builders
from tests.alerts.conftest import path_of
from tests.browser.conftest import assert_accessible, loaded

pytestmark = pytest.mark.browser


@pytest.fixture
def service(transactional_db, trafford):
    builders.site_tree()
    return builders.service(trafford, "Youth clubs and detached youth work")


def test_alert_pages_are_accessible(page, service):
    page.goto("/search/?q=youth")
    page.get_by_role("link", name="Get emails about new results").click()
    page.wait_for_url("**/alerts/search/?q=youth")
    assert_accessible(page, "alert-search-form")

    page.get_by_role("button", name="Get emails").click()  # nothing filled in
    assert "There is a problem" in loaded(page)
    assert_accessible(page, "alert-search-form-errors")

    page.get_by_label("Email address").fill("reader@example.net")
    page.get_by_label("Once a day, in one email").check()
    page.get_by_role("button", name="Get emails").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    assert "reader@example.net" not in loaded(page)
    assert_accessible(page, "alert-check-email")

    message = OutboxMessage.objects.get(kind="alert_confirm")
    page.goto(path_of(message.personalisation["confirm_url"]))
    assert_accessible(page, "alert-confirm")
    page.get_by_role("button", name="Confirm and start the emails").click()
    page.get_by_role("heading", name="Your alert is set up").wait_for()
    assert_accessible(page, "alert-started")

    subscription = Subscription.objects.get()
    page.goto(path_of(links.unsubscribe_url(subscription)))
    assert_accessible(page, "alert-unsubscribe")
    page.get_by_role("button", name="Unsubscribe").click()
    page.get_by_role("heading", name="You have unsubscribed").wait_for()
    assert_accessible(page, "alert-unsubscribed")
    assert not Subscription.objects.exists()

    page.goto("/alerts/confirm/not-a-real-link/")
    assert_accessible(page, "alert-link-failed")

    page.goto(service.url)
    page.get_by_role("link", name="Tell me when this service opens for challenges").click()
    page.get_by_role("heading", name="Tell me when this service opens for challenges").wait_for()
    assert_accessible(page, "alert-window-form")
