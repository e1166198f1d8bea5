"""The real components a test needs: PostgreSQL, S3, Elasticsearch (its nodes, its three-node
cluster) and Chromium (issue 18).

A test says what it needs with `require("postgresql")` or the mark
`@pytest.mark.requires("elasticsearch")`. Under `make test` scripts/test.sh starts every
component and sets PORTAL_REQUIRE_COMPONENTS=1: a missing one then fails the test with the
reason, so a run that did not test something cannot pass. Without the variable (a developer
running a few files without the services) the test is skipped with the same reason.
"""

import os
from pathlib import Path

import pytest

STRICT = "PORTAL_REQUIRE_COMPONENTS"
HOW = "make test starts every component"


def _postgresql() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        return ""
    return f"needs PostgreSQL; the database is {connection.vendor} (see DATABASE_URL)"


def _s3() -> str:
    from django.conf import settings

    return "" if settings.S3_ENABLED else "needs the S3 server; S3_BUCKET is not set"


def _elasticsearch() -> str:
    if os.environ.get("ELASTICSEARCH_URL"):
        return ""
    return "needs Elasticsearch; ELASTICSEARCH_URL is not set"


def _search_nodes() -> str:
    """Tests that start and stop Elasticsearch nodes of their own need the built node and the
    folder test.sh names for them."""
    if os.environ.get("SEARCH_CLUSTER_DIR"):
        return ""
    return "needs a folder for Elasticsearch nodes of its own (SEARCH_CLUSTER_DIR is not set)"


def _chromium() -> str:
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if Path(path).is_file():
        return ""
    return f"needs Chromium at {path} (Debian's chromium; make system-deps installs it)"


CHECKS = {
    "postgresql": _postgresql,
    "s3": _s3,
    "elasticsearch": _elasticsearch,
    "search_nodes": _search_nodes,
    "chromium": _chromium,
}


def strict() -> bool:
    return os.environ.get(STRICT) == "1"


def missing(name: str) -> str:
    """Why the component is missing, or "" when it is there."""
    return CHECKS[name]()


def require(name: str) -> None:
    """Fail (under make test) or skip (otherwise) the running test when the component is
    missing."""
    reason = missing(name)
    if not reason:
        return
    if strict():
        pytest.fail(f"{reason} ({STRICT}=1: {HOW})", pytrace=False)
    pytest.skip(f"{reason} ({HOW}; with {STRICT}=1 this fails)")


def available(name: str) -> bool:
    """For a test that checks more when the component is there: under make test it must be."""
    if strict():
        require(name)
    return not missing(name)
