"""The Content Security Policy (a nonce for inline scripts, never 'unsafe-inline' outside the
CMS), Permissions-Policy, and HSTS, the HTTPS redirect and the proxy header in production."""

import json
import re

import pytest

from tests import builders
from tests.operations.processes import manage, production_env

pytestmark = pytest.mark.django_db


def policy(response, header="Content-Security-Policy") -> dict[str, list[str]]:
    directives = [d.strip().split() for d in response[header].split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def inline_scripts(html: str) -> list[str]:
    """The opening tags of the page's inline scripts (no src)."""
    return [tag for tag in re.findall(r"<script\b[^>]*>", html) if " src=" not in tag]


@pytest.mark.parametrize("path", ["/services/", "/decisions/", "/search/?q=youth"])
def test_public_pages_allow_inline_scripts_only_with_the_nonce(client, world, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = policy(response)
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    nonces = [s for s in csp["script-src"] if s.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    scripts = inline_scripts(response.text)
    assert scripts, "base.html initialises GOV.UK Frontend with an inline script"
    for tag in scripts:
        assert f'nonce="{nonce}"' in tag, tag
    assert csp["default-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]


def test_each_response_has_a_nonce_of_its_own(client, world):
    first, second = (policy(client.get("/services/"))["script-src"] for _ in range(2))
    assert first != second


def test_signed_in_pages_carry_the_policy_too(client, world):
    client.force_login(world.officer)
    response = client.get("/casework/")
    assert response.status_code == 200
    assert "'unsafe-inline'" not in policy(response)["script-src"]


def test_the_cms_has_its_own_policy(client, world):
    """Wagtail's admin writes inline styles: under /admin/ only, they are allowed. Its inline
    scripts carry the nonce like every other page's (test_admin_csp)."""
    client.force_login(builders.user(is_superuser=True, is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["script-src"][0] == "'self'"
    assert all(source.startswith("'nonce-") for source in csp["script-src"][1:])
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    public = policy(client.get("/services/"))
    assert "'unsafe-inline'" not in public["script-src"]


def test_permissions_policy(client, world):
    for path in ("/services/", "/account/sign-in/"):
        header = client.get(path)["Permissions-Policy"]
        features = dict(part.strip().split("=") for part in header.split(","))
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert features[feature] == "()", header


PROBE = """
import json
from django.test import Client
host = {"HTTP_HOST": "portal.example.org"}
c = Client()
plain = c.get("/account/", **host)
behind_proxy = c.get("/account/", HTTP_X_FORWARDED_PROTO="https", **host)
secure = c.get("/healthz", secure=True, **host)
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "behind_proxy": behind_proxy.status_code,
    "hsts": secure.get("Strict-Transport-Security", ""),
}))
"""


def probe(**env) -> dict:
    result = manage("shell", "-c", PROBE, env=production_env(**env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_hsts_ssl_redirect_and_proxy_header_in_production():
    seen = probe()
    assert seen["plain"] == [301, "https://portal.example.org/account/"]
    assert seen["behind_proxy"] == 302  # the proxy said HTTPS: served (a sign-in redirect)
    assert seen["hsts"] == "max-age=31536000; includeSubDomains"

    seen = probe(HSTS_PRELOAD="true", TRUST_X_FORWARDED_PROTO="false")
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["behind_proxy"] == 301  # the header is not trusted: still redirected

    seen = probe(SECURE_SSL_REDIRECT="false")
    assert seen["plain"][0] != 301
