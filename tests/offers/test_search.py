"""Offers in public search, on both backends (the database and a real Elasticsearch node): found
by their public words, never by their confidential parts, with their own kind and stage; the
index follows each step of the machine after its commit."""

import pytest
from django.test import Client

from offers import workflow as ow
from search.backends import SearchQuery
from tests.search.conftest import index_prefix, needs_es, use_backend  # noqa: F401  (fixture)
from tests.search.test_indexing import found

from .helpers import make_offer


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=needs_es)])
def live_backend(request, settings, index_prefix, transactional_db):  # noqa: F811
    return use_backend(settings, request.param)


@pytest.fixture
def partners_cast(live_backend, world):
    from tests.procurement.agreements_helpers import nhs_body, nhs_partner

    from .helpers import police, standards

    world.icb = nhs_body()
    world.icb_partner = nhs_partner(world.icb)
    police(world)
    standards(world)
    return world


def test_an_offer_is_found_by_its_public_words_only(live_backend, partners_cast):
    w = partners_cast
    offer = make_offer(w, title="Edge-of-care keyworkers for teenagers")
    title = f"{offer.reference}: Edge-of-care keyworkers for teenagers"
    assert found(live_backend, "keyworkers") == [title]
    assert found(live_backend, "keyworkers", kind=["innovation_offer"]) == [title]
    assert found(live_backend, "keyworkers", outcome=["submitted"]) == [title]
    # The costs were marked commercially confidential (Freedom of Information Act 2000 s.43).
    assert found(live_backend, "SECRET-DAILY-RATE") == []
    ow.give_answer(
        offer,
        offer.addressees.get(authority=w.authority),
        w.officer,
        outcome="referred",
        referred_to="Greater Manchester Violence Reduction Unit",
        reasons="The reduction unit commissions youth engagement.",
    )
    assert found(live_backend, "reduction unit") == [title]
    hit = live_backend.search(SearchQuery(text="keyworkers")).hits[0]
    assert hit.url == f"/offers/{offer.reference}/"
    page = Client().get("/search/", {"q": "keyworkers"})
    assert page.status_code == 200
    html = page.content.decode()
    assert offer.reference in html and "SECRET-DAILY-RATE" not in html
