"""The indexing pipeline on real pages: publish -> outbox -> on_commit -> task -> backend."""

import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from search import indexing, registry
from search.backends import SearchQuery, get_backend
from search.models import PendingUpdate
from tests import builders

from .conftest import es_client, needs_es, needs_own_cluster, own_cluster, search_node, use_backend

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=needs_es)])
def live_backend(request, settings, index_prefix, transactional_db):
    return use_backend(settings, request.param)


def found(backend, text="", **filters):
    return [h.title for h in backend.search(SearchQuery(text=text, filters=filters)).hits]


def test_publishing_indexes_public_fields_only(live_backend, trafford):
    page = builders.service(
        trafford,
        "Youth clubs and detached youth work",
        service_users="Young people aged 11 to 19",
        contact_team="Youth commissioning team",
        contact_email="jo.officer@trafford.gov.uk",
        contact_phone="0161 912 0000",
    )
    assert found(live_backend, "detached") == ["Youth clubs and detached youth work"]
    assert found(live_backend, "aged 11") == ["Youth clubs and detached youth work"]
    # Contact details are not published to search.
    assert found(live_backend, "jo.officer") == []
    assert found(live_backend, "0161") == []
    assert found(live_backend, "commissioning") == []

    # A draft never reaches the index; publishing it does.
    page.title = "Secret draft title"
    page.save_revision()
    assert found(live_backend, "secret") == []
    assert found(live_backend, "detached") == ["Youth clubs and detached youth work"]
    page.get_latest_revision().publish()
    assert found(live_backend, "secret") == ["Secret draft title"]

    page.unpublish()
    assert found(live_backend, "secret") == []
    assert PendingUpdate.objects.filter(applied_at__isnull=True).count() == 0


def test_index_is_written_after_the_commit_not_inside_it(live_backend, trafford):
    with transaction.atomic():
        builders.service(trafford, "Community libraries")
        assert PendingUpdate.objects.filter(kind="service", applied_at__isnull=True).count() == 1
        assert found(live_backend, "libraries") == []
    assert found(live_backend, "libraries") == ["Community libraries"]

    # A rolled-back change leaves nothing behind, in the outbox or the index.
    with pytest.raises(RuntimeError), transaction.atomic():
        builders.service(trafford, "Mobile library van")
        raise RuntimeError("rolled back")
    assert found(live_backend, "van") == []
    assert not PendingUpdate.objects.filter(applied_at__isnull=True).exists()


def test_deleting_a_page_removes_it(live_backend, trafford):
    page = builders.service(trafford, "Allotments")
    assert found(live_backend, "allotments") == ["Allotments"]
    page.delete()
    assert found(live_backend, "allotments") == []


def test_rebuild_keeps_searches_working(live_backend, trafford, manchester):
    for n in range(12):
        builders.service(trafford if n % 2 else manchester, f"Library branch {n}")
    assert live_backend.search(SearchQuery()).total == 12
    before = getattr(live_backend, "current_indices", list)()

    answers, errors, done = [], [], threading.Event()

    def keep_searching():
        try:
            while not done.is_set():
                answers.append(live_backend.search(SearchQuery(text="library")).total)
        except Exception as exc:  # pragma: no cover - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    def during_rebuild():
        # Loaded but not yet swapped: readers still see the old index, and a change made now
        # (to the old index) must survive the swap.
        builders.service(trafford, "Library branch published mid-rebuild")

    reader = threading.Thread(target=keep_searching)
    reader.start()
    try:
        count = indexing.rebuild(before_swap=during_rebuild)
    finally:
        done.set()
        reader.join(30)
    assert count == 12
    assert errors == []
    assert answers and set(answers) <= {12, 13}, set(answers)
    assert live_backend.search(SearchQuery(text="library")).total == 13
    assert "Library branch published mid-rebuild" in found(live_backend, "mid rebuild")
    if before:  # Elasticsearch: a new timestamped index behind the alias, the old one dropped
        after = live_backend.current_indices()
        assert len(after) == 1 and after != before
        assert not live_backend.client.indices.exists(index=before[0])


def test_search_index_command(live_backend, trafford, capsys):
    builders.service(trafford, "Community transport")
    call_command("search_index", "--rebuild")
    assert "1 records" in capsys.readouterr().out
    call_command("search_index", "--status")
    out = capsys.readouterr().out
    assert f"backend: {live_backend.name}" in out and "documents: 1" in out


def test_another_kind_plugs_in_through_the_registry(live_backend, trafford):
    """How challenges/ and procurement/ add their kinds: subclass, register, queue updates."""
    from portal.models import GuidancePage

    class GuidanceKind(registry.SearchKind):
        name = "guidance"
        label = "Guidance"
        model = "portal.GuidancePage"

        def public_queryset(self):
            return GuidancePage.objects.live().public()

        def to_record(self, page):
            return registry.SearchRecord(
                kind=self.name, object_id=page.pk, title=page.title, url=page.url or ""
            )

    home, _ = builders.site_tree()
    registry.register(GuidanceKind())
    try:
        guide = GuidancePage(title="How to challenge a service", slug="how", body=[])
        home.add_child(instance=guide)
        guide.save_revision().publish()
        assert indexing.queue_update(guide) is True
        transaction.on_commit(lambda: None)  # autocommit: the queued task has already run
        assert found(live_backend, "challenge") == ["How to challenge a service"]
        builders.service(trafford, "Challenge fund administration")
        kinds = dict(live_backend.search(SearchQuery(text="challenge")).facets["kind"])
        assert kinds == {"guidance": 1, "service": 1}
        assert registry.kind_label("guidance") == "Guidance"
    finally:
        registry.unregister("guidance")
    assert indexing.queue_update(guide) is False


@pytest.fixture
def one_node():
    """An Elasticsearch node of the test's own, to stop and start again."""
    with own_cluster(1, "down-and-up") as node:
        yield node


@needs_es
@needs_own_cluster
@pytest.mark.xdist_group("search-cluster")
def test_writes_succeed_while_elasticsearch_is_down_and_apply_when_it_returns(
    settings, index_prefix, transactional_db, trafford, client, one_node
):
    settings.ELASTICSEARCH_URL = one_node.url
    backend = get_backend()
    builders.service(trafford, "Community libraries")
    assert found(backend, "libraries") == ["Community libraries"]

    cluster_dir, nodes = one_node.dir, str(one_node.nodes)
    search_node("stop-cluster", cluster_dir)  # every node: the search engine is down
    try:
        assert not es_client(one_node.url).ping()
        page = builders.service(trafford, "Day centre for older people")  # the write succeeds
        pending = PendingUpdate.objects.get(kind="service", object_id=str(page.pk))
        assert pending.applied_at is None and pending.attempts == 1
        assert "Connection" in pending.last_error

        health = client.get("/readyz")
        assert health.status_code == 503
        assert health.json()["components"]["search"]["status"] == "error"
        response = client.get("/search/?q=day+centre")
        assert response.status_code == 503
        assert b"Search is not available at the moment" in response.content
        assert client.get("/search/?q=day&format=csv").status_code == 503
    finally:
        search_node("start-cluster", nodes, cluster_dir)  # the same nodes, ports and data

    assert found(backend, "day centre") == []  # not applied yet...
    call_command("search_index", "--apply")  # ...until the worker (or this command) runs
    assert found(backend, "day centre") == ["Day centre for older people"]
    assert found(backend, "libraries") == ["Community libraries"]
    assert client.get("/readyz").json()["components"]["search"]["pending_updates"] == 0
