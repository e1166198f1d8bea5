"""Playwright (Python) driving Debian's Chromium against the live test server, with axe-core."""

import os
from pathlib import Path

import pytest

from tests import components

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still
# synchronous, so Django's async-safety guard must stand aside in browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    components.require("chromium")

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# Every violation of the Content Security Policy is written to the console (Chromium does so for
# most; the event catches the rest), and the page fixture fails the test that caused one.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => console.error(
  `Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
));
"""


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1100, "height": 900})
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    violations = []
    tab.on(
        "console",
        lambda message: (
            violations.append(f"{tab.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield tab
    context.close()
    assert violations == [], "\n".join(violations)


def screenshot(tab, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def serious_violations(tab) -> list[dict]:
    """Run axe-core (WCAG 2.0-2.2 A and AA rules); return serious and critical violations."""
    # Evaluated through the DevTools protocol: an injected <script> would break the page's CSP.
    tab.evaluate(AXE.read_text())
    result = tab.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical") and not _govuk_conditional_reveal(v)
    ]


def _govuk_conditional_reveal(violation) -> bool:
    """GOV.UK Frontend's conditional radios set aria-expanded on each radio that reveals
    questions. axe reports it (aria-allowed-attr); the Design System keeps it on purpose, as
    screen readers announce it (alphagov/govuk-frontend issue 979, a documented known issue).
    Only that exact case is let through: every node a GOV.UK radio controlling a reveal."""
    return violation["id"] == "aria-allowed-attr" and all(
        'class="govuk-radios__input"' in node["html"]
        and 'aria-controls="conditional-' in node["html"]
        and "aria-expanded=" in node["html"]
        for node in violation["nodes"]
    )


def assert_accessible(tab, name: str) -> None:
    screenshot(tab, name)
    violations = serious_violations(tab)
    assert violations == [], f"{name}: {violations}"


def sign_in(tab, person, password: str = "") -> None:
    """Sign in through the form (a User or an email address); for staff, also through the
    second step with their authenticator (made for them if they have none), as a person would.
    Everyone lands on their tasks; it ends on the account page."""
    from accounts import second_factor
    from portal.models import User
    from tests import builders, otp

    email = person if isinstance(person, str) else person.email
    user = User.objects.get(email__iexact=email)
    device = otp.device_for(user) if second_factor.requires_second_factor(user) else None
    tab.goto("/account/sign-in/")
    tab.fill("#id_email", email)
    tab.fill("#id_password", password or builders.PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    if device is not None:
        tab.wait_for_url("**/account/two-factor/**")
        tab.fill("#id_code", otp.next_code(device))
        tab.get_by_role("button", name="Continue").click()
    tab.wait_for_url("**/tasks/")
    tab.goto("/account/")


def loaded(tab) -> str:
    """The page's HTML once it has loaded: a click that submits a form returns when the next
    page starts to arrive, and reading it at once may see only part of it."""
    tab.wait_for_load_state("load")
    return tab.content()
