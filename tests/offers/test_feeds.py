"""Feeds and alerts follow offers through search: "tell me when an offer about edge-of-care
support is answered" is the Atom feed (or the saved search) of innovation offers at the stage
"answered"."""

import xml.etree.ElementTree as ET

import pytest

from offers import workflow as ow
from tests.search.conftest import index_prefix, use_backend  # noqa: F401  (fixture)

from .helpers import make_offer

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def database_search(settings, index_prefix):  # noqa: F811
    return use_backend(settings, "database")


def feed_titles(client, **query):
    response = client.get("/feeds/search/", query)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]


def test_the_feed_of_answered_offers(
    client, cast, database_search, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        offer = make_offer(cast, title="Edge-of-care keyworkers")
    query = {"q": "keyworkers", "kind": "innovation_offer", "outcome": "answered"}
    assert feed_titles(client, **query) == []
    for row, person in (
        (offer.addressees.get(authority=cast.authority), cast.officer),
        (offer.addressees.get(nhs_body=cast.icb), cast.icb_partner),
        (offer.addressees.get(organisation=cast.police_org), cast.police),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            ow.give_answer(
                offer, row, person, outcome="referred", referred_to="The unit", reasons="Theirs."
            )
    assert feed_titles(client, **query) == [f"{offer.reference}: Edge-of-care keyworkers"]
    assert "SECRET-DAILY-RATE" not in client.get("/feeds/search/", query).content.decode()
