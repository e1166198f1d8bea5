"""Every URL pattern of the portal, found by walking the resolver (not listed by hand), so a new
URL is swept and must be given a place in the authorisation matrix."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Wagtail's admin is walked on its own (admin_routes): its door and scoping are checked by
# test_admin_matrix, its malformed input by the sweep. Static files are not walked.
ADMIN_PREFIX = "admin/"
SKIPPED_PREFIXES = (ADMIN_PREFIX, "static/")

_PARAMETER = re.compile(r"<[^>]+>|\(\?P<\w+>[^)]*\)")
_BARE_GROUP = re.compile(r"\((?:[^()]|\([^()]*\))*\)")


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name, e.g. "challenges:casework-case"
    pattern: str  # as written, e.g. "casework/<int:pk>/"

    @property
    def template(self) -> str:
        """The path with each parameter as "{}" (regular-expression patterns too)."""
        text = self.pattern.replace("^", "").replace("$", "")
        text = _PARAMETER.sub("{}", text)
        text = _BARE_GROUP.sub("{}", text)
        return "/" + text.replace("\\.", ".").replace("\\", "")

    @property
    def arity(self) -> int:
        return self.template.count("{}")


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            joined = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), joined)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(name, prefix + str(entry.pattern))


def _routes(keep) -> list[Route]:
    found = {}
    for route in _walk(get_resolver().url_patterns):
        if keep(route.pattern.lstrip("^")):
            found.setdefault(route.name, route)
    return list(found.values())


def routes() -> list[Route]:
    """Every named URL pattern outside the skipped prefixes, in resolver order."""
    return _routes(lambda pattern: not pattern.startswith(SKIPPED_PREFIXES))


def admin_routes() -> list[Route]:
    """Every named URL pattern of Wagtail's admin (/admin/), in resolver order."""
    return _routes(lambda pattern: pattern.startswith(ADMIN_PREFIX))
