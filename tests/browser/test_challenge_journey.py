"""The provider's whole journey and an officer's decision, in Chromium, with axe-core checks."""

import pytest
from playwright.sync_api import expect

from challenges.models import Challenge, State
from portal.workflow import perform
from tests import builders
from tests.browser.conftest import assert_accessible, loaded, sign_in
from tests.challenges.conftest import CONTENTS, draft
from tests.documents import samples

ANSWERS = [
    ("Your financial resources", CONTENTS["financial_resources"]),
    ("Your capability to run the service", CONTENTS["capability_evidence"]),
    ("The service and the area", CONTENTS["service_area"]),
    ("Outcomes for the area", CONTENTS["outcomes_wellbeing"]),
    ("Meeting users' needs", CONTENTS["outcomes_user_needs"]),
]


@pytest.fixture
def scene(transactional_db, trafford):
    builders.site_tree()
    service = builders.service(trafford, "Youth clubs and detached youth work")
    builders.open_window(trafford, service)
    provider, organisation = builders.provider()
    return {
        "service": service,
        "provider": provider,
        "organisation": organisation,
        "officer": builders.staff("officer", trafford),
        "decider": builders.staff("decision_maker", trafford),
    }


def test_provider_journey_from_service_page_to_submission(page, scene, tmp_path):
    sign_in(page, scene["provider"])
    page.goto(scene["service"].url)
    page.get_by_role("link", name="Challenge this service").click()
    page.wait_for_url("**/challenges/new/?service=*")
    assert_accessible(page, "challenge-start")
    page.get_by_role("button", name="Start your challenge").click()
    expect(page.locator("h1")).to_have_text("Challenge Youth clubs and detached youth work")
    task_list = page.url
    assert_accessible(page, "challenge-task-list")

    # Submitting too early: the error summary names each missing part, and nothing is lost.
    # Evidence: a renamed program is refused, the answer kept; then a real PDF is uploaded.
    page.get_by_role("link", name=ANSWERS[0][0]).click()
    page.locator("textarea").fill(ANSWERS[0][1])
    program = tmp_path / "accounts.pdf"
    program.write_bytes(samples.EXE)
    evidence_input = page.get_by_label("Upload a document as evidence")
    evidence_input.set_input_files(str(program))
    page.get_by_role("button", name="Save and continue").click()
    summary = page.locator(".govuk-error-summary")
    assert "The selected file must be a PDF, DOCX" in summary.inner_text()
    assert page.locator("textarea").input_value() == ANSWERS[0][1]
    assert_accessible(page, "challenge-evidence-refused")
    accounts = tmp_path / "accounts 2025.pdf"
    accounts.write_bytes(samples.PDF)
    evidence_input.set_input_files(str(accounts))
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(task_list)
    assert "accounts-2025.pdf is uploaded" in loaded(page)
    page.get_by_role("link", name=ANSWERS[0][0]).click()
    link = page.get_by_role("link", name="accounts-2025.pdf")
    assert page.locator("textarea").input_value() == ANSWERS[0][1]
    assert_accessible(page, "challenge-evidence-uploaded")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.body() == samples.PDF
    page.get_by_role("button", name="Save and continue").click()
    # Not ready: the task cannot be started yet, so it is not a link (GOV.UK task list).
    assert page.get_by_role("link", name="Check your answers and submit").count() == 0
    assert "Cannot start yet" in page.locator(".govuk-task-list").inner_text()
    page.goto(f"{task_list}check/")
    page.get_by_role("button", name="Submit challenge").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    assert "Enter evidence that you will be capable" in summary.inner_text()
    assert "financial resources" not in summary.inner_text().split("consortium")[0]
    assert_accessible(page, "challenge-refused")
    summary.get_by_role("link", name="Enter evidence that you will be capable").click()
    expect(page.locator("h1")).to_have_text(ANSWERS[1][0])

    # An empty answer is refused on its page.
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page, "challenge-section-error")

    for title, text in ANSWERS[1:]:
        page.goto(task_list)
        page.get_by_role("link", name=title).click()
        page.locator("textarea").fill(text)
        page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("link", name="Consortium members and subcontractors").click()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Save and continue").click()
    page.fill("#id_name", "Acme Catering Ltd")
    page.get_by_label("Subcontractor").check()
    page.get_by_label("Commercial firm").check()
    page.fill("#id_financial_resources", "Turnover £2m")
    page.fill("#id_capability", "Runs 30 cafés")
    page.get_by_role("button", name="Add organisation").click()
    assert "Acme Catering Ltd" in page.locator(".govuk-summary-list").inner_text()
    assert_accessible(page, "challenge-partners")
    page.get_by_role("link", name="Continue").click()

    page.get_by_role("link", name="Check your answers and submit").click()
    assert CONTENTS["service_area"] in loaded(page)
    assert_accessible(page, "challenge-check-answers")
    # "Change" comes back to check your answers, through the partners page too.
    check_answers = page.url
    page.get_by_role("link", name="Change the service and the area").click()
    assert page.get_by_role("link", name="Back to check your answers").count() == 1
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(check_answers)
    page.get_by_role("link", name="Change consortium members").click()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url(check_answers)
    page.get_by_role("button", name="Submit challenge").click()
    challenge = Challenge.objects.get()
    assert challenge.state == State.SUBMITTED
    panel = page.locator(".govuk-panel--confirmation")
    expect(panel.get_by_role("heading", name="Challenge submitted")).to_be_visible()
    assert challenge.reference in panel.inner_text()
    assert f"{challenge.decision_due:%-d %B %Y}" in loaded(page)
    assert_accessible(page, "challenge-submitted-confirmation")
    page.get_by_role("link", name="View your challenge").click()
    assert challenge.reference in page.locator("h1").inner_text()
    assert "accounts-2025.pdf" in page.locator("[data-evidence]").inner_text()
    assert_accessible(page, "challenge-submitted")

    page.goto("/challenges/")
    assert challenge.reference in loaded(page)
    assert_accessible(page, "challenge-mine")


