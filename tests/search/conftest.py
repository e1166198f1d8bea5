"""Search fixtures: each test gets its own index prefix on the real Elasticsearch node that
scripts/test.sh starts, and the `backend` fixture runs a test against both backends. Tests that
stop nodes start a cluster of their own (`own_cluster`)."""

import contextlib
import os
import subprocess
import uuid
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from elasticsearch import Elasticsearch

from search.backends import get_backend
from search.backends.elastic import hosts
from search.registry import SearchRecord

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")
needs_es = pytest.mark.requires("elasticsearch")


# scripts/test.sh names a folder where a test may start Elasticsearch nodes of its own.
CLUSTERS_DIR = os.environ.get("SEARCH_CLUSTER_DIR", "")
needs_own_cluster = pytest.mark.requires("search_nodes")
SEARCH_NODE = Path(__file__).resolve().parents[2] / "scripts" / "search-node.sh"


def es_client(url: str = "", **options) -> Elasticsearch:
    """A client of our own for the test node (or every node of the cluster `url` lists)."""
    return Elasticsearch(hosts(url or ES_URL), **options)


def search_node(*args: str) -> str:
    """scripts/search-node.sh with these arguments; what it printed."""
    done = subprocess.run(
        ["bash", str(SEARCH_NODE), *args], capture_output=True, text=True, timeout=300
    )
    if done.returncode:
        pytest.fail(f"search-node.sh {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


@contextlib.contextmanager
def own_cluster(nodes: int, name: str):
    """A cluster of `nodes` Elasticsearch nodes for one test or module, stopped after it: tests
    that stop nodes never stop the suite's node, which the other xdist worker is using."""
    folder = os.path.join(CLUSTERS_DIR, name)
    url = search_node("start-cluster", str(nodes), folder).strip().splitlines()[-1]
    try:
        yield SimpleNamespace(dir=folder, nodes=nodes, url=url)
    finally:
        search_node("stop-cluster", folder)


@pytest.fixture
def index_prefix(settings):
    prefix = f"{settings.SEARCH_INDEX_PREFIX}-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_INDEX_PREFIX = prefix
    yield prefix
    if ES_URL:
        client = es_client()
        with contextlib.suppress(Exception):  # the test may have stopped the node
            client.indices.delete(index=f"{prefix}-public*", ignore_unavailable=True)


def use_backend(settings, name: str):
    settings.ELASTICSEARCH_URL = ES_URL if name == "elasticsearch" else ""
    return get_backend()


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=needs_es)])
def backend(request, settings, index_prefix, db):
    return use_backend(settings, request.param)


def record(n, title, **fields) -> SearchRecord:
    values = {
        "kind": "service",
        "object_id": n,
        "title": title,
        "url": f"/services/x/{n}/",
        "summary": "",
        "body": "",
        "date": date(2025, 1, n % 28 + 1),
        "authority": ["trafford"],
        "authority_names": ["Trafford"],
        "region": ["North West"],
        "category": ["libraries"],
    }
    values.update(fields)
    return SearchRecord(**values)
