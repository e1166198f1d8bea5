from django.urls import include, path

from . import password_change, recovery_views, second_factor_views, security_admin_views, views

account_patterns = [
    path("", views.account, name="account"),
    path("register/", views.register, name="register"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm-email"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("password/", password_change.change, name="password-change"),
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
]

urlpatterns = [path("account/", include(account_patterns))]