def test_officer_decision_with_grounds(page, scene):
    challenge = draft(scene["service"], scene["organisation"], scene["provider"])
    perform("challenge", challenge, "submit", scene["provider"])
    perform("challenge", challenge, "start_assessment", scene["officer"])

    sign_in(page, scene["decider"])
    page.goto("/casework/")
    assert challenge.reference in loaded(page)
    assert_accessible(page, "casework-queue")
    page.get_by_role("link", name=challenge.reference).click()
    assert "Statutory clock" in loaded(page)
    assert page.locator("[data-audit-trail]").count() == 1
    assert_accessible(page, "casework-case")
    page.get_by_role("link", name="Make the decision").click()
    page.get_by_label("Reject the challenge").check()
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    assert "Select at least one statutory ground for rejection" in summary.inner_text()
    assert "Enter the reasons for rejecting the challenge" in summary.inner_text()
    assert_accessible(page, "casework-decision-errors")
    assert page.get_by_label("Reject the challenge").is_checked()  # nothing lost
    page.locator("#conditional-reject").get_by_label(
        "the expression of interest is frivolous or vexatious"
    ).check()
    page.fill("#id_reasons", "The same proposal was rejected twice this year.")
    # s.83(8): a rejection records the well-being consideration too.
    page.fill("#id_rejection_wellbeing", "A repeated proposal adds nothing for the area.")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Confirm and record the decision").click()
    page.wait_for_url(f"**/casework/{challenge.pk}/")
    assert "Decision letter" in loaded(page)
    assert_accessible(page, "casework-decided")
    challenge.refresh_from_db()
    assert challenge.state == State.REJECTED and challenge.grounds == ["frivolous_or_vexatious"]

    page.goto(f"/decisions/{challenge.reference}/")
    assert "The same proposal was rejected twice this year." in loaded(page)
    assert scene["decider"].email not in loaded(page)
    page.context.clear_cookies()  # the public: the letter's PDF is theirs to download
    letter = page.get_by_role("link", name="Download the decision letter (PDF")
    response = page.request.get(letter.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF-")
    assert_accessible(page, "register-detail")
    page.goto("/decisions/")
    assert_accessible(page, "register-list")


def test_officer_records_procurement_start_with_the_date_input(page, scene):
    from datetime import timedelta

    from django.utils import timezone

    challenge = draft(scene["service"], scene["organisation"], scene["provider"])
    for name, person, kwargs in (
        ("submit", "provider", {}),
        ("start_assessment", "officer", {}),
        ("accept", "decider", {"wellbeing": "Local jobs and volunteering."}),
    ):
        perform("challenge", challenge, name, scene[person], **kwargs)
    Challenge.objects.filter(pk=challenge.pk).update(
        decided_at=timezone.now() - timedelta(days=200)
    )
    today = timezone.localdate()
    sign_in(page, scene["officer"])
    page.goto(f"/casework/{challenge.pk}/")
    page.get_by_role("link", name="Record the start of procurement run elsewhere").click()
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill(str(today.year))
    page.fill("#id_procurement_reference", "FTS-2026-000123")
    page.get_by_role("button", name="Record the start").click()
    summary = page.locator(".govuk-error-summary")
    assert "must be a real date" in summary.inner_text()
    assert_accessible(page, "casework-procurement-error")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_started_on_0"
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_role("button", name="Record the start").click()
    page.wait_for_url(f"**/casework/{challenge.pk}/")
    challenge.refresh_from_db()
    assert challenge.state == State.PROCUREMENT_STARTED
    assert challenge.procurement_started_on == today
