"""Wagtail's admin under the portal's Content Security Policy (issue 10, item 5): no
'unsafe-inline' for scripts; each inline script Wagtail writes (date pickers, panels, choosers)
carries the response's nonce, so the admin works and an injected script would not run."""

import re

import pytest

from portal.security_headers import current_nonce
from tests import builders
from tests.security.test_headers import policy
from tests.security.url_walk import admin_routes

pytestmark = pytest.mark.django_db

# Scripts the browser does not run (data for Wagtail's JavaScript) need no nonce.
_DATA_TYPES = ("application/json", "text/template", "text/html")


def executable_inline_scripts(html: str) -> list[str]:
    return [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if " src=" not in tag and not any(f'type="{kind}"' in tag for kind in _DATA_TYPES)
    ]


def nonce_of(response) -> str | None:
    """The response's nonce (None when no template asked for one: then no inline script runs)."""
    script_src = policy(response)["script-src"]
    assert "'unsafe-inline'" not in script_src
    nonces = [s[len("'nonce-") : -1] for s in script_src if s.startswith("'nonce-")]
    assert len(nonces) <= 1, script_src
    return nonces[0] if nonces else None


@pytest.fixture
def editor(client, trafford):
    page = builders.service(trafford, contract_end_date="2027-03-31")
    window = builders.open_window(trafford, page)
    client.force_login(builders.user(is_superuser=True, is_staff=True))
    return client, page, window


def _addresses(page, window) -> list[str]:
    """Every admin page without parameters, and the editors that write inline scripts."""
    skip = ("logout", "password_reset", "jsi18n", "preview", "_results", "api:", "error_test")
    plain = [
        r.template
        for r in admin_routes()
        if not r.arity and not any(part in r.name for part in skip)
    ]
    return [
        *plain,
        f"/admin/pages/{page.pk}/edit/",  # a date input (contract end) and page choosers
        f"/admin/pages/{page.get_parent().pk}/add_subpage/",
        f"/admin/pages/{page.pk}/move/",
        f"/admin/snippets/portal/challengewindow/edit/{window.pk}/",  # date inputs, a chooser
        "/admin/snippets/portal/challengewindow/add/",
    ]


def test_every_inline_script_in_the_admin_carries_the_nonce(editor):
    client, page, window = editor
    seen = 0
    for address in _addresses(page, window):
        response = client.get(address)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        nonce = nonce_of(response)
        html = response.content.decode()
        for tag in executable_inline_scripts(html):
            assert nonce and f'nonce="{nonce}"' in tag, f"{address}: {tag}"
            seen += 1
    # the window editor alone has two date pickers and a page chooser
    assert seen >= 3


def test_the_window_editor_initialises_its_date_pickers_with_the_nonce(editor):
    client, page, window = editor
    response = client.get(f"/admin/snippets/portal/challengewindow/edit/{window.pk}/")
    nonce = nonce_of(response)
    html = response.content.decode()
    assert html.count(f'<script nonce="{nonce}">initDateChooser(') == 2
    # the service's page chooser: written by BaseChooser.render in Python (portal/wagtail_csp.py)
    assert re.search(rf'<script nonce="{re.escape(nonce)}">new \w*Chooser\(', html)


def test_there_is_no_nonce_outside_a_request():
    assert current_nonce() == ""
