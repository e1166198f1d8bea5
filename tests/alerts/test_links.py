"""Confirmation and unsubscribe links: a bad, forged, expired or reused link gives a clear page
(400), never a 500, and changes nothing."""

import time

import pytest
from django.core import signing

from alerts import links, tokens
from alerts.models import Subscription
from tests import builders

from .conftest import path_of


@pytest.fixture
def pending(db, world):
    return Subscription.objects.create(
        kind=Subscription.Kind.WINDOW,
        email="someone@example.org",
        authority=world.authority,
        service=world.service,
        confirmation_sent_at=None,
    )


class OldSigner(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - tokens.CONFIRM_MAX_AGE - 60)


@pytest.mark.parametrize("kind", ["confirm", "unsubscribe"])
@pytest.mark.parametrize(
    "token",
    ["nonsense", "", "a" * 300, "eyJ4IjoxfQ:1tXYZ:forged-signature-here", "%00%ff"],
)
def test_bad_links_give_a_clear_page(client, pending, kind, token):
    response = client.get(f"/alerts/{kind}/{token}/") if token else client.get(f"/alerts/{kind}/")
    assert response.status_code in (400, 404)
    if response.status_code == 400:  # the link's own page, or the styled page for an address
        # that cannot be read at all (a NUL character: refused before any view)
        clear = (b"The link did not work", b"There is a problem with this address")
        assert any(text in response.content for text in clear)
    pending.refresh_from_db()
    assert not pending.active


def test_a_link_signed_with_another_key_is_refused(client, pending, settings):
    forged = signing.dumps(str(pending.key), salt=tokens.CONFIRM_SALT, key="not-our-secret")
    response = client.get(f"/alerts/confirm/{forged}/")
    assert response.status_code == 400 and b"The link did not work" in response.content
    response = client.post(f"/alerts/unsubscribe/{forged}/")
    assert response.status_code == 400
    assert Subscription.objects.filter(pk=pending.pk).exists()


def test_a_confirmation_link_cannot_unsubscribe_and_the_reverse(client, pending):
    confirm = tokens.confirm_token(pending)
    unsubscribe = tokens.unsubscribe_token(pending)
    assert client.post(f"/alerts/unsubscribe/{confirm}/").status_code == 400
    assert client.get(f"/alerts/confirm/{unsubscribe}/").status_code == 400
    assert Subscription.objects.filter(pk=pending.pk, confirmed_at__isnull=True).exists()


def test_an_expired_confirmation_link_says_so(client, pending):
    old = OldSigner(salt=tokens.CONFIRM_SALT).sign_object(str(pending.key))
    response = client.get(f"/alerts/confirm/{old}/")
    assert response.status_code == 400
    assert b"The link has expired" in response.content
    pending.refresh_from_db()
    assert not pending.active


def test_confirming_twice_and_after_unsubscribing(client, pending):
    confirm = path_of(links.confirm_url(pending))
    assert client.post(confirm).status_code == 200
    assert client.post(confirm).status_code == 200  # a second click is harmless
    client.post(path_of(links.unsubscribe_url(pending)))
    gone = client.post(confirm)
    assert gone.status_code == 400 and b"The link did not work" in gone.content


@pytest.mark.parametrize("method", ["get", "head"])
def test_opening_the_confirmation_link_confirms_nothing(client, pending, method):
    """Issue 23: mail scanners fetch links (GET, HEAD); only the page's button (a POST) acts."""
    confirm = path_of(links.confirm_url(pending))
    opened = getattr(client, method)(confirm)
    assert opened.status_code == 200
    if method == "get":
        page = opened.content.decode()
        assert "Confirm your email alert" in page
        assert '<form method="post" novalidate>' in page
        assert "Confirm and start the emails</button>" in page
    pending.refresh_from_db()
    assert not pending.active and pending.confirmed_at is None
    assert b"Your alert is set up" in client.post(confirm).content
    pending.refresh_from_db()
    assert pending.active


def test_pages_never_show_the_address(client, pending):
    for path in (
        path_of(links.confirm_url(pending)),
        path_of(links.unsubscribe_url(pending)),
    ):
        assert b"someone@example.org" not in client.get(path).content


def test_site_admins_see_addresses_only_in_the_wagtail_admin(client, pending):
    admin = builders.user("admin@example.org", is_superuser=True, is_staff=True)
    client.force_login(admin)
    listing = client.get("/admin/alerts/subscription/")
    assert listing.status_code == 200
    assert b"someone@example.org" in listing.content
    officer = builders.staff("officer", pending.authority)
    client.force_login(officer)
    assert b"someone@example.org" not in client.get("/admin/alerts/subscription/").content


def test_the_wagtail_admin_cannot_add_or_edit_an_alert(client, pending):
    admin = builders.user("admin@example.org", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get("/admin/alerts/subscription/new/").status_code in (302, 403)
    edit = client.get(f"/admin/alerts/subscription/edit/{pending.pk}/")
    assert edit.status_code in (302, 403)
    home = client.get("/admin/")
    assert b"1 email alert" not in home.content  # it is pending
    assert b"0 email alerts (1 waiting for confirmation)" in home.content
