"""Reflow at 320 CSS pixels (WCAG 2.2 success criterion 1.4.10): every list page, and a case's
audit trail, fits the width of a small phone without scrolling sideways, for the role that uses
it; each is checked with axe-core too. The demo's data fills the lists."""

from io import StringIO

import pytest
from django.core.management import call_command

from portal.demo_content import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible, sign_in

WIDTH = 320


# role's demo account ("" is anonymous) → the list pages it uses (a callable gets the path from
# the demo's rows).
def _case(state_not="draft"):
    from challenges.models import Challenge

    case = (
        Challenge.objects.filter(authority__code="TRF")
        .exclude(state=state_not)
        .order_by("pk")
        .first()
    )
    return f"/casework/{case.pk}/"


def _exercise():
    from procurement.models import ProcurementExercise

    exercise = ProcurementExercise.objects.filter(authority__code="TRF").order_by("pk").first()
    return f"/procurement/manage/{exercise.reference}/"


def _agreement():
    from agreements.models import TransferAgreement

    return f"/agreements/manage/{TransferAgreement.objects.order_by('pk').first().reference}/"


def _organisation():
    from portal.models import Organisation

    slug = Organisation.objects.get(name="Riverside Youth Trust").slug
    return f"/account/organisations/{slug}/"


PAGES = {
    "": [
        "/",
        "/services/",
        "/services/?open=yes",
        "/services/trafford/",
        "/decisions/",
        "/procurement/",
        "/agreements/",
        "/search/?q=youth",
        "/open-data/",
        "/service-status/",
        "/cookies/",
    ],
    "provider@demo.invalid": [
        "/challenges/",
        "/procurement/interests/",
        "/tasks/",
        "/tasks/notifications/",
        "/account/",
        _organisation,
    ],
    "officer.trafford@demo.invalid": ["/casework/", _case, "/procurement/manage/", "/tasks/"],
    "decider.trafford@demo.invalid": ["/procurement/manage/", _exercise],
    "nhs.partner@demo.invalid": ["/agreements/manage/", _agreement],
    "siteadmin@demo.invalid": ["/account/security/"],
}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=StringIO())


def overflow(page) -> int:
    """How far the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


def test_every_list_page_reflows_at_320_pixels(page, demo):
    wide = {}
    for account, paths in PAGES.items():
        page.context.clear_cookies()
        page.set_viewport_size({"width": 1100, "height": 900})
        if account:
            sign_in(page, account, DEMO_PASSWORD)
        page.set_viewport_size({"width": WIDTH, "height": 800})
        for path in paths:
            address = path() if callable(path) else path
            response = page.goto(address)
            assert response.status == 200, (account, address)
            if overflow(page) > 0:
                wide[f"{account or 'anonymous'} {address}"] = overflow(page) + WIDTH
            name = "reflow" + address.replace("/", "-").replace("?", "-").replace("=", "-")
            assert_accessible(page, name[:80])
    assert wide == {}, f"wider than {WIDTH} px: {wide}"
