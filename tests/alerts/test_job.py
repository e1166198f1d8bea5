"""The send_alerts job under stress: two workers at once send an alert once; a search engine
that is down fails the run (exit 1) and loses nothing; SMTP carries RFC 8058 headers."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from alerts import links, sending, subscribing
from alerts.models import SentItem, Subscription
from portal.models import ChallengeWindow
from tests import builders

from .conftest import emails, path_of


def window_alert(world, email="watcher@example.org", frequency="instant"):
    person = builders.user(email)
    return subscribing.subscribe(
        person,
        email,
        kind=Subscription.Kind.WINDOW,
        authority=world.authority,
        service=world.service,
        frequency=frequency,
    )


def open_new_window(world):
    today = timezone.localdate()
    return ChallengeWindow.objects.create(
        authority=world.authority, service=world.service, opens_on=today, closes_on=today
    )


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_an_alert_once(world):
    subscription = window_alert(world)
    open_new_window(world)
    barrier = threading.Barrier(2)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(sending.send_alerts())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(emails("window_open_alert", subscription.email)) == 1
    assert sum(r["failed"] for r in results) == 0
    assert SentItem.objects.filter(subscription=subscription, emailed=True).count() == 1


def test_a_search_engine_that_is_down_fails_the_run_and_loses_nothing(
    search_backend, world, settings, client
):
    person = builders.user("reader@example.org")
    subscription = subscribing.subscribe(
        person, person.email, kind=Subscription.Kind.SEARCH, query="kind=decision"
    )
    ran_at = subscription.last_run_at
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    with pytest.raises(SystemExit) as exit_code:
        call_command("send_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert exit_code.value.code == 1
    subscription.refresh_from_db()
    assert subscription.last_run_at == ran_at
    assert emails("search_alert") == []
    # The feed says search is unavailable rather than failing.
    feed = client.get("/feeds/search/", {"q": "youth"})
    assert feed.status_code == 503 and b"not available" in feed.content


def test_signed_in_people_with_an_unconfirmed_address_confirm_it_first(db, world, client):
    person = builders.user("new@example.org")
    person.email_confirmed = False
    person.save()
    client.force_login(person)
    form = client.get(f"/alerts/service/{world.service.pk}/")
    assert b"new@example.org" not in form.content  # not prefilled: it is not confirmed
    answer = client.post(
        f"/alerts/service/{world.service.pk}/",
        {"scope": "service", "email": person.email, "frequency": "instant"},
    )
    assert b"Check your email" in answer.content
    assert not Subscription.objects.get().active
    assert len(emails("alert_confirm", person.email)) == 1


def test_smtp_alerts_carry_one_click_unsubscribe_headers(world, committed):
    subscription = window_alert(world)
    open_new_window(world)
    mail.outbox.clear()
    committed(sending.send_alerts)
    (message,) = [m for m in mail.outbox if m.to == [subscription.email]]
    url = links.unsubscribe_url(subscription)
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body
    assert path_of(url).startswith("/alerts/unsubscribe/")


def test_a_window_that_opened_and_closed_between_runs_is_still_told(world):
    subscription = window_alert(world, frequency="daily")
    yesterday = timezone.localdate() - timedelta(days=1)
    Subscription.objects.filter(pk=subscription.pk).update(
        last_run_at=timezone.now() - timedelta(days=2)
    )
    ChallengeWindow.objects.create(
        authority=world.authority, service=world.service, opens_on=yesterday, closes_on=yesterday
    )
    sending.send_alerts(Subscription.Frequency.DAILY)
    assert len(emails("window_open_alert", subscription.email)) == 1
