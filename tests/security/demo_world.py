"""The demo's data, built once per test module and rolled back after it, with one signed-in
client per role (roles named as the authorisation matrix and the malformed-input sweep use them)."""

from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.test import Client
from wagtail.models import Site

from portal.models import User

# role → the demo account that plays it ("" is anonymous)
ROLE_ACCOUNTS = {
    "anonymous": "",
    "provider": "provider@demo.invalid",  # admin of Riverside Youth Trust and Greenway
    "other_provider": "parish@demo.invalid",  # Millbrook Parish Council only
    "officer": "officer.trafford@demo.invalid",
    "decision_maker": "decider.trafford@demo.invalid",
    "authority_admin": "admin.trafford@demo.invalid",
    "other_authority_staff": "decider.manchester@demo.invalid",
    "nhs_partner": "nhs.partner@demo.invalid",
    "site_admin": "siteadmin@demo.invalid",
}


@contextmanager
def demo_data(django_db_blocker):
    """Seed the demo inside a transaction that is rolled back when the block ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        try:
            yield
        finally:
            transaction.set_rollback(True)
            Site.clear_site_root_paths_cache()


def clients_by_role() -> dict[str, tuple[User | None, Client]]:
    """A client per role that answers errors as responses (as production does), signed in."""
    made = {}
    for role, email in ROLE_ACCOUNTS.items():
        client = Client(raise_request_exception=False)
        user = User.objects.get(email=email) if email else None
        if user:
            client.force_login(user)
        made[role] = (user, client)
    return made
