"""How apps plug their addresses into the portal without the portal importing them.

An app lists its URL module in settings.PORTAL_APP_URLS; the portal includes each one, in order.
"""

from django.conf import settings
from django.urls import include, path


def app_urlpatterns():
    return [path("", include(module)) for module in getattr(settings, "PORTAL_APP_URLS", [])]
