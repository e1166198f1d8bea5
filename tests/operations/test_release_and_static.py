"""The release step (check --deploy, migrate, collectstatic) and whitenoise serving its output:
hashed names cached for a year, compressed copies, GOV.UK's /assets/, every template's static
reference in the manifest."""

import json
import re
from pathlib import Path

import pytest
from django.test import Client, override_settings

from portal.settings import config
from tests.operations.processes import ROOT, manage, production_env

STATIC_TAG = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]\s*%}""")


@pytest.fixture(scope="module")
def released(django_db_setup, django_db_blocker, tmp_path_factory):
    """`manage.py release` under production settings, collecting into a temporary folder."""
    var_dir = tmp_path_factory.mktemp("var")
    with django_db_blocker.unblock():
        result = manage("release", env=production_env(VAR_DIR=str(var_dir)), timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return var_dir / "static", result.stdout


@pytest.fixture
def whitenoise_client(released, settings):
    static_root, _ = released
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": config.MANIFEST_STATIC}}
    with override_settings(
        STATIC_ROOT=static_root, STORAGES=storages, WHITENOISE_USE_FINDERS=False
    ):
        yield Client()


def test_release_checks_migrates_and_collects(released):
    static_root, output = released
    assert output.index("Checking") < output.index("Migrating") < output.index("Collecting")
    assert "Release done" in output
    assert (static_root / "staticfiles.json").exists()


@pytest.mark.django_db
def test_release_stops_at_a_deployment_warning(tmp_path):
    result = manage("release", env=production_env(VAR_DIR=str(tmp_path), HSTS_SECONDS="0"))
    assert result.returncode != 0
    assert "security.W004" in result.stderr
    assert "Migrating" not in result.stdout
    assert not (tmp_path / "static").exists()


def test_every_template_static_reference_is_in_the_manifest(released):
    static_root, _ = released
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    referenced = {
        name
        for template in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in template.parts and "node_modules" not in template.parts
        for name in STATIC_TAG.findall(template.read_text())
    }
    assert "govuk/govuk-frontend.min.css" in referenced
    assert sorted(name for name in referenced if name not in manifest) == []


@pytest.mark.django_db
def test_whitenoise_serves_hashed_files_for_a_year_and_compressed(whitenoise_client):
    page = whitenoise_client.get("/account/sign-in/")
    assert page.status_code == 200
    links = re.findall(r"(/static/govuk/govuk-frontend\.min\.[0-9a-f]{12}\.css)", page.text)
    assert links, "the page links the hashed stylesheet"
    plain = whitenoise_client.get(links[0])
    assert plain.status_code == 200
    assert "immutable" in plain["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", plain["Cache-Control"])[1]) >= 365 * 24 * 3600
    body = b"".join(plain.streaming_content)
    assert b"govuk-" in body
    compressed = whitenoise_client.get(links[0], HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"
    assert len(b"".join(compressed.streaming_content)) < len(body)


@pytest.mark.django_db
def test_govuk_assets_are_served_where_the_stylesheet_asks(whitenoise_client, released):
    static_root, _ = released
    css_name = json.loads((static_root / "staticfiles.json").read_text())["paths"][
        "govuk/govuk-frontend.min.css"
    ]
    css = Path(static_root / css_name).read_text()
    fonts = re.findall(r"url\((/assets/fonts/[^)\"']+)\)", css)
    assert fonts, "GOV.UK Frontend's stylesheet asks for /assets/fonts/"
    font = whitenoise_client.get(fonts[0])
    assert font.status_code == 200
    assert font["Content-Type"] == "font/woff2"
    assert whitenoise_client.get("/assets/images/favicon.ico").status_code == 200
    assert whitenoise_client.get("/assets/no-such-file.png").status_code == 404


def test_only_govuk_frontends_compiled_files_and_assets_are_collected(released):
    static_root, _ = released
    govuk = static_root / "govuk"
    top = sorted(p.name for p in govuk.iterdir() if not p.name.endswith((".gz", ".br")))
    assert [name for name in top if "." not in name] == ["assets"]
    assert {name.split(".", 1)[0] for name in top if "." in name} == {"govuk-frontend"}
    sources = [p for p in govuk.rglob("*") if p.suffix in {".scss", ".njk", ".mjs", ".yaml"}]
    assert sources == []
    assert (govuk / "assets" / "fonts").is_dir() and (govuk / "assets" / "images").is_dir()
