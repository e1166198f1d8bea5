""" "Tell me when this service opens for challenges": one email when a window (s.82) for the
service, or for all of its authority's services, opens; never twice; nothing for a window that
was already open when the alert started."""

from datetime import timedelta

from django.utils import timezone

from alerts.models import Subscription
from portal.models import ChallengeWindow
from tests import builders

from .conftest import emails, path_of, send_alerts


def subscribe(client, service, scope="service", email="watcher@example.org", frequency="instant"):
    person = builders.user(email)
    client.force_login(person)
    answer = client.post(
        f"/alerts/service/{service.pk}/",
        {"scope": scope, "email": email, "frequency": frequency},
    )
    client.logout()
    assert b"Your alert is set up" in answer.content
    return Subscription.objects.get(email=email)


def test_the_service_page_offers_the_alert(db, world, client):
    page = client.get(world.service.url)
    assert b"Tell me when this service opens for challenges" in page.content
    form = client.get(f"/alerts/service/{world.service.pk}/")
    assert form.status_code == 200
    assert f"Any {world.authority.nice_name} service".encode() in form.content
    assert client.get("/alerts/service/999999/").status_code == 404


def test_a_window_opening_is_emailed_once(db, world, client, committed):
    today = timezone.localdate()
    library = builders.service(world.authority, "Community libraries")
    own = subscribe(client, world.service, "service", "own@example.org")
    whole = subscribe(client, world.service, "authority", "whole@example.org")
    # The window open today (from the world fixture) was already open: not news.
    send_alerts()
    assert emails("window_open_alert") == []

    coming = ChallengeWindow.objects.create(
        authority=world.authority,
        service=world.service,
        opens_on=today + timedelta(days=3),
        closes_on=today + timedelta(days=40),
    )
    other = ChallengeWindow.objects.create(
        authority=world.authority,
        service=library,
        opens_on=today + timedelta(days=3),
        closes_on=today + timedelta(days=40),
    )
    send_alerts()
    assert emails("window_open_alert") == []  # not open yet

    # The day comes.
    ChallengeWindow.objects.filter(pk__in=[coming.pk, other.pk]).update(opens_on=today)
    committed(send_alerts)
    (to_own,) = emails("window_open_alert", own.email)
    assert world.service.title in to_own.body
    assert to_own.personalisation["service_url"].endswith(world.service.url)
    to_whole = emails("window_open_alert", whole.email)
    assert sorted(m.personalisation["scope"] for m in to_whole) == sorted(
        [world.service.title, library.title]
    )
    unsubscribe = to_own.personalisation["unsubscribe_url"]
    assert unsubscribe in to_own.body

    committed(send_alerts)
    committed(send_alerts, "--daily")
    assert len(emails("window_open_alert")) == 3

    # RFC 8058: the mail client's one-click POST, with no session and no CSRF token.
    from django.test import Client

    one_click = Client(enforce_csrf_checks=True).post(
        path_of(unsubscribe), {"List-Unsubscribe": "One-Click"}
    )
    assert one_click.status_code == 200
    assert not Subscription.objects.filter(pk=own.pk).exists()


def test_a_daily_window_alert_waits_for_the_daily_run(db, world, client):
    today = timezone.localdate()
    daily = subscribe(client, world.service, frequency="daily")
    ChallengeWindow.objects.create(
        authority=world.authority, service=None, opens_on=today, closes_on=today
    )
    send_alerts()
    assert emails("window_open_alert") == []
    send_alerts("--daily")
    (message,) = emails("window_open_alert", daily.email)
    assert message.personalisation["scope"] == f"all {world.authority.nice_name} services"
