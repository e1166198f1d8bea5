from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from portal import (
    feedback_views,
    health,
    info_views,
    notification_views,
    recovery_views,
    second_factor_views,
    security_admin_views,
    task_views,
    views,
)
from portal.apps_registry import app_urlpatterns
from portal.feeds import OpenWindowsFeed

account_patterns = [
    path("", views.account, name="account"),
    path("register/", views.register, name="register"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm-email"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("password-reset/", recovery_views.password_reset, name="password-reset"),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        recovery_views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("two-factor/", second_factor_views.two_factor, name="two-factor"),
    path("two-factor/set-up/", second_factor_views.two_factor_setup, name="two-factor-set-up"),
    path("security/", security_admin_views.security, name="account-security"),
    path("security/unlock/", security_admin_views.unlock, name="account-security-unlock"),
    path("organisations/new/", views.organisation_new, name="organisation-new"),
    path("organisations/join/", views.organisation_join, name="organisation-join"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("memberships/<int:pk>/", views.membership_decide, name="membership-decide"),
    path("notifications/", notification_views.preferences, name="notification-preferences"),
    path("follow/<int:content_type_id>/<int:pk>/", notification_views.follow, name="follow-case"),
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("cookies/", info_views.cookies, name="cookies"),
    path("privacy/", info_views.privacy, name="privacy"),
    path("accessibility/", info_views.accessibility, name="accessibility"),
    path("contact/", info_views.contact, name="contact"),
    path("feedback/", feedback_views.feedback, name="feedback"),
    path("service-status/", info_views.service_status, name="service-status"),
    path("open-data/", info_views.open_data, name="open-data"),
    path("account/", include(account_patterns)),
    path("tasks/", task_views.task_list, name="tasks"),
    path("tasks/notifications/", notification_views.notification_list, name="notifications"),
    path("tasks/notifications/read/", notification_views.mark_read, name="notifications-read"),
    path("admin/", include(wagtailadmin_urls)),
    path("feeds/windows/", OpenWindowsFeed(), name="feeds-windows"),
    *app_urlpatterns(),
    path("", include(wagtail_urls)),
]

handler404 = "portal.errors.not_found"
handler500 = "portal.errors.server_error"
