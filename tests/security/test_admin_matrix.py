"""The authorisation matrix for Wagtail's admin (issue 10, item 7): every URL of /admin/ found by
walking the resolver, for every role, on the demo's data.

Three rules, each from the permission system that decides:
- the door: a role without Wagtail's "access admin" permission reaches no admin page but the
  sign-in and password-reset pages Wagtail leaves open;
- site admins only: users, groups, sites, workflows, redirects, the email outbox, alerts and the
  portal's organisation, NHS body, role and category snippets answer only superusers;
- scoped to one's own authority: the authority and window snippets and the service pages of
  another authority's workspace refuse an authority's staff (their own answer).
A URL of the admin that no rule names fails `test_every_admin_url_has_a_rule`.
"""

import re

import pytest
from django.urls import reverse

from portal import permissions
from portal.models import Authority, ChallengeWindow
from portal.models.pages import ServiceSpecificationPage
from tests.security.demo_world import DEMO_READERS, ROLE_ACCOUNTS, clients_by_role, demo_data
from tests.security.url_walk import admin_routes

pytestmark = DEMO_READERS  # the suite's shared demo (tests/security/demo_world.py)

OPEN = re.compile(r"^wagtailadmin_(login|password_reset\w*|javascript_catalog|sprite)$")
SITE_ADMINS_ONLY = re.compile(
    r"^(wagtailusers_\w+|wagtailsites|wagtailredirects|outbox"
    r"|alert_subscriptions|feedback"
    r"|wagtailsnippets_portal_(organisation|nhsbody|roleassignment|servicecategory)):"
    r"|^wagtailadmin_workflows:(?!task_cho)"  # all but the task chooser (below)
)
SCOPED_SNIPPETS = re.compile(r"^wagtailsnippets_portal_(authority|challengewindow):")
# A page's own views, given another authority's service page (page) as each path's page and
# these values for its other parameters: every one refused by portal/cms_page_scope.py before the
# view runs (issue 23: the move confirmation had shown another authority's page title).
SCOPED_PAGES = {
    "wagtailadmin_explore": ("page",),
    "wagtailadmin_explore_results": ("page",),
    "wagtailadmin_pages:add": ("portal", "servicespecificationpage", "page"),
    "wagtailadmin_pages:preview_on_add": ("portal", "servicespecificationpage", "page"),
    "wagtailadmin_pages:usage": ("page",),
    "wagtailadmin_pages:edit": ("page",),
    "wagtailadmin_pages:preview_on_edit": ("page",),
    "wagtailadmin_pages:view_draft": ("page",),
    "wagtailadmin_pages:add_subpage": ("page",),
    "wagtailadmin_pages:delete": ("page",),
    "wagtailadmin_pages:unpublish": ("page",),
    "wagtailadmin_pages:convert_alias": ("page",),
    "wagtailadmin_pages:move": ("page",),
    "wagtailadmin_pages:move_confirm": ("page", "own_parent"),
    "wagtailadmin_pages:set_page_position": ("page",),
    "wagtailadmin_pages:copy": ("page",),
    "wagtailadmin_pages:workflow_action": ("page", "approve", "1"),
    "wagtailadmin_pages:collect_workflow_action_data": ("page", "approve", "1"),
    "wagtailadmin_pages:confirm_workflow_cancellation": ("page",),
    "wagtailadmin_pages:workflow_preview": ("page", "1"),
    "wagtailadmin_pages:set_privacy": ("page",),
    "wagtailadmin_pages:lock": ("page",),
    "wagtailadmin_pages:unlock": ("page",),
    "wagtailadmin_pages:revisions_index": ("page",),
    "wagtailadmin_pages:revisions_view": ("page", "1"),
    "wagtailadmin_pages:revisions_revert": ("page", "1"),
    "wagtailadmin_pages:revisions_unschedule": ("page", "1"),
    "wagtailadmin_pages:revisions_compare": ("page", "earliest", "latest"),
    "wagtailadmin_pages:workflow_history": ("page",),
    "wagtailadmin_pages:workflow_history_detail": ("page", "1"),
    "wagtailadmin_pages:history": ("page",),
    "wagtailadmin_pages:history_results": ("page",),
    "wagtailadmin_api:pages:detail": ("page",),
    "wagtailadmin_api:pages:action": ("page", "move"),
    "wagtailforms:list_submissions": ("page",),
    "wagtailforms:list_submissions_results": ("page",),
    "wagtailforms:delete_submissions": ("page",),
}
# The one answer each of them gives another authority's staff: Django's 403, before the view.
ANOTHER_AUTHORITYS_PAGE = 403
# Views that show one's own authority's page (never the scope's 403 on it).
OWN_PAGE_OPENS = {
    "wagtailadmin_explore",
    "wagtailadmin_pages:usage",
    "wagtailadmin_pages:edit",
    "wagtailadmin_pages:move",
    "wagtailadmin_pages:copy",
    "wagtailadmin_pages:history",
    "wagtailadmin_pages:revisions_index",
    "wagtailadmin_pages:view_draft",
}
# Everything else in the admin is Wagtail's own (pages explorer, images, documents, reports,
# choosers, collections): behind the door, with Wagtail's own permission checks inside.
WAGTAIL_OWN = re.compile(
    r"^(wagtailadmin_\w+|wagtailimages\w*|wagtaildocs\w*|wagtailforms|wagtailsettings"
    r"|wagtailsnippets|wagtailsnippetchoosers_portal_\w+|wagtail_bulk_action)(:|$)"
)


