"""A private firm registers its organisation, makes an innovation offer to Trafford, the ICB and
the police, and Trafford's officer acknowledges and answers it; the public page shows the answer
beside the others, and never the part the firm marked confidential. In Chromium, with axe-core
checks on each page."""

import pytest
from playwright.sync_api import expect

from offers.models import Offer
from tests import builders
from tests.browser.conftest import assert_accessible, loaded, sign_in
from tests.offers.helpers import CONTENTS, police, standards
from tests.procurement.agreements_helpers import nhs_body


@pytest.fixture
def world(transactional_db, world):
    """The standard world, committed for the live server, with Trafford's partners."""
    world.icb = nhs_body()
    police(world)
    standards(world)
    return world


LABELS = {
    "problem": "The problem the offer addresses",
    "proposed_change": "The change proposed",
    "evidence": "The evidence that it would work",
    "outcomes": "The outcomes to be measured",
    "costs": "The costs and who bears them",
    "safeguarding": "Safeguarding arrangements",
    "data_protection": "Data-protection arrangements",
    "partners_involved": "The partners involved",
}


def test_a_private_firm_offers_and_an_officer_answers(page, world):
    founder = builders.user()
    sign_in(page, founder)
    page.goto("/offers/new/")
    expect(page.locator("h1")).to_have_text("Register your organisation first")
    page.get_by_role("link", name="Register an organisation").click()
    page.get_by_label("Organisation name").fill("Northbridge Family Support Ltd")
    page.get_by_label("Private company").check()
    page.get_by_role("button", name="Register organisation").click()
    loaded(page)

    page.goto("/offers/new/")
    expect(page.locator("[data-not-statutory]")).to_contain_text("gives no statutory right")
    assert_accessible(page, "offer-new")
    page.get_by_role("button", name="Send the offer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a title for the offer")
    assert_accessible(page, "offer-new-errors")

    page.get_by_label("Private company").check()
    page.get_by_label("Title of the offer").fill("Edge-of-care support for teenagers")
    page.get_by_label("Summary for the public").fill("One key worker for each family.")
    page.get_by_label("Or the area of need, in your own words").fill("Edge-of-care support")
    page.get_by_label("The authority the offer is made to").select_option(label="Trafford")
    page.get_by_label("NHS Greater Manchester Integrated Care Board").check()
    page.get_by_label("Greater Manchester Police").check()
    for name, label in LABELS.items():
        page.get_by_role("textbox", name=label, exact=True).fill(CONTENTS[name])
    page.get_by_role("checkbox", name="The costs and who bears them").check()
    page.get_by_label("Why would publishing them harm your commercial interests?").fill(
        "Priced for this bid."
    )
    page.get_by_label("I understand that this offer is not a statutory challenge").check()
    page.get_by_role("button", name="Send the offer").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("was received")
    offer = Offer.objects.get()
    assert (offer.sector, offer.confidential_fields) == ("private", ["costs"])
    expect(page.locator("[data-addressees]")).to_contain_text("Greater Manchester Police")
    assert_accessible(page, "offer-yours")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, world.officer)
    page.goto(f"/offers/manage/{offer.reference}/")
    expect(page.locator("[data-your-part='Trafford']")).to_contain_text("Acknowledge by")
    assert_accessible(page, "offer-manage")
    page.get_by_role("button", name="Acknowledge the offer").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("acknowledged the offer")
    page.get_by_role("link", name="Give your answer").click()
    page.get_by_role("radio", name="Taken forward", exact=True).check()
    page.get_by_label("If taken forward: into what?").select_option(label="A pilot")
    page.get_by_label("Your reasons (published)").fill("A twelve-month pilot in Stretford.")
    assert_accessible(page, "offer-answer")
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("answer is recorded")

    page.goto(f"/offers/{offer.reference}/")
    row = page.locator("[data-addressee='Trafford']")
    expect(row).to_contain_text("A twelve-month pilot in Stretford.")
    expect(row).to_contain_text("Within the standard")
    expect(page.locator("[data-addressee='Greater Manchester Police']")).to_contain_text(
        "No standard published"
    )
    assert "SECRET-DAILY-RATE" not in loaded(page)
    assert_accessible(page, "offer-public")
