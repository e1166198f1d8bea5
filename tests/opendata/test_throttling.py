"""/api/v1/ is throttled per network address with django-ninja's throttle, in the shared
cache: 429 and Retry-After over API_REQUESTS_PER_MINUTE."""

import pytest
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_api_answers_429_with_retry_after_over_the_limit(settings):
    settings.API_REQUESTS_PER_MINUTE = 3
    client = Client(REMOTE_ADDR="192.0.2.1")
    answers = [client.get("/api/v1/authorities").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = client.get("/api/v1/authorities")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json() == {"detail": "Too many requests."}
    assert Client(REMOTE_ADDR="192.0.2.2").get("/api/v1/authorities").status_code == 200


def test_two_clients_share_the_count_through_the_database_table(settings):
    settings.API_REQUESTS_PER_MINUTE = 2
    first, second = Client(REMOTE_ADDR="192.0.2.3"), Client(REMOTE_ADDR="192.0.2.3")
    assert first.get("/api/v1/authorities").status_code == 200
    assert second.get("/api/v1/authorities").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM portal_shared_cache WHERE cache_key LIKE %s", ["%api-throttle:%"]
        )
        assert cursor.fetchone()[0] == 1
    assert first.get("/api/v1/authorities").status_code == 429


def test_retry_after_is_given_when_the_limit_is_lowered(settings):
    """The history is then longer than the limit (ninja's own wait() would give no header)."""
    client = Client(REMOTE_ADDR="192.0.2.4")
    settings.API_REQUESTS_PER_MINUTE = 4
    assert [client.get("/api/v1/authorities").status_code for _ in range(4)] == [200] * 4
    settings.API_REQUESTS_PER_MINUTE = 2
    refused = client.get("/api/v1/authorities")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
