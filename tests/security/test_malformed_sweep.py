"""The malformed-input sweep (issue 10, item 7): every URL pattern the resolver knows, each path
parameter and each view's GET parameter given negative, zero, beyond-64-bit, 10,000-character,
NUL, non-UTF-8, unicode and repeated values, as anonymous and as signed-in roles, on the demo's
data with DEBUG off, as every role the authorisation matrix knows (the GET parameters of public
views that read nothing of the user as two of them: SAME_FOR_EVERYONE). No answer may be a 500."""

from urllib.parse import unquote

import pytest
from django.urls import Resolver404, resolve, reverse

from portal.models import ServiceDirectoryPage
from tests.security.demo_world import DEMO_READERS, ROLE_ACCOUNTS, clients_by_role, demo_data
from tests.security.url_walk import admin_routes, routes

pytestmark = DEMO_READERS  # the suite's shared demo (tests/security/demo_world.py)

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


# Form fields of POSTs that name a row or a kind (issue 23: an id beyond 64 bits in
# /tasks/notifications/read/ was a 500), each given every malformed value, as these roles.
POST_PARAMETERS = {
    "notifications-read": ("id",),
    "account-security-unlock": ("kind", "value"),
}
POST_ROLES = ("provider", "site_admin")


# Public views that read nothing of who is asking (test_these_views_read_nothing_of_the_user
# keeps that true): their GET parameters reach the same code whoever signs in, so they are swept
# as anonymous and as the site admin (whose pages carry every navigation entry and Wagtail's
# user bar), not once more for each other role. Their path parameters are swept for every role.
SAME_FOR_EVERYONE = {
    "search:search": "search.views",
    "search:feed": "search.feeds",
    "search:suggest": "search.views",
    "decisions:list": "challenges.register_views",
    "agreements:list": "agreements.public_views",
    "wagtail_serve": "portal.models.pages.ServiceDirectoryPage.get_context",
}
EVERYONE_SWEPT_AS = ("anonymous", "site_admin")


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


# Views that answer every address they are given the same way, reading nothing of it: Wagtail's
# admin sends each unknown /admin/ address to `default` (a sign-in redirect or a 404).
CATCH_ALLS = {"wagtail.admin.views.home.default"}


def _catch_all(address: str) -> str | None:
    """What answers an address without reading it: "not found" when the resolver refuses it
    (Django's 404 page), a catch-all view's name, or None when a view of its own reads it."""
    try:
        match = resolve(unquote(address.split("?")[0], errors="replace"))
    except Resolver404:
        return "not found"
    return match.view_name if match.view_name in CATCH_ALLS else None


def _sweep_paths(get, walked):
    """Each route's parameters given each malformed value. An address the resolver refuses, or
    hands to a catch-all, gets the same answer whichever route it was made from: it is asked
    once for each value, so every value still reaches the 404 page and the catch-alls."""
    asked = set()

    def ask(name, address, value):
        answered_by = _catch_all(address)
        if answered_by:
            if (answered_by, value) in asked:
                return
            asked.add((answered_by, value))
        get(name, address)

    for route in walked:
        if route.arity:
            for value in MALFORMED:
                ask(route.name, route.template.format(*[value] * route.arity), value)
                if route.arity > 1:  # the first parameter well-formed, the others not
                    ask(route.name, route.template.format("1", *[value] * (route.arity - 1)), value)


def _recorder(client, failures):
    def get(name, address):
        if client.get(address).status_code >= 500:
            failures.setdefault(name, []).append(address[:120])

    return get


def _sweep_admin(client, role) -> dict[str, list[str]]:
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


def _sweep(client, role) -> dict[str, list[str]]:
    """{URL name: the addresses that answered 500}."""
    failures: dict[str, list[str]] = {}
    get = _recorder(client, failures)
    _sweep_paths(get, routes())
    for name, parameters in GET_PARAMETERS.items():
        if name in SAME_FOR_EVERYONE and role not in EVERYONE_SWEPT_AS:
            continue
        base = _base(name)
        for parameter in parameters:
            for value in MALFORMED:
                get(name, f"{base}?{parameter}={value}")
            get(name, f"{base}?{parameter}=1&{parameter}=%ff&{parameter}=-1")  # repeated
    return failures


def _sweep_posts(client, role) -> dict[str, list[str]]:
    """{URL name: the form values that answered 500}; the body sent as the values are written
    (percent-encoded), as a browser's form would send them."""
    failures: dict[str, list[str]] = {}
    for name, parameters in POST_PARAMETERS.items():
        for parameter in parameters:
            for value in MALFORMED:
                response = client.post(
                    reverse(name),
                    data=f"{parameter}={value}",
                    content_type="application/x-www-form-urlencoded",
                )
                if response.status_code >= 500:
                    failures.setdefault(name, []).append(f"{parameter}={value[:40]}")
    return failures


@pytest.fixture(scope="module")
def failures(django_db_setup, django_db_blocker):
    """role → {URL name: addresses that answered 500}: each role's sweep run once on the demo."""
    from django.conf import settings

    assert settings.DEBUG is False
    with demo_data(django_db_blocker):
        clients = clients_by_role()
        yield lambda role, sweep=_sweep: sweep(clients[role][1], role)


def test_the_sweep_reaches_every_kind_of_url():
    names = {route.name for route in routes()}
    assert set(GET_PARAMETERS) <= names  # a renamed URL must not silently leave the sweep
    assert {"challenges:casework-case", "procurement-public:ocds", "document-download"} <= names


def test_these_views_read_nothing_of_the_user():
    """SAME_FOR_EVERYONE's premise: no code in these views' modules (nor the directory page's
    context) reads the user, and each address is answered from the module named."""
    import inspect
    from importlib import import_module

    for name, where in SAME_FOR_EVERYONE.items():
        if name == "wagtail_serve":
            source = inspect.getsource(ServiceDirectoryPage.get_context)
        else:
            view = resolve(_base(name)).func
            assert view.__module__ == where, (name, view.__module__)
            source = inspect.getsource(import_module(where))
        assert "user" not in source, f"{where} reads the user: sweep {name} as every role"


@pytest.mark.parametrize("walk", [routes, admin_routes])
def test_every_value_reaches_every_view_and_the_catch_alls(walk):
    asked = []
    _sweep_paths(lambda name, address: asked.append((name, address)), walk())
    every = []  # what the sweep asked before it asked the catch-alls each value only once
    for route in walk():
        for value in MALFORMED if route.arity else []:
            every.append((route.name, value, route.template.format(*[value] * route.arity)))
    for name, value, address in every:
        answered_by = _catch_all(address)
        if answered_by is None:
            assert (name, address) in asked, (name, value)
        else:
            assert any(
                value in other and _catch_all(other) == answered_by for _n, other in asked
            ), (answered_by, value)
    assert len(asked) < len(every)


@pytest.mark.django_db  # so that pytest-django creates the test database
@pytest.mark.parametrize("role", list(ROLE_ACCOUNTS))
def test_no_malformed_input_is_a_server_error(failures, role):
    assert failures(role) == {}


@pytest.mark.django_db
@pytest.mark.parametrize("role", POST_ROLES)
def test_no_malformed_form_value_is_a_server_error(failures, role):
    assert failures(role, _sweep_posts) == {}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_no_malformed_admin_address_is_a_server_error(failures, role):
    assert failures(role, _sweep_admin) == {}
