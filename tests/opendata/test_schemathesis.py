"""Schemathesis against the served OpenAPI document: every operation, with generated
parameters (valid and invalid), on the demo's data; no answer is a server error, and every
answer's status, content type, headers and body match what the document declares."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from opendata.api import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def served():
    """The portal's WSGI application inside the test's transaction: Django's own test client
    keeps the connection the same way (no closing of connections between requests)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


DOCUMENT = api.get_openapi_schema(path_prefix="/api/v1")["paths"]
PATHS = list(DOCUMENT)
# Invalid input exists only where a parameter is constrained: the lists' query parameters (a
# path segment can be any string, so the detail operations have positive cases only).
CASES = [(path, GenerationMode.POSITIVE) for path in PATHS] + [
    (path, GenerationMode.NEGATIVE)
    for path in PATHS
    if "{" not in path and DOCUMENT[path]["get"].get("parameters")
]


def test_the_document_lists_every_operation():
    assert len(PATHS) == 16  # with /api/v1/offers and /api/v1/offers/{reference}


@pytest.mark.parametrize(("path", "mode"), CASES, ids=lambda v: getattr(v, "value", v))
def test_every_operation_answers_as_documented(demo, served, path, mode):
    """Every check but "positive data acceptance": a cursor is any string to the document,
    and one the API did not give out is rightly a 400. (Schemathesis's pytest loader for
    fixtures does not run under pytest 9, so each operation's strategy is drawn here with
    Hypothesis directly.)"""
    operation = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", served)[path]["GET"]

    @given(operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_as_documented(case):
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    answers_as_documented()
