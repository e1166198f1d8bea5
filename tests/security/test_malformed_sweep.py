"""The malformed-input sweep (issue 10, item 7): every URL pattern the resolver knows, each path
parameter and each view's GET parameter given negative, zero, beyond-64-bit, 10,000-character,
NUL, non-UTF-8, unicode and repeated values, as anonymous and as signed-in roles, on the demo's
data with DEBUG off, as every role the authorisation matrix knows. No answer may be a 500."""

import pytest
from django.urls import reverse

from portal.models import ServiceDirectoryPage
from tests.security.demo_world import ROLE_ACCOUNTS, clients_by_role, demo_data
from tests.security.url_walk import admin_routes, routes

# Already percent-encoded, as they travel in a path or a query string.
MALFORMED = [
    "-1",
    "0",
    str(2**64 + 1),
    "9" * 10_000,
    "a" * 10_000,
    "%00",
    "a%00b",
    "%ff",
    "%C3%28",  # an invalid two-byte UTF-8 sequence
    "%C3%A9t%C3%A9",  # "été"
    "%EF%BC%91%EF%BC%92",  # fullwidth "12"
    "%E2%80%AE%F0%9F%92%A9",  # right-to-left override and an emoji
]

# Each view's GET parameters (request.GET.get / getlist in the views and search/params.py).
SEARCH = ("q", "from", "to", "sort", "page", "format", "kind", "authority", "region", "category",
          "outcome", "ground", "year")  # fmt: skip
GET_PARAMETERS = {
    "sign-in": ("next",),
    "two-factor": ("next",),
    "notifications": ("page",),
    "challenges:new": ("service",),
    "challenges:casework": ("state", "service", "officer", "overdue", "page"),
    "decisions:list": ("authority", "outcome", "ground", "year", "page"),
    "procurement:exercises": ("state", "page"),
    "procurement:exercise-new": ("challenge", "service"),
    "procurement-public:list": ("authority", "state", "page"),
    "agreements:list": ("type", "page"),
    "search:search": SEARCH,
    "search:feed": SEARCH,
    "search:suggest": ("q",),
    "alerts:search": ("query", *SEARCH),
    "wagtail_serve": ("authority", "category", "page"),  # the service directory
}


def _base(name: str) -> str:
    if name == "wagtail_serve":
        return ServiceDirectoryPage.objects.live().first().url
    return reverse(name)


# The admin's list views all take a search, a page and an ordering; a few of the malformed values
# (one of each kind) keep the admin's ~50 list views to a few hundred requests a role.
ADMIN_GET_PARAMETERS = ("q", "p", "ordering")
ADMIN_VALUES = ["-1", str(2**64 + 1), "a" * 10_000, "%ff", "%E2%80%AE%F0%9F%92%A9"]
# Roles that pass the admin's door; the others are turned away before any view runs
# (test_admin_matrix), so sweeping the admin as them would test only the door.
ADMIN_ROLES = ("anonymous", "authority_admin", "site_admin")


def _sweep_paths(get, walked):
    for route in walked:
        if route.arity:
            for value in MALFORMED:
                get(route.name, route.template.format(*[value] * route.arity))
                if route.arity > 1:  # the first parameter well-formed, the others not
                    get(route.name, route.template.format("1", *[value] * (route.arity - 1)))


def _recorder(client, failures):
    def get(name, address):
        if client.get(address).status_code >= 500:
            failures.setdefault(name, []).append(address[:120])

    return get


def _sweep_admin(client) -> dict[str, list[str]]:
    """{admin URL name: the addresses that answered 500}."""
    failures: dict[str, list[str]] = {}
    get = _recorder(client, failures)
    walked = admin_routes()
    _sweep_paths(get, walked)
    for route in walked:
        if not route.arity and route.name.endswith(("index", "list", "_results")):
            for parameter in ADMIN_GET_PARAMETERS:
                for value in ADMIN_VALUES:
                    get(route.name, f"{route.template}?{parameter}={value}")
    return failures


def _sweep(client) -> dict[str, list[str]]:
    """{URL name: the addresses that answered 500}."""
    failures: dict[str, list[str]] = {}
    get = _recorder(client, failures)
    _sweep_paths(get, routes())
    for name, parameters in GET_PARAMETERS.items():
        base = _base(name)
        for parameter in parameters:
            for value in MALFORMED:
                get(name, f"{base}?{parameter}={value}")
            get(name, f"{base}?{parameter}=1&{parameter}=%ff&{parameter}=-1")  # repeated
    return failures


@pytest.fixture(scope="module")
def failures(django_db_setup, django_db_blocker):
    """role → {URL name: addresses that answered 500}: each role's sweep run once on the demo."""
    from django.conf import settings

    assert settings.DEBUG is False
    with demo_data(django_db_blocker):
        clients = clients_by_role()
        yield lambda role, sweep=_sweep: sweep(clients[role][1])


def test_the_sweep_reaches_every_kind_of_url():
    names = {route.name for route in routes()}
    assert set(GET_PARAMETERS) <= names  # a renamed URL must not silently leave the sweep
    assert {"challenges:casework-case", "procurement-public:ocds", "document-download"} <= names


@pytest.mark.django_db  # so that pytest-django creates the test database
@pytest.mark.parametrize("role", list(ROLE_ACCOUNTS))
def test_no_malformed_input_is_a_server_error(failures, role):
    assert failures(role) == {}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_no_malformed_admin_address_is_a_server_error(failures, role):
    assert failures(role, _sweep_admin) == {}
