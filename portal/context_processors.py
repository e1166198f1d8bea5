from django.conf import settings
from django.utils.functional import SimpleLazyObject

from portal import navigation


def portal(request):
    """The service name, and the header's menu, worked out only if the page shows it."""
    return {
        "SERVICE_NAME": settings.WAGTAIL_SITE_NAME,
        "nav_links": SimpleLazyObject(lambda: navigation.links(request)),
    }
