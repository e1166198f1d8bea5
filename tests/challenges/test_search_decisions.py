"""Published decisions in /search/, on both backends: public rows and fields only, facets,
and the index following the transitions after they commit (never a rolled-back one)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from challenges.models import Challenge
from portal.workflow import perform
from search import registry
from search.backends import SearchQuery, get_backend
from search.models import PendingUpdate
from tests import builders
from tests.search.conftest import index_prefix, needs_es, use_backend  # noqa: F401, F811

from .conftest import advance, draft


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=needs_es)])
def live_backend(request, settings, index_prefix, transactional_db):  # noqa: F811
    return use_backend(settings, request.param)


def found(backend, text="", **filters):
    query = SearchQuery(text=text, filters={"kind": ["decision"], **filters})
    return sorted(h.title for h in backend.search(query).hits)


def second_body(world, name="Partington Community Youth"):
    person, organisation = builders.provider(name)
    challenge = draft(world.service, organisation, person)
    perform("challenge", challenge, "submit", person)
    return challenge


@pytest.fixture
def decided(world, challenge):
    """One accepted and one rejected decision, one case under assessment and one draft."""
    accepted = advance(challenge, world, "submit", "start_assessment", "accept")
    rejected = second_body(world)
    advance(rejected, world, "start_assessment", "reject")
    pending = second_body(world, "Sale West Young People's Trust")
    unsent = draft(world.service, *reversed(builders.provider("Stretford Youth Club CIC")))
    return accepted, rejected, pending, unsent


def test_decisions_are_found_by_service_words_and_synonyms(live_backend, world, decided):
    accepted, rejected, pending, unsent = decided
    expected = sorted(f"{c.reference}: {world.service.title}" for c in (accepted, rejected))
    assert found(live_backend, "detached") == expected
    # synonyms.txt: youth centre = youth club (the service is "Youth clubs and ...").
    assert found(live_backend, "youth centre") == expected
    # The body that challenged is an organisation and is on the register.
    assert found(live_backend, "Partington Community") == [expected[1]]
    # The reasons and the ground's words are searchable.
    assert found(live_backend, "safeguarding") == [f"{rejected.reference}: {world.service.title}"]
    # A case under assessment or a draft is never indexed, nor queued.
    queued = set(PendingUpdate.objects.filter(kind="decision").values_list("object_id", flat=True))
    assert queued == {str(accepted.pk), str(rejected.pk)}
    assert pending.reference and found(live_backend, pending.reference) == []
    assert found(live_backend, "Sale West") == []
    assert found(live_backend, "Stretford") == []
    assert registry.get("decision").record_for(unsent.pk) is None


def test_decisions_filter_by_outcome_and_ground_with_counts(live_backend, world, decided):
    accepted, rejected, *_ = decided
    title = f"{rejected.reference}: {world.service.title}"
    assert found(live_backend, outcome=["rejected"]) == [title]
    assert found(live_backend, ground=["body_unsuitable"]) == [title]
    assert found(live_backend, ground=["non_compliant"]) == []
    assert len(found(live_backend, outcome=["accepted", "rejected"])) == 2
    results = live_backend.search(SearchQuery(filters={"kind": ["decision"]}))
    assert dict(results.facets["outcome"]) == {"accepted": 1, "rejected": 1}
    assert dict(results.facets["ground"]) == {"body_unsuitable": 1}
    assert dict(results.facets["authority"]) == {"trafford": 2}
    assert dict(results.facets["category"]) == {world.service.category.slug: 2}
    hit = next(h for h in results.hits if h.title == title)
    assert hit.url == f"/decisions/{rejected.reference}/"


def test_search_page_filters_decisions_by_outcome_and_ground(live_backend, world, decided, client):
    accepted, rejected, *_ = decided
    html = client.get("/search/", {"kind": "decision", "outcome": "rejected"}).content.decode()
    assert f"/decisions/{rejected.reference}/" in html
    assert f"/decisions/{accepted.reference}/" not in html
    assert "is not suitable to provide or assist in providing the relevant service" in html
    html = client.get("/search/", {"ground": "body_unsuitable", "q": "youth"}).content.decode()
    assert f"/decisions/{rejected.reference}/" in html
    assert f"/decisions/{accepted.reference}/" not in html
    assert client.get(f"/decisions/{rejected.reference}/").status_code == 200


def test_records_hold_no_personal_data(live_backend, world, decided):
    accepted, rejected, *_ = decided
    kind = registry.get("decision")
    for challenge in (accepted, rejected):
        text = repr(kind.record_for(challenge.pk))
        for person in (world.provider, world.officer, world.decider):
            assert person.email not in text
            for name in (person.first_name, person.last_name):
                assert not name or name not in text
    for person in (world.provider, world.officer, world.decider):
        assert found(live_backend, person.email.split("@")[0]) == []


def test_a_decision_is_indexed_after_its_transition_commits(live_backend, world, challenge):
    advance(challenge, world, "submit", "start_assessment")
    title = f"{challenge.reference}: {world.service.title}"
    with transaction.atomic():
        perform("challenge", challenge, "accept", world.decider, wellbeing="Local jobs.")
        assert found(live_backend, "detached") == []
    assert found(live_backend, "detached") == [title]
    assert found(live_backend, outcome=["accepted"]) == [title]

    # Later transitions update the record (the procurement stage shows in the summary).
    decided_at = timezone.now() - timedelta(days=400)
    Challenge.objects.filter(pk=challenge.pk).update(decided_at=decided_at)
    challenge.refresh_from_db()
    advance(
        challenge,
        world,
        "start_procurement",
        started_on=timezone.localdate(),
        procurement_reference="FTS-TRF-1",
    )
    (hit,) = live_backend.search(SearchQuery(filters={"kind": ["decision"]})).hits
    assert "Procurement started" in hit.summary
    assert hit.date == timezone.localdate(decided_at)


def test_a_rolled_back_decision_is_never_indexed(live_backend, world, challenge):
    advance(challenge, world, "submit", "start_assessment")
    with pytest.raises(RuntimeError), transaction.atomic():
        perform(
            "challenge",
            challenge,
            "reject",
            world.decider,
            grounds=["non_compliant"],
            reasons="Late.",
            wellbeing="None.",
        )
        raise RuntimeError("rolled back")
    assert found(live_backend) == []
    assert not PendingUpdate.objects.filter(kind="decision").exists()
    assert Challenge.objects.get(pk=challenge.pk).state == "under_assessment"


def test_seed_demo_leaves_every_kind_in_the_database_index(
    settings,
    index_prefix,  # noqa: F811
    db,
):
    backend = use_backend(settings, "database")
    call_command("seed_demo", stdout=StringIO())
    assert backend.name == get_backend().name == "database"
    counts = dict(backend.search(SearchQuery()).facets["kind"])
    published = Challenge.objects.published()
    assert counts["decision"] == published.count() > 0
    assert counts["service"] > 0
    assert counts["procurement_notice"] > 0
    assert counts["transfer_agreement"] > 0
    # The dates the demo set after the transitions are the ones indexed.
    latest = published.order_by("-decided_at").first()
    hit = backend.search(SearchQuery(filters={"kind": ["decision"]}, sort="date")).hits[0]
    assert hit.date == latest.decided_on


def test_republishing_the_service_updates_its_decisions(live_backend, world, decided):
    accepted, rejected, *_ = decided
    page = world.service
    page.title = "Youth centres and outreach"
    page.save_revision().publish()
    assert found(live_backend, "outreach") == sorted(
        f"{c.reference}: Youth centres and outreach" for c in (accepted, rejected)
    )
    assert found(live_backend, "detached") == []
