from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from portal import admin_overrides, health, info_views
from portal.apps_registry import app_urlpatterns
from portal.feeds import OpenWindowsFeed

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("cookies/", info_views.cookies, name="cookies"),
    path("privacy/", info_views.privacy, name="privacy"),
    path("accessibility/", info_views.accessibility, name="accessibility"),
    path("contact/", info_views.contact, name="contact"),
    path("service-status/", info_views.service_status, name="service-status"),
    path("open-data/", info_views.open_data, name="open-data"),
    *admin_overrides.urlpatterns(),
    path("admin/", include(wagtailadmin_urls)),
    path("feeds/windows/", OpenWindowsFeed(), name="feeds-windows"),
    *app_urlpatterns(),
    path("", include(wagtail_urls)),
]

handler404 = "portal.errors.not_found"
handler500 = "portal.errors.server_error"
