"""Saved-search alerts: double opt-in for an address, new decisions found on the active search
backend, one email per new record, a one-click unsubscribe with no sign-in; signed-in people
skip the opt-in; instant and daily alerts run apart."""

import logging

import pytest
from django.test import Client

from alerts.models import SentItem, Subscription
from challenges.models import Challenge
from tests import builders

from .conftest import advance, emails, new_case, path_of, send_alerts

ADDRESS = "Reader.Person@example.net"


def decide(committed, world, case, *steps):
    committed(advance, case, world, *steps)
    return Challenge.objects.get(pk=case.pk)


def test_anonymous_alert_from_opt_in_to_unsubscribe(
    search_backend, world, challenge, committed, client, caplog
):
    caplog.set_level(logging.DEBUG)
    # A decision from before the alert is not news.
    old = decide(committed, world, challenge, "submit", "start_assessment", "reject")

    results = client.get("/search/", {"q": "youth", "kind": "decision"})
    assert b"Get emails about new results" in results.content
    assert b'href="/alerts/search/?q=youth&amp;kind=decision"' in results.content

    form = client.get("/alerts/search/", {"q": "youth", "kind": "decision"})
    assert form.status_code == 200
    assert "‘youth’; Type of record: Challenge decision" in form.content.decode()
    answer = committed(
        client.post,
        "/alerts/search/",
        {"query": "q=youth&kind=decision", "email": ADDRESS, "frequency": "instant"},
    )
    assert answer.status_code == 200
    assert b"Check your email" in answer.content
    assert ADDRESS.encode() not in answer.content
    subscription = Subscription.objects.get()
    assert subscription.query == "q=youth&kind=decision"
    assert not subscription.active

    (confirmation,) = emails("alert_confirm", ADDRESS)
    assert "youth" in confirmation.body
    # Until the address is confirmed nothing is sent.
    newer = new_case(committed, world, "Partington Youth", "start_assessment", "accept")
    send_alerts()
    assert emails("search_alert") == []

    confirmed = client.post(path_of(confirmation.personalisation["confirm_url"]))
    assert confirmed.status_code == 200
    assert b"Your alert is set up" in confirmed.content
    subscription.refresh_from_db()
    assert subscription.active
    # What matched at confirmation is remembered as seen, not sent.
    assert set(SentItem.objects.values_list("item", flat=True)) == {
        f"decision-{old.pk}",
        f"decision-{newer.pk}",
    }

    latest = new_case(committed, world, "Sale West Young People", "start_assessment", "accept")
    committed(send_alerts)
    (alert,) = emails("search_alert", ADDRESS)
    assert latest.reference in alert.body
    assert old.reference not in alert.body and newer.reference not in alert.body
    assert "/decisions/" + latest.reference in alert.body
    unsubscribe_url = alert.personalisation["unsubscribe_url"]
    assert unsubscribe_url in alert.body

    # Running the job again sends nothing twice.
    send_alerts()
    assert len(emails("search_alert")) == 1

    # One click, no sign-in: the link shows a button; the button unsubscribes.
    anonymous = Client(enforce_csrf_checks=True)
    page = anonymous.get(path_of(unsubscribe_url))
    assert page.status_code == 200 and b"Unsubscribe" in page.content
    assert Subscription.objects.exists()
    done = anonymous.post(path_of(unsubscribe_url))
    assert done.status_code == 200 and b"You have unsubscribed" in done.content
    assert not Subscription.objects.exists()
    assert not Subscription.objects.filter(email__iexact=ADDRESS).exists()

    new_case(committed, world, "Stretford Youth CIC", "start_assessment", "accept")
    send_alerts()
    assert len(emails("search_alert")) == 1
    again = anonymous.get(path_of(unsubscribe_url))
    assert again.status_code == 200 and b"already unsubscribed" in again.content

    # The address never reached a log line.
    assert ADDRESS.lower() not in caplog.text.lower()


