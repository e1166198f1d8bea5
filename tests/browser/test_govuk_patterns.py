"""GOV.UK patterns in Chromium: every part of a page inside a landmark (axe's "region" rule), the
date input's error messages and focus, the task list and the confirmation panel."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from challenges.models import Challenge
from portal.workflow import perform
from tests import builders
from tests.browser.conftest import AXE, assert_accessible, sign_in
from tests.challenges.conftest import draft
from tests.dates import fill_date

LANDMARK_RULES = ["region", "landmark-one-main", "landmark-no-duplicate-banner", "bypass"]


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


def landmark_problems(tab) -> list[dict]:
    """axe-core's landmark rules, whatever their impact ("region" is only "moderate")."""
    tab.evaluate(AXE.read_text())
    result = tab.evaluate(
        "(rules) => axe.run(document, {runOnly: {type: 'rule', values: rules}})", LANDMARK_RULES
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def test_phase_banner_and_back_links_are_inside_landmarks(page, scene):
    challenge = draft(scene["service"], scene["organisation"], scene["provider"])
    page.goto("/")
    assert page.locator("header .govuk-phase-banner").count() == 1
    assert landmark_problems(page) == []
    sign_in(page, scene["provider"])
    page.goto(f"/challenges/{challenge.pk}/check/")
    assert page.locator("main .govuk-back-link").count() == 1
    assert landmark_problems(page) == []
    page.goto(f"/challenges/{challenge.pk}/sections/service_and_area/?return=check")
    expect(page.get_by_role("link", name="Back to check your answers")).to_be_visible()
    assert landmark_problems(page) == []


def test_the_date_input_says_what_is_missing_and_takes_people_there(page, scene):
    challenge = draft(scene["service"], scene["organisation"], scene["provider"])
    for name in ("submit", "start_assessment"):
        perform("challenge", challenge, name, scene["provider" if name == "submit" else "officer"])
    perform("challenge", challenge, "accept", scene["decider"], wellbeing="Local jobs.")
    sign_in(page, scene["officer"])
    page.goto(f"/casework/{challenge.pk}/procurement/")
    group = page.get_by_role("group", name="Date the procurement exercise started")
    group.get_by_label("Day").fill("3")
    group.get_by_label("Year").fill("2026")
    page.get_by_label("Reference of the procurement exercise").fill("FTS-000123")
    page.get_by_role("button", name="Record the start").click()
    summary = page.locator(".govuk-error-summary")
    assert "Date the procurement exercise started must include a month" in summary.inner_text()
    # Only the month box is marked; what was typed is kept.
    boxes = page.locator(".govuk-date-input__input")
    assert [
        ("govuk-input--error" in (boxes.nth(i).get_attribute("class") or "")) for i in range(3)
    ] == [
        False,
        True,
        False,
    ]
    assert boxes.nth(0).input_value() == "3" and boxes.nth(2).input_value() == "2026"
    summary.get_by_role("link").click()  # to the box the message is about
    assert page.evaluate("document.activeElement.id") == "id_started_on_1"
    assert_accessible(page, "date-input-error")
    fill_date(page, "Date the procurement exercise started", timezone.localdate() + timedelta(1))
    page.get_by_role("button", name="Record the start").click()
    assert "must be today or in the past" in page.locator(".govuk-error-summary").inner_text()


def test_the_task_list_and_the_confirmation_panel(page, scene):
    challenge = draft(scene["service"], scene["organisation"], scene["provider"], service_area="")
    sign_in(page, scene["provider"])
    page.goto(f"/challenges/{challenge.pk}/")
    assert page.get_by_role("link", name="Check your answers and submit").count() == 0
    assert_accessible(page, "task-list-cannot-start-yet")
    page.get_by_role("link", name="The service and the area").click()
    page.locator("textarea").fill("Partington and Sale West")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("link", name="Check your answers and submit").click()
    page.get_by_role("button", name="Submit challenge").click()
    challenge = Challenge.objects.get(pk=challenge.pk)
    panel = page.locator(".govuk-panel--confirmation")
    expect(panel.get_by_role("heading", name="Challenge submitted")).to_be_visible()
    assert challenge.reference in panel.inner_text()
    assert_accessible(page, "challenge-confirmation")
