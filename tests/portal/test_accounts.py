import re

import pytest
from django.core import mail
from django.utils import timezone

from portal.models import Membership, Organisation, User, WorkerHeartbeat
from tests import builders


@pytest.mark.django_db
def test_register_confirm_and_sign_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the email goes after the commit
        response = client.post(
            "/account/register/",
            {
                "first_name": "Pat",
                "last_name": "Provider",
                "email": "Pat@Example.org",
                "password": builders.PASSWORD,
            },
        )
    assert response.status_code == 200 and "Check your email" in response.content.decode()
    user = User.objects.get(email="pat@example.org")
    assert not user.email_confirmed

    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(
            "/account/sign-in/", {"email": "pat@example.org", "password": builders.PASSWORD}
        )
    assert "Confirm your email address first" in refused.content.decode()
    assert len(mail.outbox) == 2  # a fresh link, sent to whoever knows the password

    link = re.search(r"http://testserver(/account/confirm/\S+/)", mail.outbox[0].body).group(1)
    assert not User.objects.get(pk=user.pk).email_confirmed  # opening the link: a button only
    assert "Confirm email address</button>" in client.get(link).content.decode()
    assert not User.objects.get(pk=user.pk).email_confirmed
    confirmed = client.post(link)
    assert confirmed.status_code == 302 and confirmed["Location"] == "/account/sign-in/"
    user.refresh_from_db()
    assert user.email_confirmed
    assert client.get("/account/").status_code == 302  # confirming signs nobody in

    response = client.post(
        "/account/sign-in/", {"email": "PAT@example.org", "password": builders.PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200


@pytest.mark.django_db
def test_registration_errors_are_summarised_and_answers_kept(client):
    builders.user("taken@example.org")
    response = client.post(
        "/account/register/",
        {"first_name": "Pat", "last_name": "", "email": "taken@example.org", "password": "short"},
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_last_name"' in html
    assert "already" not in html  # the form never says who has an account
    assert "too short" in html
    assert 'value="Pat"' in html


@pytest.mark.django_db
def test_tampered_confirmation_link_is_refused(client):
    response = client.get("/account/confirm/not-a-token/")
    assert response.status_code == 400 and "did not work" in response.content.decode()


@pytest.mark.django_db
def test_sign_in_does_not_redirect_offsite(client):
    builders.user("a@example.org")
    response = client.post(
        "/account/sign-in/",
        {"email": "a@example.org", "password": builders.PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/tasks/"


@pytest.mark.django_db
def test_create_and_join_an_organisation(client, trafford):
    founder = builders.user()
    client.force_login(founder)
    bad = client.post(
        "/account/organisations/new/",
        {"name": "Staff Mutual", "body_type": "employee_group", "charity_number": "12"},
    )
    html = bad.content.decode()
    assert "charity number" in html and "Choose the authority that employs the group" in html
    response = client.post(
        "/account/organisations/new/",
        {
            "name": "Staff Mutual",
            "body_type": "employee_group",
            "employer": trafford.pk,
            "employee_count": "6",
            "charity_number": "sc012345",
        },
    )
    organisation = Organisation.objects.get(name="Staff Mutual")
    assert response["Location"] == f"/account/organisations/{organisation.slug}/"
    assert organisation.charity_number == "SC012345"
    assert Membership.objects.get(user=founder, organisation=organisation).role == Membership.ADMIN

    joiner = builders.user()
    client.force_login(joiner)
    client.post("/account/organisations/join/", {"organisation": organisation.pk})
    again = client.post("/account/organisations/join/", {"organisation": organisation.pk})
    assert "already asked" in again.content.decode()
    membership = Membership.objects.get(user=joiner)
    assert not membership.approved
    assert client.get(f"/account/organisations/{organisation.slug}/").status_code == 404
    assert (
        client.post(f"/account/memberships/{membership.pk}/", {"decision": "approve"}).status_code
        == 404
    )

    client.force_login(founder)
    client.post(f"/account/memberships/{membership.pk}/", {"decision": "approve"})
    membership.refresh_from_db()
    assert membership.approved


@pytest.mark.django_db
def test_the_employer_is_asked_only_of_a_group_of_employees(client, trafford):
    """Issue 19: the employer and the group's size are revealed under "Two or more employees"
    (GOV.UK conditional radios), with no "(optional)", no dashes, and only authorities that can
    be challenged (not the City of London, s.81(2))."""
    builders.authority("LND", name="City of London Corporation", nice_name="City of London")
    client.force_login(builders.user())
    html = client.get("/account/organisations/new/").content.decode()
    revealed = html.split('id="conditional-employee-group"')[1].split("</fieldset>")[0]
    assert 'name="employer"' in revealed and 'name="employee_count"' in revealed
    assert 'data-aria-controls="conditional-employee-group"' in html
    assert "(optional)" not in revealed and "---------" not in html
    assert "Trafford" in revealed and "City of London" not in revealed
    assert '<option value="" selected>Select the authority</option>' in revealed


@pytest.mark.django_db
def test_forms_need_csrf(trafford):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(builders.user())
    assert strict.post("/account/organisations/new/", {"name": "X"}).status_code == 403


@pytest.mark.django_db
def test_readyz_reports_the_database(client):
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="h", pid=1, started_at=now, last_seen=now
    )
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["components"]["database"]["status"] == "ok"
    assert body["components"]["database"]["backend"] == "postgresql"


def test_every_missing_field_gets_the_govuk_message():
    from accounts.forms import RegistrationForm

    form = RegistrationForm(data={})
    assert not form.is_valid()
    assert form.errors["first_name"] == ["Enter your first name"]
    assert form.errors["last_name"] == ["Enter your last name"]
    assert form.errors["email"] == ["Enter your email address"]
    assert form.errors["password"] == ["Enter a password"]
    assert "govuk-input--error" in form.fields["email"].widget.attrs["class"]
    assert form.fields["email"].widget.attrs["aria-invalid"] == "true"


@pytest.mark.django_db
def test_an_empty_post_to_sign_in_or_register_shows_the_error_summary(client):
    for url in ("/account/sign-in/", "/account/register/"):
        html = client.post(url, {}).content.decode()
        assert "govuk-error-summary" in html, url
