from django.conf import settings
from django.utils.functional import SimpleLazyObject

from portal import task_list as tasks
from portal.models import Role


def portal(request):
    """The service name, and for signed-in people the header's task count and staff links, each
    worked out only if the page shows it."""
    return {
        "SERVICE_NAME": settings.WAGTAIL_SITE_NAME,
        "header_task_count": lambda: tasks.header_count(request),
        "nav": SimpleLazyObject(lambda: _navigation(request)),
    }


def _navigation(request) -> dict:
    roles = tasks.navigation_roles(request)
    staff = bool(roles & {Role.OFFICER, Role.DECISION_MAKER, Role.AUTHORITY_ADMIN, Role.SITE_ADMIN})
    return {"staff": staff, "agreements": staff or Role.NHS_PARTNER in roles}
