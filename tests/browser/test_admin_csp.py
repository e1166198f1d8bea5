"""Wagtail's admin works under the portal's Content Security Policy, which allows no inline script
without the request's nonce: the date pickers and the page chooser of a challenge window's editor
start, and the browser reports no violation (the page fixture fails the test on any)."""

import pytest

from tests import builders
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_window_editor_works_under_the_policy(page):
    trafford = builders.authority("TRF", nice_name="Trafford")
    service = builders.service(trafford)
    window = builders.open_window(trafford, service)
    admin = builders.user(is_superuser=True, is_staff=True)
    sign_in(page, admin)

    page.goto(f"/admin/snippets/portal/challengewindow/edit/{window.pk}/")
    page.locator("#id_opens_on").click()
    page.locator(".xdsoft_datetimepicker").first.wait_for(state="visible")  # initDateChooser ran
    page.keyboard.press("Escape")

    page.goto("/admin/snippets/portal/challengewindow/add/")
    page.locator("[data-chooser-action-choose]").first.click()  # the chooser's script ran
    page.locator(".modal-dialog").get_by_role("heading").first.wait_for()
