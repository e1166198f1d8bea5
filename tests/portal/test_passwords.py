"""Issue 23, item 5: password strength by zxcvbn on top of the length rule and Django's lists, a
deny list of every password printed in the README or docs, and a weak password changed at the
next sign-in (the seeded demo accounts keep the README's, under the demo and test settings)."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import get_default_password_validators
from django.core.exceptions import ValidationError
from django.test import Client

from accounts import password_change
from accounts.passwords import PUBLISHED_PASSWORDS
from portal.models import AuditEvent, User
from tests import builders

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def refused_by(password, user=None) -> list[str]:
    """The validators (AUTH_PASSWORD_VALIDATORS) that refuse the password."""
    refusing = []
    for validator in get_default_password_validators():
        try:
            validator.validate(password, user)
        except ValidationError:
            refusing.append(type(validator).__name__)
    return refusing


@pytest.mark.parametrize(
    ("password", "codes"),
    [
        ("aaaaaaaaaaaa", ["StrengthValidator"]),  # twelve repeated letters
        ("qwertyuiopas", ["StrengthValidator"]),  # a keyboard row
        ("Trafford2026!", ["StrengthValidator"]),  # an authority's name and a year
        ("Manchester2026", ["StrengthValidator"]),
        ("kettle-orbit-lantern", ["PublishedPasswordsValidator"]),  # the README's demo password
        ("amber-kettle-orbit-71", []),
        ("a long and unusual passphrase 7", []),
    ],
)
def test_what_the_rules_refuse(trafford, manchester, password, codes):
    assert refused_by(password, User(email="wes@example.org")) == codes


def _printed_passwords() -> set[str]:
    """Code spans that follow the word "password" in README.md and docs/: `password `x``."""
    found = set()
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for span in re.findall(r"password[^`|\n]{0,40}`([^`]+)`", path.read_text(), re.I):
            if re.fullmatch(r"[^\s/]{8,}", span) and re.search(r"[a-z]", span):
                found.add(span)
    return found


def test_every_password_printed_in_the_docs_is_on_the_deny_list():
    assert _printed_passwords() == {"kettle-orbit-lantern"}
    assert _printed_passwords() <= PUBLISHED_PASSWORDS


def sign_in(client, email, password):
    return client.post("/account/sign-in/", {"email": email, "password": password})


def test_a_weak_password_is_changed_at_the_next_sign_in(client):
    person = builders.user("old@example.org")
    person.set_password("aaaaaaaaaaaa")  # set before the rules, as an old account's was
    person.save()
    assert sign_in(client, "old@example.org", "aaaaaaaaaaaa")["Location"] == "/tasks/"
    asked = client.get("/tasks/")
    assert asked.status_code == 302
    assert asked["Location"] == "/account/password/?next=%2Ftasks%2F"
    page = client.get(asked["Location"]).content.decode()
    assert "Choose a stronger password" in page
    refused = client.post(
        "/account/password/", {"new_password1": "qwertyuiopas", "new_password2": "qwertyuiopas"}
    )
    assert refused.status_code == 200
    changed = client.post(
        "/account/password/",
        {
            "new_password1": "amber-kettle-orbit-72",
            "new_password2": "amber-kettle-orbit-72",
            "next": "/tasks/",
        },  # fmt: skip
    )
    assert changed["Location"] == "/tasks/"
    assert client.get("/tasks/").status_code == 200
    assert User.objects.get(pk=person.pk).check_password("amber-kettle-orbit-72")
    event = AuditEvent.objects.get(transition="change_weak_password")
    assert (event.object_id, event.actor_id) == (str(person.pk), person.pk)


def test_a_strong_password_is_not_asked_again(client):
    builders.user("fine@example.org")
    sign_in(client, "fine@example.org", builders.PASSWORD)
    assert client.get("/tasks/").status_code == 200
    assert client.get("/account/password/")["Location"] == "/tasks/"


def test_the_seeded_demo_accounts_keep_the_readme_password_only_in_the_demo(settings):
    demo = builders.user("provider@demo.invalid")
    demo.set_password("kettle-orbit-lantern")
    demo.save()
    kept = Client()
    sign_in(kept, "provider@demo.invalid", "kettle-orbit-lantern")
    assert kept.get("/tasks/").status_code == 200
    assert password_change.exempt(demo) is True

    settings.DEMO_ACCOUNTS_KEEP_PASSWORD = False  # production's setting
    asked = Client()
    sign_in(asked, "provider@demo.invalid", "kettle-orbit-lantern")
    assert asked.get("/tasks/")["Location"] == "/account/password/?next=%2Ftasks%2F"
