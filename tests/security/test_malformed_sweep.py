"""The malformed-input sweep (issue 10, item 7): every URL pattern the resolver knows, each path
parameter and each view's GET parameter given negative, zero, beyond-64-bit, 10,000-character,
NUL, non-UTF-8, unicode and repeated values, as anonymous and as signed-in roles, on the demo's
data with DEBUG off. No answer may be a 500."""

import pytest
from django.urls import reverse

from portal.models import ServiceDirectoryPage
from tests.security.demo_world import clients_by_role, demo_data
from tests.security.url_walk import routes

ROLES = ("anonymous", "provider", "officer", "site_admin")

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


def _sweep(client) -> dict[str, list[str]]:
    """{URL name: the addresses that answered 500}."""
    failures: dict[str, list[str]] = {}

    def get(name, address):
        if client.get(address).status_code >= 500:
            failures.setdefault(name, []).append(address[:120])

    for route in routes():
        if route.arity:
            for value in MALFORMED:
                get(route.name, route.template.format(*[value] * route.arity))
                if route.arity > 1:  # the first parameter well-formed, the others not
                    get(route.name, route.template.format("1", *[value] * (route.arity - 1)))
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
        yield lambda role: _sweep(clients[role][1])


def test_the_sweep_reaches_every_kind_of_url():
    names = {route.name for route in routes()}
    assert set(GET_PARAMETERS) <= names  # a renamed URL must not silently leave the sweep
    assert {"challenges:casework-case", "procurement-public:ocds", "document-download"} <= names


@pytest.mark.django_db  # so that pytest-django creates the test database
@pytest.mark.parametrize("role", ROLES)
def test_no_malformed_input_is_a_server_error(failures, role):
    assert failures(role) == {}
