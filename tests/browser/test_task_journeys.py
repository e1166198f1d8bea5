"""Each role's journey starts from /tasks/ (issue 11): a decision maker to a decision through the
check page, and an NHS partner to an approval. In Chromium, with axe-core on each page."""

import pytest
from playwright.sync_api import expect

from agreements.models import TransferAgreement
from challenges.models import Challenge, State
from messaging import notifications
from portal.workflow import perform
from tests.browser.conftest import assert_accessible, loaded, sign_in
from tests.challenges.conftest import draft
from tests.procurement.agreements_helpers import nhs_body, nhs_partner, proposed, to_approval


@pytest.fixture
def world(transactional_db, world):
    """The standard world (tests/builders.py), committed for the live server."""
    return world


@pytest.fixture
def assessed(world):
    challenge = draft(world.service, world.organisation, world.provider)
    perform("challenge", challenge, "submit", world.provider)
    perform("challenge", challenge, "start_assessment", world.officer)
    return challenge


def test_decision_maker_from_tasks_to_a_checked_decision(page, world, assessed):
    sign_in(page, world.decider)
    header = page.locator("#header-tasks")
    # One task (the decision); the unread notifications have a count of their own.
    assert header.inner_text().startswith("Your tasks 1")
    unread = notifications.unread_count(world.decider)
    assert page.locator("#header-notifications").inner_text().startswith(f"Notifications {unread}")
    header.click()
    page.wait_for_url("**/tasks/")
    assert_accessible(page, "tasks-decision-maker")
    page.get_by_role("link", name=f"{assessed.reference}: Youth clubs").first.click()
    page.wait_for_url(f"**/casework/{assessed.pk}/")
    page.get_by_role("link", name="Make the decision").click()

    # The reasons are revealed only for a rejection (or a modification).
    reasons = page.locator("#id_reasons")
    expect(reasons).to_be_hidden()
    page.get_by_label("Reject the challenge").check()
    expect(reasons).to_be_visible()
    page.get_by_label("Accept the challenge").check()
    expect(reasons).to_be_hidden()
    assert_accessible(page, "decide-questions")

    # Grounds ticked, then "accept" chosen: the hidden grounds are not held against the
    # acceptance; what it lacks is its own answer, the well-being consideration (s.83(8)).
    page.get_by_label("Reject the challenge").check()
    page.locator("#conditional-reject").get_by_label(
        "the expression of interest is frivolous or vexatious"
    ).check()
    page.get_by_label("Accept the challenge").check()
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter how you considered whether accepting the challenge" in summary.inner_text()
    assert "grounds" not in summary.inner_text()
    assert_accessible(page, "decide-accept-without-wellbeing")

    page.get_by_label("Reject the challenge").check()
    page.get_by_role("button", name="Continue").click()
    assert "Enter the reasons for rejecting the challenge" in summary.inner_text()
    page.fill("#id_reasons", "The same proposal was rejected twice this year.")
    page.fill("#id_rejection_wellbeing", "A repeated proposal adds nothing for the area.")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**/casework/{assessed.pk}/decide/check/")
    letter = page.locator("[data-draft-letter]").inner_text()
    assert "we reject your expression of interest" in letter
    assert "The same proposal was rejected twice this year." in letter
    register = page.locator("[data-register-preview]").inner_text()
    assert "the expression of interest is frivolous or vexatious" in register
    assert_accessible(page, "decide-check")
    assert Challenge.objects.get(pk=assessed.pk).state == State.UNDER_ASSESSMENT

    # "Change" goes back with the answers kept.
    page.get_by_role("link", name="Change the reasons").click()
    assert page.get_by_label("Reject the challenge").is_checked()
    assert "rejected twice" in page.locator("#id_reasons").input_value()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Confirm and record the decision").click()
    page.wait_for_url(f"**/casework/{assessed.pk}/")
    assert "the decision letter is sent" in loaded(page)
    assert_accessible(page, "decide-recorded")
    decided = Challenge.objects.get(pk=assessed.pk)
    assert decided.state == State.REJECTED and decided.grounds == ["frivolous_or_vexatious"]
    # No task left.
    assert page.locator("#header-tasks").inner_text().startswith("Your tasks 0")


def test_without_javascript_the_reasons_are_simply_shown(browser, live_server, world, assessed):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, world.decider)
        page.goto(f"/casework/{assessed.pk}/decide/")
        expect(page.locator("#id_reasons")).to_be_visible()
        expect(page.locator("#id_terms")).to_be_visible()
    finally:
        context.close()


def test_nhs_partner_from_tasks_to_an_approval(page, world):
    world.icb = nhs_body()
    world.icb_partner = nhs_partner(world.icb)
    agreement = to_approval(world, proposed(world))
    sign_in(page, world.icb_partner)
    assert "Agreements awaiting your approval" in loaded(page)  # the account page leads on
    assert_accessible(page, "account-nhs-partner")
    page.locator("#header-tasks").click()
    page.wait_for_url("**/tasks/")
    assert_accessible(page, "tasks-nhs-partner")
    page.get_by_role("link", name=f"{agreement.reference}: {agreement.title}").click()
    page.wait_for_url(f"**/agreements/manage/{agreement.reference}/approve/")
    expect(
        page.get_by_text("Approving for NHS Greater Manchester Integrated Care Board")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="What the agreement specifies")).to_be_visible()
    page.get_by_label("The decision that approved it").fill("ICB Board minute 26/041")
    page.get_by_role("button", name="Record the approval").click()
    assert "approval is recorded" in loaded(page)
    party = TransferAgreement.objects.get(pk=agreement.pk).parties.get(nhs_body=world.icb)
    assert party.approved_by == world.icb_partner
    page.get_by_role("link", name="Your tasks").click()
    assert "No agreement is waiting for your body" in loaded(page)
