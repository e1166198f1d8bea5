"""The portal on a three-node cluster (started by this module, beside the suite's one node):
its index keeps a replica, and losing one node (the one with the index's primary, or the elected
master) costs no search and no write: health goes yellow, and back to green when the node
returns."""

import os
import time

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings import config
from search import indexing
from search.backends import SearchQuery, get_backend
from search.backends.elastic import hosts
from search.models import PendingUpdate
from tests import builders

from .conftest import es_client, needs_es, needs_own_cluster, own_cluster, search_node

CLUSTER_NODES = 3
needs_cluster = needs_own_cluster
WAIT = 120  # seconds: the bound on every wait for the cluster


# --- settings ----------------------------------------------------------------------------------
def test_elasticsearch_url_may_list_several_nodes():
    assert hosts("http://a:9200") == ["http://a:9200"]
    assert hosts(" http://a:9200, http://b:9200 ,,http://c:9200") == [
        "http://a:9200",
        "http://b:9200",
        "http://c:9200",
    ]


def test_replicas_default_to_one_wherever_a_second_node_can_hold_it():
    assert config.read({}).search_index_replicas == "0-1"
    assert config.read({"SEARCH_INDEX_REPLICAS": "2"}).search_index_replicas == "2"
    assert config.read({"SEARCH_INDEX_REPLICAS": "0-all"}).search_index_replicas == "0-all"


@pytest.mark.parametrize("value", ["one", "-1", "1-", "0-1-2", "1.5"])
def test_bad_replicas_are_a_configuration_error(value):
    with pytest.raises(ImproperlyConfigured, match="SEARCH_INDEX_REPLICAS"):
        config.read({"SEARCH_INDEX_REPLICAS": value})


# --- helpers -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def three_nodes():
    with own_cluster(CLUSTER_NODES, "three-nodes") as nodes:
        yield nodes


def on_the_cluster(settings, three_nodes):
    """The portal's Elasticsearch backend, on the three-node cluster."""
    settings.ELASTICSEARCH_URL = three_nodes.url
    return get_backend()


def wait_until(condition, what: str, timeout: float = WAIT):
    """Polls condition() until it returns something truthy; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = condition()
        except Exception:  # e.g. no elected master for a moment
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"not {what} within {timeout}s")
        time.sleep(0.5)


def running(pidfile: str) -> bool:
    try:
        with open(pidfile) as f:
            os.kill(int(f.read().strip()), 0)
    except (OSError, ValueError):
        return False
    return True


def health(es) -> dict:
    return es.cluster.health()


def wait_for_green(es, nodes: int = CLUSTER_NODES) -> None:
    reply = es.options(request_timeout=WAIT + 10).cluster.health(
        wait_for_status="green", wait_for_nodes=str(nodes), timeout=f"{WAIT}s"
    )
    assert not reply["timed_out"], f"cluster not green with {nodes} nodes: {reply['status']}"


def shard_copies(es, index: str) -> dict[str, str]:
    """prirep ("p" / "r") -> node name, for the started copies of the index's one shard."""
    rows = es.cat.shards(index=index, format="json")
    return {r["prirep"]: r["node"] for r in rows if r["state"] == "STARTED"}


def found(backend, text: str) -> list[str]:
    return [h.title for h in backend.search(SearchQuery(text=text)).hits]


def everything(backend) -> tuple:
    """What the search page shows for a few queries: hits in order, totals and facets."""
    answers = []
    for text in ["", "libraries", "youth", "day centre"]:
        results = backend.search(SearchQuery(text=text))
        answers.append((text, results.total, [h.title for h in results.hits], results.facets))
    return tuple(answers)


@pytest.fixture
def cluster(three_nodes):
    """The test cluster's nodes by name; every node stopped in the test is started again after
    it, and the cluster is green again before the next test."""
    # A node that is not running (it exited under a previous test) is started again first, so one
    # lost node fails one test, not every test after it.
    for index in range(CLUSTER_NODES):
        if not running(os.path.join(three_nodes.dir, f"node-{index}", "node.pid")):
            search_node("start-node", three_nodes.dir, str(index))
    es = es_client(three_nodes.url, request_timeout=30)
    wait_for_green(es)
    stopped: list[int] = []

    class Cluster:
        client = es
        url = three_nodes.url

        def stop(self, name: str) -> None:
            index = int(name.removeprefix("node-"))
            search_node("stop-node", three_nodes.dir, str(index))
            stopped.append(index)

        def start(self, name: str) -> None:
            index = int(name.removeprefix("node-"))
            search_node("start-node", three_nodes.dir, str(index))
            stopped.remove(index)

    try:
        yield Cluster()
    finally:
        for index in list(stopped):
            search_node("start-node", three_nodes.dir, str(index))
        wait_for_green(es)


@pytest.fixture
def published(settings, index_prefix, transactional_db, trafford, three_nodes):
    """The portal's backend on the cluster, with a few published services, fully replicated."""
    backend = on_the_cluster(settings, three_nodes)
    pages = {
        title: builders.service(trafford, title)
        for title in [
            "Community libraries",
            "Youth clubs and detached youth work",
            "Day centre for older people",
        ]
    }
    assert found(backend, "libraries") == ["Community libraries"]
    return backend, pages


def write_while_down(backend, trafford, pages) -> None:
    """A publish and an unpublish while a node is down: queued in the outbox, then applied."""
    page = builders.service(trafford, "Meals on wheels delivery")
    pages["Youth clubs and detached youth work"].unpublish()
    wait_until(
        lambda: (
            indexing.apply_pending()["pending"] == 0
            and PendingUpdate.objects.filter(object_id=str(page.pk), applied_at__isnull=False)
        ),
        "applied the queued updates",
    )
    assert found(backend, "meals") == ["Meals on wheels delivery"]
    assert found(backend, "youth") == []


