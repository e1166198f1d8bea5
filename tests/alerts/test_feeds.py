"""Atom feeds of decisions, procurement notices, open challenge windows and any search: valid
Atom (required elements, unique entry ids), public records and fields only, linked from their
pages."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from challenges.models import Challenge
from procurement import exercise_workflow
from tests import builders

from .conftest import advance, new_case

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), name
    assert root.find(f"{ATOM}link").get("href")
    assert root.find(f"{ATOM}author/{ATOM}name").text
    entries = root.findall(f"{ATOM}entry")
    ids = []
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
        ids.append(entry.findtext(f"{ATOM}id"))
    assert len(ids) == len(set(ids)), "entry ids must be unique"
    return root, entries


def titles(entries):
    return [e.findtext(f"{ATOM}title") for e in entries]


def private_values(world):
    people = [world.provider, world.officer, world.decider, world.other_decider, world.stranger]
    values = [p.email for p in people] + [p.get_full_name() for p in people if p.get_full_name()]
    return [v for v in values if v]


@pytest.fixture
def cases(search_backend, world, challenge, committed):
    """A rejected and an accepted decision, a case still being assessed, and a draft."""
    committed(advance, challenge, world, "submit", "start_assessment", "reject")
    accepted = new_case(committed, world, "Partington Youth", "start_assessment", "accept")
    pending = new_case(committed, world, "Sale West Trust", "start_assessment")
    challenge = Challenge.objects.get(pk=challenge.pk)
    return challenge, accepted, pending


def test_decisions_feed(client, world, cases):
    rejected, accepted, pending = cases
    root, entries = parse(client.get("/feeds/decisions/"))
    assert sorted(titles(entries)) == sorted(
        f"{c.reference}: {world.service.title}" for c in (rejected, accepted)
    )
    assert pending.reference not in root.findtext(f"{ATOM}title") + str(titles(entries))
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert any(link.endswith(f"/decisions/{accepted.reference}/") for link in links)
    text = client.get("/feeds/decisions/").content.decode()
    for value in private_values(world):
        assert value not in text
    assert pending.reference not in text
    page = client.get("/decisions/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in page and "/feeds/decisions/" in page


def test_search_feed_follows_any_search(client, world, cases):
    rejected, accepted, _ = cases
    root, entries = parse(client.get("/feeds/search/", {"q": "youth", "outcome": "accepted"}))
    assert titles(entries) == [f"{accepted.reference}: {world.service.title}"]
    alternate = [
        link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "alternate"
    ]
    assert alternate[0].endswith("/search/?q=youth&outcome=accepted")

    _, everything = parse(client.get("/feeds/search/", {"kind": "decision"}))
    assert sorted(titles(everything)) == sorted(
        f"{c.reference}: {world.service.title}" for c in (rejected, accepted)
    )
    # Every kind, newest first, at most 50.
    _, all_kinds = parse(client.get("/feeds/search/"))
    assert 3 <= len(all_kinds) <= 50  # two decisions and the service page
    dates = [e.findtext(f"{ATOM}updated") for e in all_kinds]
    assert dates == sorted(dates, reverse=True)
    text = client.get("/feeds/search/").content.decode()
    for value in private_values(world):
        assert value not in text
    # A bad query string is explained by the page and tolerated by the feed.
    parse(client.get("/feeds/search/", {"from": "not a date", "page": "-4", "q": "\u00e9"}))
    # A NUL character is refused before any view (portal/null_characters.py): a 400, not a 500.
    assert client.get("/feeds/search/", {"q": "\x00"}).status_code == 400
    page = client.get("/search/", {"q": "youth"}).content.decode()
    assert 'type="application/atom+xml"' in page and "/feeds/search/?q=youth" in page


def test_windows_feed_lists_open_windows_only(client, world):
    today = timezone.localdate()
    world.authority.windows.create(
        service=None, opens_on=today + timedelta(days=10), closes_on=today + timedelta(days=20)
    )
    _, entries = parse(client.get("/feeds/windows/"))
    (entry,) = entries
    assert world.service.title in entry.findtext(f"{ATOM}title")
    assert entry.find(f"{ATOM}link").get("href").endswith(world.service.url)
    page = client.get(world.service.url).content.decode()
    assert 'type="application/atom+xml"' in page and "/feeds/windows/" in page
    directory = client.get("/services/").content.decode()
    assert "/feeds/windows/" in directory


def test_notices_feed(client, world):
    exercise = exercise_workflow.open_exercise(
        world.officer,
        service=world.service,
        title="Youth clubs contract",
        description="Running four youth clubs.",
        contract_kind="light_touch_services",
        regime="light_touch",
        estimated_value=900_000,
        challenge=None,
        started_on=timezone.localdate() - timedelta(days=10),
    )
    _, entries = parse(client.get("/feeds/notices/"))
    assert titles(entries)[0].startswith(f"{exercise.reference}: Youth clubs contract")
    assert (
        entries[0].find(f"{ATOM}link").get("href").endswith(f"/procurement/{exercise.reference}/")
    )
    text = client.get("/feeds/notices/").content.decode()
    for value in private_values(world):
        assert value not in text
    page = client.get("/procurement/").content.decode()
    assert 'type="application/atom+xml"' in page and "/feeds/notices/" in page


def test_feeds_cost_the_same_queries_for_more_rows(client, world):
    """Each feed is a fixed number of queries, however many entries it has."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    today = timezone.localdate()
    services = [builders.service(world.authority, f"Service {n}") for n in range(3)]
    for service in services[:1]:
        world.authority.windows.create(service=service, opens_on=today, closes_on=today)
    exercise_workflow.open_exercise(
        world.officer,
        service=world.service,
        title="First contract",
        description="One.",
        contract_kind="light_touch_services",
        regime="light_touch",
        estimated_value=900_000,
        challenge=None,
        started_on=today,
    )
    for path in ("/feeds/windows/", "/feeds/notices/"):
        client.get(path)  # warm the caches (Wagtail's sites, content types)
    few = {path: count(path) for path in ("/feeds/windows/", "/feeds/notices/")}
    for service in services[1:]:
        world.authority.windows.create(service=service, opens_on=today, closes_on=today)
        exercise_workflow.open_exercise(
            world.officer,
            service=service,
            title=f"Contract for {service.title}",
            description="More.",
            contract_kind="light_touch_services",
            regime="light_touch",
            estimated_value=900_000,
            challenge=None,
            started_on=today,
        )
    more = {path: count(path) for path in ("/feeds/windows/", "/feeds/notices/")}
    assert more == few


def test_windows_feed_leaves_out_services_that_cannot_be_challenged(client, world):
    """Found walking the demo: an excluded service (SI 2012/1313 Schedule 2) with a window of its
    own was listed as open for challenges."""
    excluded = builders.service(
        world.authority,
        "Support for a named person",
        excluded=True,
        excluded_reason="named_person_complex_needs",
    )
    builders.open_window(world.authority, excluded)
    titles_listed = [e.findtext(f"{ATOM}title") for e in parse(client.get("/feeds/windows/"))[1]]
    assert any(world.service.title in t for t in titles_listed)
    assert not any("Support for a named person" in t for t in titles_listed)
