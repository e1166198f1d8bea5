"""A password that no longer passes the rules is changed at the next sign-in (issue 23).

At each sign-in (the portal's form or Wagtail's) the password just typed is checked against
AUTH_PASSWORD_VALIDATORS; when it fails, the session is marked and the person is sent to
/account/password/ to choose a new one before anything else (after the second factor, for staff).

The seeded demo accounts (`@demo.invalid`) keep the password the README prints, for people trying
the demo, under the demo and test settings only (DEMO_ACCOUNTS_KEEP_PASSWORD): production has
no such exemption, so a deployment that seeded them is made to change it.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accounts import second_factor
from accounts.forms import NewPasswordForm
from portal import audit
from portal.forms import posted

SESSION_KEY = "portal_password_change_required"
DEMO_DOMAIN = "@demo.invalid"
# What a session that must change its password may still open.
OPEN_PREFIXES = (
    "/account/password/",
    "/account/two-factor/",
    "/account/sign-in/",
    "/account/sign-out/",
    "/admin/login/",
    "/admin/logout/",
    "/static/",
    "/assets/",
    "/healthz",
    "/readyz",
)


def exempt(user) -> bool:
    return bool(getattr(settings, "DEMO_ACCOUNTS_KEEP_PASSWORD", False)) and (
        user.email.lower().endswith(DEMO_DOMAIN)
    )


def is_weak(password: str, user) -> bool:
    try:
        validate_password(password, user)
    except ValidationError:
        return True
    return False


@receiver(user_logged_in, dispatch_uid="accounts-weak-password")
def check_password_at_sign_in(sender, request, user, **kwargs):
    password = request.POST.get("password") if request is not None else None
    if not password or exempt(user):
        return
    if is_weak(password, user):
        request.session[SESSION_KEY] = True


class RequirePasswordChangeMiddleware:
    """After the second factor's middleware: a marked session reaches only the change page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.get(SESSION_KEY)
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            next_url = request.get_full_path() if request.method == "GET" else ""
            return redirect(second_factor.step_url(next_url, step="password-change"))
        return self.get_response(request)


@never_cache
@login_required
def change(request):
    """Choose a new password (only asked of a session whose password failed the rules)."""
    next_url = second_factor.safe_next(request)
    if not request.session.get(SESSION_KEY):
        return redirect(next_url)
    form = NewPasswordForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            audit.record(
                user,
                transition="change_weak_password",
                from_state="",
                to_state="",
                actor=user,
                role="account_holder",
                reason="password failed the rules at sign-in",
            )
        update_session_auth_hash(request, user)  # this session goes on; every other one ends
        del request.session[SESSION_KEY]
        messages.success(request, "Your password has been changed")
        return redirect(next_url)
    return render(request, "account/password_change.html", {"form": form, "next": next_url})
