"""Every key page, public and signed in for each role: valid HTML (the Nu Html Checker, run once
over all of them), a unique and descriptive title, and a meta description."""

import json
import re
import shutil
import subprocess
from collections import defaultdict
from html import unescape
from pathlib import Path

import pytest
from wagtail.models import Site

from tests.key_pages import render_key_pages
from tests.shared_data import DEMO_READERS

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
# Marked so that pytest-django sets up the test database, which the module's fixture fills.
pytestmark = [pytest.mark.django_db, DEMO_READERS]


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        rendered = render_key_pages()
    Site.clear_site_root_paths_cache()
    failed = [(p.role, p.url, p.status) for p in rendered if p.status != 200]
    assert failed == []
    return rendered


def title_of(page) -> str:
    found = TITLE.search(page.html)
    return " ".join(unescape(found.group(1)).split()) if found else ""


def test_every_key_page_is_valid_html(pages, tmp_path):
    if shutil.which("java") is None or not VNU.is_file():
        pytest.fail("The Nu Html Checker needs Java and node_modules/vnu-jar (make deps)")
    files = {}
    for n, page in enumerate(pages):
        path = tmp_path / f"page-{n}.html"
        path.write_text(page.html, encoding="utf-8")
        files[path.name] = page
    # One Java process for every page: starting the checker costs more than checking a page.
    command = ["java", "-jar", str(VNU), "--format", "json", "--errors-only"]
    result = subprocess.run(
        [*command, *(str(tmp_path / name) for name in files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = []
    for message in messages:
        page = files.get(message.get("url", "").rsplit("/", 1)[-1])
        where = f"{page.role}: {page.url}" if page else message.get("url", "")
        errors.append(f"{where} line {message.get('lastLine')}: {message['message']}")
    assert errors == [], "\n".join(errors)
    assert len(pages) >= 40  # public pages and each role's


def test_every_key_page_has_a_title_of_its_own(pages):
    from django.conf import settings

    service = settings.WAGTAIL_SITE_NAME
    paths_by_title = defaultdict(set)
    for page in pages:
        title = title_of(page)
        assert title.endswith(service), (page.url, title)
        if page.url != "/":  # the home page is the service itself
            assert len(title) > len(service) + 3, f"{page.name} ({page.url}): {title!r}"
        paths_by_title[title].add(page.url.split("?")[0])
    shared = {title: paths for title, paths in paths_by_title.items() if len(paths) > 1}
    assert shared == {}


def test_every_key_page_has_a_meta_description(pages):
    missing = [
        (page.role, page.url)
        for page in pages
        if not (found := DESCRIPTION.search(page.html)) or len(found.group(1).strip()) < 30
    ]
    assert missing == []


def test_no_radio_is_chosen_for_the_user(pages):
    """GOV.UK radios: never preselected, so that nobody submits an answer they did not give
    (the NHS partner's approval once came with the body already chosen)."""
    chosen = [
        (page.role, page.url, radio)
        for page in pages
        for radio in re.findall(r'<input[^>]*type="radio"[^>]*>', page.html)
        if re.search(r"\schecked\b", radio)
    ]
    assert chosen == []
