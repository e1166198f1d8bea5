"""An officer and a decision maker run an exercise to award; an NHS partner approves an
agreement. In Chromium, with axe-core checks on each page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agreements.models import TransferAgreement
from portal.workflow import perform
from portal.working_days import UNITED_KINGDOM
from tests.browser.conftest import assert_accessible, loaded, sign_in
from tests.challenges.conftest import advance, draft
from tests.dates import fill_date
from tests.procurement.agreements_helpers import nhs_body, nhs_partner, proposed, to_approval
from tests.procurement.conftest import (
    age_decision,
    fresh,
    interest,
    open_from_challenge,
    pass_deadline,
    to_tender,
)


@pytest.fixture
def world(transactional_db, world):
    """The standard world (tests/builders.py), committed for the live server."""
    return world


@pytest.fixture
def closed_tender(world):
    challenge = draft(world.service, world.organisation, world.provider)
    advance(challenge, world, "submit", "start_assessment", "accept")
    exercise = open_from_challenge(
        world, age_decision(challenge), contract_kind="goods_services", regime="competitive"
    )
    exercise = to_tender(world, exercise)
    interest(world, exercise, "provider", price=640_000)
    interest(world, exercise, "rival", price=590_000)
    return pass_deadline(exercise)


def test_officer_runs_an_exercise_to_award(page, world, closed_tender):
    exercise = closed_tender
    sign_in(page, world.officer)
    page.goto("/procurement/manage/")
    assert_accessible(page, "procurement-officer-list")
    page.get_by_role("link", name=exercise.reference).click()
    assert exercise.reference in page.locator("h1").inner_text()
    assert_accessible(page, "procurement-exercise")

    page.get_by_role("link", name="Close the tender and start the evaluation").click()
    assert_accessible(page, "procurement-close-tender")
    page.get_by_role("button", name="Close the tender and start the evaluation").click()
    assert "Under evaluation" in loaded(page)

    for name, score in (("Riverside Youth Trust", "81"), ("Northside Community Enterprise", "66")):
        page.get_by_role("link", name=f"Assess {name}").click()
        if score == "81":
            # Nothing entered: the error summary, and its links lead to the fields.
            page.get_by_role("button", name="Record the assessment").click()
            summary = page.locator(".govuk-error-summary")
            assert "Enter the assessment summary" in summary.inner_text()
            assert "Enter a score from 0 to 100" in summary.inner_text()
            assert_accessible(page, "procurement-assess-errors")
        page.get_by_label("Shortlist", exact=True).check()
        page.get_by_label("Score out of 100").fill(score)
        page.get_by_label("Assessment summary").fill(f"Quality and price scored {score}.")
        page.get_by_role("button", name="Record the assessment").click()
        assert "is recorded" in loaded(page)

    page.get_by_role("link", name="Propose the award").click()
    page.get_by_label("Riverside Youth Trust (score 81, price £640,000)").check()
    page.get_by_label("Value of the award including VAT, in pounds").fill("640000")
    assert_accessible(page, "procurement-propose-award")
    page.get_by_role("button", name="Propose the award").click()
    assert "Award proposed" in loaded(page)
    # The officer cannot take the award decision.
    assert page.get_by_role("link", name="Award the contract").count() == 0

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, world.decider)
    page.goto(f"/procurement/manage/{exercise.reference}/")
    page.get_by_role(
        "link", name="Publish the contract award notice and start the standstill"
    ).click()
    fill_date(
        page,
        "Date the notice was published on Find a Tender",
        timezone.localdate() - timedelta(days=20),
    )
    page.get_by_label("Length of the standstill, in working days").fill("7")
    page.get_by_role(
        "button", name="Publish the contract award notice and start the standstill"
    ).click()
    assert "at least 8 working days" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "procurement-standstill-error")
    page.get_by_label("Length of the standstill, in working days").fill("8")
    page.get_by_role(
        "button", name="Publish the contract award notice and start the standstill"
    ).click()
    assert "UK6: Contract award notice" in loaded(page)
    # s.51: eight UK working days beginning with the day of the notice, shown with the first
    # day the contract may be entered into.
    notice_day = timezone.localdate() - timedelta(days=20)
    ends = UNITED_KINGDOM.last_of_working_days_beginning_with(notice_day, 8)
    standstill = page.locator("[data-standstill]").inner_text()
    assert f"ends {ends:%A %-d %B %Y}" in standstill
    assert "Procurement Act 2023 s.51" in standstill

    page.get_by_role("link", name="Award the contract").click()
    assert "may be entered into from" in page.locator("[data-earliest-award]").inner_text()
    fill_date(page, "Date the contract was entered into", timezone.localdate())
    page.get_by_role("button", name="Award the contract").click()
    assert "(the challenger)" in loaded(page)
    assert_accessible(page, "procurement-awarded")

    exercise = fresh(exercise)
    assert exercise.state == "awarded" and exercise.challenger_won is True
    assert exercise.challenge.__class__.objects.get(pk=exercise.challenge_id).state == "closed"

    page.goto(f"/procurement/{exercise.reference}/")
    assert "Riverside Youth Trust" in loaded(page)
    assert world.decider.email not in loaded(page)
    assert_accessible(page, "procurement-public-detail")
    page.goto("/procurement/")
    assert_accessible(page, "procurement-public-list")


@pytest.fixture
def agreement_for_approval(world):
    world.icb = nhs_body()
    world.icb_partner = nhs_partner(world.icb)
    world.trust = nhs_body("Manchester University NHS Foundation Trust", "R0A", "foundation_trust")
    world.trust_partner = nhs_partner(world.trust)
    return to_approval(world, proposed(world))


def test_nhs_partner_approves_an_agreement(page, world, agreement_for_approval):
    agreement = agreement_for_approval
    sign_in(page, world.icb_partner)
    page.goto("/agreements/manage/")
    assert_accessible(page, "agreements-list")
    page.get_by_role("link", name=agreement.reference).click()
    assert_accessible(page, "agreement-detail")
    page.get_by_role("link", name="Approve the agreement").click()
    page.get_by_role("button", name="Record the approval").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter the decision that approved it" in summary.inner_text()
    assert_accessible(page, "agreement-approve-errors")
    expect(
        page.get_by_text("Approving for NHS Greater Manchester Integrated Care Board")
    ).to_be_visible()
    page.get_by_label("The decision that approved it").fill("ICB Board minute 26/041")
    page.get_by_role("button", name="Record the approval").click()
    assert "approval is recorded" in loaded(page)
    assert "Approved" in page.locator("[data-party-approval]").nth(1).inner_text()
    assert page.get_by_role("link", name="Approve the agreement").count() == 0
    assert_accessible(page, "agreement-approved")

    stored = TransferAgreement.objects.get(pk=agreement.pk)
    icb = stored.parties.get(nhs_body=world.icb)
    assert icb.approved_by == world.icb_partner
    assert stored.state == "approval"  # the council has not approved yet


def test_published_agreement_pages_are_accessible(page, world, agreement_for_approval):
    from tests.procurement.agreements_helpers import approve_all

    agreement = approve_all(world, agreement_for_approval)
    perform("agreement", agreement, "sign", world.decider, signed_on=timezone.localdate())
    page.goto("/agreements/")
    assert_accessible(page, "agreements-public-list")
    page.get_by_role("link", name=f"{agreement.reference}: {agreement.title}").click()
    expect(page.locator("h1")).to_have_text(agreement.title)
    assert "NHS Greater Manchester Integrated Care Board" in loaded(page)
    assert world.decider.email not in loaded(page)
    assert_accessible(page, "agreement-public-detail")
