"""Rate limits on registering, password reset links, new confirmation links and feedback
(accounts/rate_limits.py): per email address and per network address, counted in the shared
cache (the database table), with a GOV.UK page, 429 and Retry-After."""

import logging
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone

from messaging.models import OutboxMessage
from portal.models import User
from tests import builders

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _still_clock():
    """Django-ratelimit counts in fixed windows: a still clock keeps a test inside one."""
    with time_machine.travel(NOW, tick=False):
        yield


def register(email: str, ip: str = "192.0.2.1", client=None):
    client = client or Client(REMOTE_ADDR=ip)
    data = {
        "first_name": "Pat",
        "last_name": "Provider",
        "email": email,
        "password": builders.PASSWORD,
    }
    return client.post("/account/register/", data)


def reset(email: str, ip: str = "192.0.2.1"):
    return Client(REMOTE_ADDR=ip).post("/account/password-reset/", {"email": email})


def sign_in(email: str, ip: str = "192.0.2.1"):
    data = {"email": email, "password": builders.PASSWORD}
    return Client(REMOTE_ADDR=ip).post("/account/sign-in/", data)


def codes(responses) -> list[int]:
    return [response.status_code for response in responses]


def test_registering_is_limited_per_network_address(settings):
    settings.FORMS_PER_NETWORK_ADDRESS = 3
    answers = codes(register(f"pat{n}@example.org") for n in range(4))
    assert answers == [200, 200, 200, 429]
    assert OutboxMessage.objects.filter(kind="confirm_email").count() == 3
    assert register("pat9@example.org", ip="192.0.2.2").status_code == 200


def test_registering_is_limited_per_email_address(settings):
    settings.ACCOUNT_EMAILS_PER_ADDRESS = 2
    answers = codes(
        register(email, ip=f"192.0.2.{n}")
        for n, email in enumerate(["pat@example.org", "PAT@example.org ", "Pat@Example.org"], 1)
    )
    assert answers == [200, 200, 429]  # the second told the first's owner: account_exists
    assert OutboxMessage.objects.filter(recipient="pat@example.org").count() == 2
    assert register("sam@example.org", ip="192.0.2.9").status_code == 200


def test_password_reset_is_limited_per_network_address_and_per_email_address(settings):
    builders.user("pat@example.org")
    settings.FORMS_PER_NETWORK_ADDRESS = 2
    settings.ACCOUNT_EMAILS_PER_ADDRESS = 3
    assert codes(reset(f"x{n}@example.org") for n in range(3)) == [200, 200, 429]
    answers = codes(reset("pat@example.org", ip=f"198.51.100.{n}") for n in range(4))
    assert answers == [200, 200, 200, 429]
    assert OutboxMessage.objects.filter(kind="password_reset").count() == 3


def test_the_account_forms_share_one_count_per_email_address(settings):
    """One inbox gets at most ACCOUNT_EMAILS_PER_ADDRESS of these emails, whichever form."""
    settings.ACCOUNT_EMAILS_PER_ADDRESS = 2
    assert register("pat@example.org", ip="192.0.2.1").status_code == 200
    assert reset("pat@example.org", ip="192.0.2.2").status_code == 200
    assert reset("pat@example.org", ip="192.0.2.3").status_code == 429


def test_new_confirmation_links_are_limited(settings):
    for email in ("pat@example.org", "sam@example.org"):
        builders.user(email)
    User.objects.update(email_confirmed=False)
    settings.FORMS_PER_NETWORK_ADDRESS = 2
    answers = codes(sign_in("sam@example.org") for _ in range(3))
    assert answers == [200, 200, 429]
    settings.ACCOUNT_EMAILS_PER_ADDRESS = 2
    answers = codes(sign_in("pat@example.org", ip=f"198.51.100.{n}") for n in range(3))
    assert answers == [200, 200, 429]
    assert OutboxMessage.objects.filter(kind="confirm_email").count() == 4


def test_the_page_is_govuk_with_retry_after_and_says_when(settings):
    settings.FORMS_PER_NETWORK_ADDRESS = 1
    register("pat@example.org")
    refused = register("sam@example.org")
    html = refused.content.decode()
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 1 <= wait <= 3600  # the window: RATE_LIMIT_WINDOW_MINUTES, 60
    assert "<title>Too many attempts – " in html
    assert '<h1 class="govuk-heading-l">Too many attempts</h1>' in html
    assert "govuk-template" in html and "govuk-main-wrapper" in html and "govuk-footer" in html
    assert "You have tried to create an account too many times." in html
    at = timezone.localtime(NOW + timedelta(seconds=wait))
    minutes = -(-wait // 60)
    said = f"Try again after <strong>{at:%-I:%M} {at:%p}".replace("AM", "a.m.").replace(
        "PM", "p.m."
    )
    assert said in html and f"(in {minutes} minute" in html
    assert "Traceback" not in html and "pat@example.org" not in html


def test_the_window_is_a_setting(settings):
    settings.FORMS_PER_NETWORK_ADDRESS = 1
    settings.RATE_LIMIT_WINDOW_MINUTES = 2
    register("pat@example.org")
    refused = register("sam@example.org")
    assert 1 <= int(refused["Retry-After"]) <= 120
    with time_machine.travel(NOW + timedelta(minutes=2), tick=False):
        assert register("kim@example.org").status_code == 200


def test_the_log_names_the_form_and_the_limit_and_no_address(settings, caplog):
    settings.ACCOUNT_EMAILS_PER_ADDRESS = 1
    register("pat@example.org", ip="203.0.113.7")
    with caplog.at_level(logging.INFO):
        register("pat@example.org", ip="203.0.113.8")
    assert "Rate limit reached on register, per email address" in caplog.text
    assert "pat@example.org" not in caplog.text and "203.0.113" not in caplog.text


def test_feedback_is_limited_per_network_address(settings):
    settings.FEEDBACK_PER_NETWORK_ADDRESS = 2
    client = Client(REMOTE_ADDR="192.0.2.5")
    answers = codes(client.post("/feedback/", {"rating": "satisfied"}) for _ in range(3))
    assert answers == [200, 200, 429]
    assert (
        "You have tried to send feedback too many times."
        in client.post("/feedback/", {"rating": "satisfied"}).content.decode()
    )


def test_the_network_address_is_the_one_the_sign_in_lockout_reads(settings):
    """Behind TRUSTED_PROXY_COUNT proxies, the X-Forwarded-For entry; never the header alone."""
    settings.FORMS_PER_NETWORK_ADDRESS = 1
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    assert reset("a@example.org", ip=proxy).status_code == 200  # no header: the proxy itself
    behind = [
        Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").post(
            "/account/password-reset/", {"email": f"b{n}@example.org"}
        )
        for n in (1, 2, 1)
    ]
    assert codes(behind) == [200, 200, 429]


def test_two_clients_share_the_count_through_the_database_table(settings):
    """Two clients (each with its own session) from one address share one count, which lives
    in the shared cache's table, not in a process's memory."""
    settings.FORMS_PER_NETWORK_ADDRESS = 2
    first, second = Client(REMOTE_ADDR="192.0.2.7"), Client(REMOTE_ADDR="192.0.2.7")
    assert register("a@example.org", client=first).status_code == 200
    assert register("b@example.org", client=second).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM portal_shared_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert len([key for key in keys if re.search(r":ratelimit:[0-9a-f]{64}$", key)]) == 3
    assert register("c@example.org", client=first).status_code == 429
    assert register("d@example.org", client=second).status_code == 429
