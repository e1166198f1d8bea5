"""How apps plug their addresses into the portal without the portal importing them: each app
adds its URL modules to portal.registry.app_urls in its AppConfig.ready(); the portal includes
each one, in order."""

from django.urls import include, path

from portal import registry


def app_urlpatterns():
    return [path("", include(module)) for module in registry.app_urls]
