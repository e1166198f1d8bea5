from django.conf import settings
from django.utils.functional import SimpleLazyObject

from portal import navigation, permissions


def portal(request):
    """The service name, and the header's menu, worked out only if the page shows it."""
    return {
        "SERVICE_NAME": settings.WAGTAIL_SITE_NAME,
        "nav_links": SimpleLazyObject(lambda: navigation.links(request)),
        # Wagtail's user bar asks the permission tables (two queries) whoever is signed in:
        # only staff of some kind can have the CMS, so only they are asked.
        "may_use_cms": SimpleLazyObject(lambda: _staff(request)),
    }


def _staff(request) -> bool:
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.is_staff or bool(permissions.assignments(user))
