"""A provider reads their notifications, marks one read and chooses a daily summary; both pages
pass axe-core."""

import pytest
from django.db import transaction
from playwright.sync_api import expect

from messaging import events
from messaging.models import Notification, NotificationPreference
from tests import builders
from tests.browser.conftest import assert_accessible
from tests.challenges.conftest import advance, draft


@pytest.fixture
def world(transactional_db, world):
    """The standard world (tests/builders.py), committed for the live server, with a challenge
    submitted and its assessment started."""
    world.challenge = advance(
        draft(world.service, world.organisation, world.provider), world, "submit"
    )
    with transaction.atomic():
        events.publish(events.Event("challenge.start_assessment", world.challenge))
    return world


def sign_in(page, person):
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password").fill(builders.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/tasks/")  # everyone starts from their tasks
    page.goto("/account/")


def test_notifications_and_preferences(page, world):
    sign_in(page, world.provider)
    page.get_by_role("link", name="Your notifications").click()
    expect(page.locator("h1")).to_have_text("Your notifications")
    item = page.locator(".app-notifications__item").filter(has_text="The assessment started")
    assert world.challenge.reference in item.inner_text()
    assert_accessible(page, "notifications-list")
    item.get_by_role("button", name="Mark as read").click()
    read = page.locator(".app-notifications__item").filter(has_text="The assessment started")
    assert read.get_by_role("button", name="Mark as read").count() == 0
    if page.get_by_role("button", name="Mark all as read").count():  # others arrived too
        page.get_by_role("button", name="Mark all as read").click()
    assert "Nothing unread" in page.locator("main").inner_text()
    assert Notification.objects.filter(user=world.provider, read_at=None).count() == 0

    page.get_by_role("link", name="Choose which emails you get").click()
    expect(page.locator("h1")).to_have_text("Your email notifications")
    assert "A challenge was received" in page.locator("ul.govuk-list--bullet").inner_text()
    group = page.locator(".govuk-form-group").filter(has_text="The assessment started")
    group.get_by_label("In a daily summary").check()
    page.get_by_role("button", name="Save your choices").click()
    assert_accessible(page, "notification-preferences")
    assert (
        NotificationPreference.objects.get(
            user=world.provider, kind="challenge.start_assessment"
        ).frequency
        == "daily"
    )
