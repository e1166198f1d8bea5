"""Issue 23, item 8: a foreign Host header (and Django's other client errors) is logged as a
warning without a traceback, at most ten times a minute per kind, through the portal's own log
handler (the one production writes)."""

import io
import logging

import pytest
from django.test import Client

from portal.client_errors_log import ClientErrorFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_output():
    """What the portal's console handler writes, and its client-error filter (its clock set)."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, ClientErrorFilter) for f in h.filters)
    )
    errors_filter = next(f for f in handler.filters if isinstance(f, ClientErrorFilter))
    now = [1_000_000.0]
    errors_filter.clock = lambda: now[0]
    errors_filter._window = None
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        yield stream, now
    finally:
        handler.setStream(old)
        errors_filter.__init__()


def test_a_foreign_host_is_a_warning_without_a_traceback_ten_a_minute(log_output):
    stream, now = log_output
    client = Client(raise_request_exception=False)
    for n in range(25):
        assert client.get("/", HTTP_HOST=f"evil{n}.example").status_code == 400
    lines = [line for line in stream.getvalue().splitlines() if "DisallowedHost" in line]
    assert len(lines) == 10
    assert "Traceback" not in stream.getvalue()
    assert all('"level": "WARNING"' in line or line.startswith("WARNING") for line in lines)
    assert "Invalid HTTP_HOST header: 'evil0.example'" in lines[0]

    now[0] += 60  # the next minute: the first record says how many were held back
    client.get("/", HTTP_HOST="x" * 5000 + ".example")
    last = [line for line in stream.getvalue().splitlines() if "DisallowedHost" in line][-1]
    assert "(15 more like this were not logged in the minute before)" in last
    assert "x" * 300 not in last  # the client's text is cut short
