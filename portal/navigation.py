"""The header's menu: each app registers its entries from its AppConfig.ready(), so the base
template names no app's address.

    navigation.register(navigation.Entry("Decisions", "decisions:list", order=20))
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from portal import permissions
from portal.models import Role
from portal.registry import Registry

STAFF_ROLES = {Role.OFFICER, Role.DECISION_MAKER, Role.AUTHORITY_ADMIN, Role.SITE_ADMIN}


def everyone(request, roles) -> bool:
    return True


def signed_in(request, roles) -> bool:
    return is_signed_in(request)


def is_signed_in(request) -> bool:
    """A request refused before authentication (a 400 for a NUL character) has no user."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def staff(request, roles) -> bool:
    return bool(roles & STAFF_ROLES)


def agreement_parties(request, roles) -> bool:
    return staff(request, roles) or Role.NHS_PARTNER in roles


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str  # a URL name, or an address starting with "/"
    order: int
    active_prefix: str = ""  # the entry is marked current under this path ("" never)
    active_exact: bool = False  # only at exactly that path
    shown: Callable = everyone  # (request, roles) -> bool
    count: Callable | None = None  # (request) -> int, shown beside the label
    element_id: str = ""
    count_words: str = "open"  # what the count counts, for screen readers ("2 open")


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    active: bool
    count: object
    element_id: str
    count_words: str = "open"


entries = Registry("navigation", "The header menu's entries (portal.navigation.Entry).")


def register(entry: Entry) -> Entry:
    return entries.add(entry)


def roles_of(request) -> set[str]:
    """The roles the signed-in user holds, for the header (one query a request)."""
    cached = getattr(request, "_portal_roles", None)
    if cached is None:
        user = request.user
        cached = set()
        if getattr(user, "is_authenticated", False):
            cached = {role for role, _, _ in permissions.assignments(user)}
            if user.is_superuser:
                cached.add(Role.SITE_ADMIN)
        request._portal_roles = cached
    return cached


def links(request) -> list[Link]:
    """The entries this person sees, in order, with their addresses."""
    roles = roles_of(request) if is_signed_in(request) else set()
    found = []
    for entry in sorted(entries, key=lambda e: e.order):
        if not entry.shown(request, roles):
            continue
        try:
            url = entry.url_name if entry.url_name.startswith("/") else reverse(entry.url_name)
        except NoReverseMatch:
            continue
        if entry.active_exact:
            active = request.path == entry.active_prefix
        else:
            active = bool(entry.active_prefix) and request.path.startswith(entry.active_prefix)
        count = entry.count(request) if entry.count else None
        found.append(Link(entry.label, url, active, count, entry.element_id, entry.count_words))
    return found


register(Entry("Services", "/services/", order=10, active_prefix="/services/"))
