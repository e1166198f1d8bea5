"""The suite's shared demo (tests/shared_data.py) for a module's own set-up, with one signed-in
client per role (roles named as the authorisation matrix and the malformed-input sweep use them).
A module that uses it marks its tests with `DEMO_READERS`."""

from contextlib import contextmanager

from django.test import Client

from portal.models import User
from tests.shared_data import DEMO_READERS, shared_demo

__all__ = ["DEMO_READERS", "ROLE_ACCOUNTS", "clients_by_role", "demo_data"]

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
    """The shared demo (tests/shared_data.py) for a module's set-up, rolled back after it."""
    with django_db_blocker.unblock(), shared_demo():
        yield


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