def test_signed_in_people_with_a_confirmed_address_skip_the_opt_in(db, world, client):
    person = builders.user("member@example.org")
    client.force_login(person)
    form = client.get("/alerts/search/", {"q": "library"})
    assert b'value="member@example.org"' in form.content
    answer = client.post(
        "/alerts/search/", {"query": "q=library", "email": person.email, "frequency": "daily"}
    )
    assert b"Your alert is set up" in answer.content
    subscription = Subscription.objects.get()
    assert subscription.active and subscription.user == person
    assert subscription.frequency == Subscription.Frequency.DAILY
    assert emails("alert_confirm") == []

    # Another address still has to be confirmed.
    client.post(
        "/alerts/search/",
        {"query": "q=library", "email": "other@example.org", "frequency": "daily"},
    )
    assert len(emails("alert_confirm", "other@example.org")) == 1
    assert not Subscription.objects.get(email="other@example.org").active


def test_instant_alerts_run_every_few_minutes_and_daily_ones_once_a_day(
    search_backend, world, committed, client
):
    instant_person = builders.user("instant@example.org")
    daily_person = builders.user("daily@example.org")
    for person, frequency in ((instant_person, "instant"), (daily_person, "daily")):
        client.force_login(person)
        client.post(
            "/alerts/search/",
            {"query": "kind=decision", "email": person.email, "frequency": frequency},
        )
    assert Subscription.objects.filter(confirmed_at__isnull=False).count() == 2

    first = new_case(committed, world, "Partington Youth", "start_assessment", "accept")
    committed(send_alerts)
    assert [m.recipient for m in emails("search_alert")] == ["instant@example.org"]

    second = new_case(committed, world, "Sale West Youth", "start_assessment", "accept")
    committed(send_alerts)
    committed(send_alerts, "--daily")
    instant = emails("search_alert", "instant@example.org")
    (digest,) = emails("search_alert", "daily@example.org")
    assert [second.reference in m.body for m in instant] == [False, True]
    # The digest lists both in one email.
    assert first.reference in digest.body and second.reference in digest.body
    committed(send_alerts, "--daily")
    assert len(emails("search_alert", "daily@example.org")) == 1


def test_confirmation_emails_to_an_address_are_throttled(db, client, committed):
    post = {"query": "q=parks", "email": ADDRESS, "frequency": "instant"}
    first = committed(client.post, "/alerts/search/", post)
    assert b"Check your email" in first.content
    second = client.post("/alerts/search/", {**post, "email": ADDRESS.upper(), "query": "q=pools"})
    assert second.status_code == 200
    assert b"There is a problem" in second.content and b"5 minutes" in second.content
    assert len(emails("alert_confirm")) == 1
    assert Subscription.objects.count() == 1


def test_the_forms_need_their_csrf_token(db, world):
    strict = Client(enforce_csrf_checks=True)
    post = {"query": "q=parks", "email": ADDRESS, "frequency": "instant"}
    assert strict.post("/alerts/search/", post).status_code == 403
    window = {"scope": "service", "email": ADDRESS, "frequency": "instant"}
    assert strict.post(f"/alerts/service/{world.service.pk}/", window).status_code == 403
    assert not Subscription.objects.exists()


def test_the_form_explains_bad_input(db, client):
    answer = client.post("/alerts/search/", {"query": "q=parks", "email": "not-an-address"})
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "There is a problem" in text and "Select how often" in text
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("raw", ["q=youth&page=3&sort=date&format=csv&kind=decision&kind=service"])
def test_the_saved_search_is_normalised(db, client, raw):
    client.post("/alerts/search/", {"query": raw, "email": ADDRESS, "frequency": "instant"})
    assert Subscription.objects.get().query == "q=youth&kind=decision&kind=service"


def test_change_the_search_goes_back_to_the_same_search(db, client):
    """Issue 19: "Change the search" must keep the query, before and after a refused form."""
    link = 'href="/search/?q=youth&amp;kind=decision">Change the search</a>'
    assert link in client.get("/alerts/search/?q=youth&kind=decision&page=2").content.decode()
    refused = client.post("/alerts/search/", {"query": "q=youth&kind=decision", "email": "x"})
    assert link in refused.content.decode()