def rule(name: str) -> str | None:
    for label, pattern in (
        ("open", OPEN),
        ("site_admins", SITE_ADMINS_ONLY),
        ("scoped_snippet", SCOPED_SNIPPETS),
    ):
        if pattern.search(name):
            return label
    if name in SCOPED_PAGES:
        return "scoped_page"
    if WAGTAIL_OWN.search(name):
        return "door"
    return None


def refused(user, response) -> bool:
    """403/404/405, or a redirect: to sign in, or (signed in) back to an admin page."""
    status = response.status_code
    if status in (403, 404, 405):
        return True
    if status == 302:
        location = response["Location"]
        to_sign_in = "login" in location or "sign-in" in location
        return to_sign_in or (user is not None and location.startswith("/admin/"))
    return False


def _address(route, pk="1") -> str:
    return route.template.format(*[pk] * route.arity)


def _check(clients) -> dict[tuple[str, str], list[str]]:
    problems: dict[tuple[str, str], list[str]] = {}
    pair = Authority.objects.filter(code__in=("TRF", "MAN"))

    def objects(authority):
        return {
            "authority": authority.pk,
            "challengewindow": ChallengeWindow.objects.filter(authority=authority).first().pk,
            "page": ServiceSpecificationPage.objects.filter(authority=authority).first().pk,
            "parent": authority.services_page.pk,
        }

    sides = {}  # role → (own, another authority's) objects, for staff of one authority
    for role, (user, _) in clients.items():
        if user is None or user.is_superuser:
            continue  # site admins reach every authority
        if own := permissions.authorities(user).filter(pk__in=pair):
            sides[role] = (objects(own.first()), objects(pair.exclude(pk=own.first().pk).get()))
    for route in admin_routes():
        label = rule(route.name)
        if label in (None, "open"):
            continue
        for role, (user, client) in clients.items():
            can_enter = user is not None and user.has_perm("wagtailadmin.access_admin")
            wrong = []
            if not can_enter or (label == "site_admins" and not user.is_superuser):
                response = client.get(_address(route))
                if not refused(user, response):
                    wrong.append(f"{_address(route)}: {response.status_code}")
            elif label == "scoped_snippet" and route.arity and role in sides:
                model = route.name.split(":")[0].rsplit("_", 1)[1]
                own, other = (side[model] for side in sides[role])
                response = client.get(_address(route, str(other)))
                if not refused(user, response):
                    wrong.append(f"another authority's: {response.status_code}")
                response = client.get(_address(route, str(own)))
                if response.status_code >= 500:
                    wrong.append(f"own: {response.status_code}")
            elif label == "scoped_page" and role in sides:
                own, other = sides[role]
                for side, expected in ((other, ANOTHER_AUTHORITYS_PAGE), (own, None)):
                    values = {"page": side["page"], "own_parent": own["parent"]}
                    args = [values.get(arg, arg) for arg in SCOPED_PAGES[route.name]]
                    address = reverse(route.name, args=args)
                    status = client.get(address).status_code
                    if (
                        (expected and status != expected)
                        or status >= 500
                        or (
                            expected is None
                            and status == ANOTHER_AUTHORITYS_PAGE
                            and route.name in OWN_PAGE_OPENS
                        )
                    ):
                        wrong.append(f"{address}: {status}")
            if wrong:
                problems[(role, route.name)] = wrong
    return problems


