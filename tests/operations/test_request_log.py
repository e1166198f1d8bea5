"""One log line per request, with the request id, and the user as a keyed hash, never an email."""

import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

from portal.request_log import RequestIdFilter, user_hash
from portal.settings import config
from tests import builders

pytestmark = pytest.mark.django_db


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "portal.requests"]


def json_line(record) -> dict:
    """The record as production writes it (LOG_FORMAT=json)."""
    spec = config.logging_config("json", "info")["formatters"]["json"]
    formatter = JsonFormatter(spec["fmt"], rename_fields=spec["rename_fields"])
    RequestIdFilter().filter(record)
    return json.loads(formatter.format(record))


def test_a_signed_in_request_is_one_json_line_without_the_email(client, caplog):
    person = builders.user("someone.private@example.org", first_name="Ada", last_name="Byron")
    client.force_login(person)
    caplog.set_level(logging.INFO, logger="portal.requests")
    response = client.get("/account/", HTTP_X_REQUEST_ID="lb-7f3a.9")

    assert response.status_code == 200
    assert response["X-Request-ID"] == "lb-7f3a.9"
    [record] = request_lines(caplog)
    line = json_line(record)
    assert line["request_id"] == "lb-7f3a.9"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/account/", 200)
    assert line["duration_ms"] >= 0
    assert line["user"] == user_hash(person.pk) and len(line["user"]) == 16
    assert line["level"] == "INFO" and line["logger"] == "portal.requests"
    text = json.dumps(line)
    assert "someone.private" not in text and "Ada" not in text and "Byron" not in text
    assert str(person.pk) != line["user"]


def test_without_a_usable_request_id_one_is_made(client, caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    first = client.get("/healthz")
    second = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith a newline")
    ids = [first["X-Request-ID"], second["X-Request-ID"]]
    assert all(len(i) == 32 for i in ids) and ids[0] != ids[1]
    records = request_lines(caplog)
    assert [r.request_id for r in records] == ids
    assert [json_line(r)["user"] for r in records] == [None, None]


def test_records_written_during_a_request_carry_its_id(client, caplog, settings):
    settings.ROOT_URLCONF = "tests.operations.urls_failing"
    caplog.set_level(logging.INFO)
    from django.test import Client

    response = Client(raise_request_exception=False).get("/fails/", HTTP_X_REQUEST_ID="abc123")
    assert response.status_code == 500
    error = next(r for r in caplog.records if r.name == "django.request")
    assert json_line(error)["request_id"] == "abc123"


def test_a_confirmation_token_is_not_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="portal.requests")
    client.get("/account/confirm/secret-token-value/")
    [record] = request_lines(caplog)
    assert record.path == "/account/confirm/[token]/"
    assert "secret-token-value" not in json.dumps(json_line(record))