# --- the index on the cluster ------------------------------------------------------------------
@needs_es
@needs_cluster
def test_the_index_has_one_replica_on_another_node(published, cluster):
    backend, _pages = published
    wait_for_green(cluster.client)
    (index,) = backend.current_indices()
    index_settings = cluster.client.indices.get_settings(index=index)[index]["settings"]["index"]
    assert (index_settings["number_of_replicas"], index_settings["auto_expand_replicas"]) == (
        "1",
        "0-1",
    )
    copies = shard_copies(cluster.client, index)
    assert set(copies) == {"p", "r"} and copies["p"] != copies["r"]


@needs_es
@needs_cluster
def test_a_fixed_number_of_replicas_can_be_configured(settings, index_prefix, cluster):
    settings.SEARCH_INDEX_REPLICAS = "2"
    settings.ELASTICSEARCH_URL = cluster.url
    backend = get_backend()
    backend.ensure_index()
    wait_for_green(cluster.client)
    (index,) = backend.current_indices()
    index_settings = cluster.client.indices.get_settings(index=index)[index]["settings"]["index"]
    assert index_settings["number_of_replicas"] == "2"
    assert len(cluster.client.cat.shards(index=index, format="json")) == 3


# --- one node down -----------------------------------------------------------------------------
@needs_es
@needs_cluster
def test_losing_the_node_with_the_primary_costs_no_search_and_no_write(
    published, cluster, trafford, client
):
    backend, pages = published
    wait_for_green(cluster.client)
    (index,) = backend.current_indices()
    before = everything(backend)
    victim = shard_copies(cluster.client, index)["p"]

    cluster.stop(victim)
    # The replica is promoted; its own replica waits (delayed allocation) for the node to return.
    wait_until(
        lambda: (
            health(cluster.client)["status"] == "yellow"
            and health(cluster.client)["number_of_nodes"] == CLUSTER_NODES - 1
        ),
        "yellow with one node fewer",
    )
    assert victim not in shard_copies(cluster.client, index).values()
    for _ in range(2 * CLUSTER_NODES):  # every node in the client's list, the stopped one too
        assert everything(backend) == before
    report = client.get("/readyz").json()["components"]["search"]
    assert report["status"] == "ok"  # yellow still serves every record
    assert (report["cluster"], report["nodes"]) == ("yellow", CLUSTER_NODES - 1)
    assert client.get("/search/?q=libraries").status_code == 200

    write_while_down(backend, trafford, pages)

    cluster.start(victim)
    wait_for_green(cluster.client)
    copies = shard_copies(cluster.client, index)
    assert set(copies) == {"p", "r"} and copies["p"] != copies["r"]
    # /readyz asks the cluster afresh: on a busy machine it may still see the last replica
    # recovering for a moment after the wait above, so it is read until it says green.
    wait_until(
        lambda: client.get("/readyz").json()["components"]["search"]["cluster"] == "green",
        "/readyz reporting green",
    )
    report = client.get("/readyz").json()["components"]["search"]
    assert (report["status"], report["cluster"], report["nodes"]) == ("ok", "green", 3)
    assert found(backend, "meals") == ["Meals on wheels delivery"]
    assert found(backend, "libraries") == ["Community libraries"]


@needs_es
@needs_cluster
def test_losing_the_elected_master_costs_no_search_and_no_write(
    published, cluster, trafford, client
):
    backend, pages = published
    wait_for_green(cluster.client)
    (index,) = backend.current_indices()
    before = everything(backend)
    master = cluster.client.cat.master(format="json")[0]["node"]
    held_a_copy = master in shard_copies(cluster.client, index).values()

    cluster.stop(master)
    # The two others elect a master between them (a majority of the three voting nodes).
    new_master = wait_until(
        lambda: (
            health(cluster.client)["number_of_nodes"] == CLUSTER_NODES - 1
            and cluster.client.cat.master(format="json")[0]["node"]
        ),
        "a new master elected",
    )
    assert new_master != master
    for _ in range(2 * CLUSTER_NODES):
        assert everything(backend) == before
    # The portal's index, not the whole cluster: other tests' indices may have had a copy there.
    expected = "yellow" if held_a_copy else "green"
    assert cluster.client.cluster.health(index=index)["status"] == expected
    report = client.get("/readyz").json()["components"]["search"]
    assert (report["status"], report["index_status"], report["nodes"]) == ("ok", expected, 2)

    write_while_down(backend, trafford, pages)

    cluster.start(master)
    wait_for_green(cluster.client)
    assert health(cluster.client)["number_of_nodes"] == CLUSTER_NODES
    assert found(backend, "meals") == ["Meals on wheels delivery"]


# --- health ------------------------------------------------------------------------------------
@needs_es
@needs_cluster
def test_health_is_an_error_only_when_the_portal_index_is_red(published, cluster, client):
    backend, _pages = published
    es = cluster.client
    unplaceable = {"number_of_replicas": 0, "routing.allocation.require._name": "no-such-node"}
    other = f"{backend.alias}-other-red"  # not behind the alias: somebody else's index
    es.indices.create(index=other, settings={"index": unplaceable}, wait_for_active_shards="0")
    try:
        wait_until(lambda: health(es)["status"] == "red", "red")
        report = client.get("/readyz").json()["components"]["search"]
        assert (report["status"], report["cluster"], report["index_status"]) == (
            "ok",
            "red",
            "green",
        )

        es.indices.put_alias(index=other, name=backend.alias)  # now part of the portal's index
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["components"]["search"] == {
            "status": "error",
            "error": "SearchIndexRed",
            "ms": response.json()["components"]["search"]["ms"],
        }
    finally:
        es.indices.delete(index=other, ignore_unavailable=True)
