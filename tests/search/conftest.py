"""Search fixtures: each test gets its own index prefix on the real Elasticsearch cluster that
scripts/test.sh starts, and the `backend` fixture runs a test against both backends."""

import contextlib
import os
import uuid
from datetime import date

import pytest
from elasticsearch import Elasticsearch

from search.backends import get_backend
from search.backends.elastic import hosts
from search.registry import SearchRecord

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")
needs_es = pytest.mark.requires("elasticsearch")


def es_client(**options) -> Elasticsearch:
    """A client of our own for the test cluster (every node ELASTICSEARCH_URL lists)."""
    return Elasticsearch(hosts(ES_URL), **options)


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
