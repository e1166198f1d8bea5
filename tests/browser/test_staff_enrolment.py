"""A new officer's first sign-in: set up an authenticator app from the page alone (the typed key,
as an app would read it), keep the recovery codes, reach case work; later, sign in with a
recovery code. Each page passes axe-core."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests import builders
from tests.browser.conftest import assert_accessible, loaded

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_officer_sets_up_the_second_factor(page):
    builders.site_tree()
    officer = builders.staff("officer", builders.authority("TRF", nice_name="Trafford"))

    page.goto("/account/sign-in/")
    page.fill("#id_email", officer.email)
    page.fill("#id_password", builders.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/two-factor/set-up/**")
    expect(page.locator("h1")).to_have_text("Set up your authenticator app")
    assert page.locator(".portal-qr-code svg").count() == 1
    assert_accessible(page, "staff-enrolment")

    page.fill("#id_code", "000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page, "staff-enrolment-error")

    # What an authenticator app does with the typed key.
    key = b32decode(page.locator("#totp-secret").inner_text().replace(" ", ""))
    page.wait_for_timeout(1100)  # django-otp pauses a device for a second after a wrong code
    page.fill("#id_code", f"{TOTP(key).token():06d}")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Your authenticator app is set up").wait_for()
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and len(set(codes)) == 10
    assert_accessible(page, "staff-recovery-codes")

    page.get_by_role("link", name="Continue").click()
    page.wait_for_url("**/tasks/")
    page.goto("/casework/")
    assert "/casework/" in page.url and page.locator("h1").count() == 1

    page.get_by_role("button", name="Sign out").click()
    page.goto("/casework/")
    page.wait_for_url("**/account/sign-in/**")
    page.fill("#id_email", officer.email)
    page.fill("#id_password", builders.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/two-factor/?next=**")
    expect(page.locator("h1")).to_have_text("Enter your code")
    assert_accessible(page, "staff-second-step")
    page.fill("#id_code", codes[0])
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/casework/")
    assert "You used a recovery code; 9 left" in loaded(page)