@pytest.fixture(scope="module")
def clients(django_db_setup, django_db_blocker):
    """role → (user, client) on the demo's data, seeded once for the module."""
    with demo_data(django_db_blocker):
        yield clients_by_role()


@pytest.fixture(scope="module")
def results(clients):
    return _check(clients)


def test_every_admin_url_has_a_rule():
    assert [r.name for r in admin_routes() if rule(r.name) is None] == []


@pytest.mark.django_db
def test_the_demo_has_staff_on_both_sides_of_the_door(clients):
    """So the matrix tests something: roles the door turns away and roles it lets in."""
    entering = {
        role
        for role, (user, _) in clients.items()
        if user is not None and user.has_perm("wagtailadmin.access_admin")
    }
    assert {"authority_admin", "site_admin"} <= entering
    assert not {"provider", "other_provider", "nhs_partner"} & entering


@pytest.mark.django_db
def test_staff_may_list_workflow_tasks_but_not_create_one(clients):
    """Wagtail's task chooser is open to everyone in the admin by design; creating a task
    through it needs Wagtail's "add task" permission, which only site admins hold."""
    from wagtail.models import Task

    _, admin = clients["authority_admin"]
    before = Task.objects.count()
    response = admin.post("/admin/workflows/task_chooser/create/", {"create-task-name": "Sign"})
    assert response.status_code == 400
    assert Task.objects.count() == before


@pytest.mark.django_db  # so that pytest-django creates the test database
@pytest.mark.parametrize("role", list(ROLE_ACCOUNTS))
def test_admin(results, role):
    assert {name: v for (r, name), v in results.items() if r == role} == {}


@pytest.mark.django_db
def test_malformed_admin_addresses_are_not_found(clients):
    """Wagtail looks these up without get_object_or_404 (portal/admin_addresses.py)."""
    _, admin = clients["site_admin"]
    admin.raise_request_exception = False
    for address in (
        "/admin/pages/1/revisions/0/revert/",
        "/admin/images/chooser/chosen/abc/",
        f"/admin/snippets/choose/portal/authority/chosen/{'9' * 30}/",
    ):
        assert admin.get(address).status_code == 404, address


def test_every_admin_view_of_a_page_is_in_the_scoped_list():
    """A view Wagtail adds that takes a page must be given a row above."""
    takes_a_page = {
        r.name
        for r in admin_routes()
        if r.arity
        and r.name.startswith(
            (
                "wagtailadmin_pages:",
                "wagtailadmin_api:pages:",
                "wagtailforms:",
                "wagtailadmin_explore",
            )
        )
    }
    by_content_type = {
        "wagtailadmin_pages:type_use",
        "wagtailadmin_pages:type_use_results",
        "wagtailadmin_pages:choose_parent",
    }
    assert takes_a_page - by_content_type == set(SCOPED_PAGES)
