"""Keeping people's place: a new provider who starts a challenge goes through creating an
account, confirming the address, signing in and registering an organisation, and lands back on
the challenge they started. Registration reveals nothing about who has an account."""

import re
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client

from messaging.models import OutboxMessage
from portal.models import User
from tests import builders

NEW_PERSON = {"first_name": "Pat", "last_name": "Provider", "password": builders.PASSWORD}


def register(client, email, next_url, capture):
    with capture(execute=True):
        return client.post("/account/register/", {**NEW_PERSON, "email": email, "next": next_url})


def emailed_link(pattern: str) -> str:
    return re.search(rf"http://testserver({pattern})", mail.outbox[-1].body).group(1)


@pytest.mark.django_db
def test_create_an_account_carries_next_back_to_the_challenge(
    client, trafford, django_capture_on_commit_callbacks
):
    service = builders.service(trafford, "Youth clubs")
    start = f"/challenges/new/?service={service.pk}"

    to_sign_in = client.get(start)
    assert to_sign_in.status_code == 302
    sign_in_page = client.get(to_sign_in["Location"]).content.decode()
    assert f'href="/account/register/?next={quote(start)}"' in sign_in_page

    form = client.get(f"/account/register/?next={quote(start, safe='')}").content.decode()
    assert f'name="next" value="{start.replace("&", "&amp;")}"' in form
    assert register(client, "pat@example.org", start, django_capture_on_commit_callbacks)
    confirmed = client.post(emailed_link(r"/account/confirm/\S+/"))
    assert confirmed["Location"] == f"/account/sign-in/?next={quote(start, safe='')}"

    signed_in = client.post(
        confirmed["Location"],
        {"email": "pat@example.org", "password": builders.PASSWORD, "next": start},
    )
    assert signed_in["Location"] == start
    needs_organisation = client.get(start).content.decode()
    organisation_link = f"/account/organisations/new/?next={quote(start)}"
    assert organisation_link in needs_organisation

    created = client.post(
        organisation_link,
        {"name": "Pat's Youth Trust", "body_type": "charitable_trust", "next": start},
    )
    assert created["Location"] == start
    assert "Which organisation is making the challenge?" in client.get(start).content.decode()


@pytest.mark.django_db
def test_next_to_another_site_is_dropped_on_the_way(client, django_capture_on_commit_callbacks):
    register(client, "sam@example.org", "https://evil.example/", django_capture_on_commit_callbacks)
    confirmed = client.post(emailed_link(r"/account/confirm/\S+/"))
    assert confirmed["Location"] == "/account/sign-in/"
    person = builders.user()
    client.force_login(person)
    created = client.post(
        "/account/organisations/new/?next=//evil.example/",
        {"name": "Sam's Trust", "body_type": "charitable_trust", "next": "//evil.example/"},
    )
    assert created["Location"].startswith("/account/organisations/")


@pytest.mark.django_db
def test_registering_a_known_address_looks_the_same_and_tells_its_owner(
    django_capture_on_commit_callbacks,
):
    owner = builders.user("owner@example.org")
    fresh = register(Client(), "new@example.org", "", django_capture_on_commit_callbacks)
    known = register(Client(), "Owner@Example.org", "", django_capture_on_commit_callbacks)

    def page(response):
        html = response.content.decode().replace("new@example.org", "X")
        return re.sub(r'nonce="[^"]*"', "", html.replace("owner@example.org", "X"))

    assert known.status_code == fresh.status_code == 200
    assert page(known) == page(fresh)  # nothing tells the two apart
    assert User.objects.filter(email__iexact="owner@example.org").count() == 1
    told = OutboxMessage.objects.get(kind="account_exists")
    assert told.recipient == owner.email
    assert "/account/password-reset/" in told.body and "/account/sign-in/" in told.body


@pytest.mark.django_db
def test_staff_land_on_their_tasks_and_providers_on_their_account(trafford):
    from tests import otp

    officer = builders.staff("officer", trafford)
    device = otp.device_for(officer)
    client = Client()
    first = client.post(
        "/account/sign-in/", {"email": officer.email, "password": builders.PASSWORD}
    )
    assert first["Location"] == f"/account/two-factor/?next={quote('/tasks/', safe='')}"
    second = client.post(first["Location"], {"code": otp.next_code(device)})
    assert second["Location"] == "/tasks/"

    chosen = Client().post(
        "/account/sign-in/",
        {"email": officer.email, "password": builders.PASSWORD, "next": "/casework/"},
    )
    assert chosen["Location"] == f"/account/two-factor/?next={quote('/casework/', safe='')}"

    person, _ = builders.provider()
    provider = Client().post(
        "/account/sign-in/", {"email": person.email, "password": builders.PASSWORD}
    )
    assert provider["Location"] == "/tasks/"  # everyone starts from their tasks


@pytest.mark.django_db
def test_name_email_and_password_fields_say_what_they_are_for(client):
    register_page = client.get("/account/register/").content.decode()
    for name, purpose in [
        ("first_name", "given-name"),
        ("last_name", "family-name"),
        ("email", "email"),
        ("password", "new-password"),
    ]:
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', register_page).group(0)
        assert f'autocomplete="{purpose}"' in tag, tag
    sign_in_page = client.get("/account/sign-in/").content.decode()
    assert re.search(r'<input[^>]*autocomplete="current-password"', sign_in_page)
    assert re.search(r'<input[^>]*type="email"[^>]*autocomplete="email"', sign_in_page) or (
        re.search(r'<input[^>]*autocomplete="email"[^>]*type="email"', sign_in_page)
    )
    reset = client.get("/account/password-reset/").content.decode()
    assert 'autocomplete="email"' in reset
