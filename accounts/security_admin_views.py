"""For site admins: lift a sign-in lockout, reset a lost second factor. Both are audited."""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import lockout, second_factor
from accounts.forms import ResetSecondFactorForm
from portal import audit, permissions, roles
from portal.forms import posted


def _site_admin_only(request):
    if not permissions.is_site_admin(request.user):
        raise Http404


def current_lockouts() -> dict[str, list[dict]]:
    """Within the cool-off: accounts with as many failures as lock one from one address (lifting
    it clears all its counts), and addresses locked on every account (accounts/lockout.py)."""
    recent = AccessAttempt.objects.filter(
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
    )
    found = {}
    for kind, field, limit in (
        ("account", "username", settings.AXES_FAILURE_LIMIT),
        ("address", "ip_address", settings.SIGN_IN_ADDRESS_FAILURE_LIMIT),
    ):
        found[kind] = list(
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"))
            .filter(failures__gte=limit)
            .order_by(field)
        )
    return found


@login_required
def security(request):
    _site_admin_only(request)
    form = ResetSecondFactorForm(posted(request))
    if request.method == "POST" and form.is_valid():
        person = form.user
        with transaction.atomic():
            removed = second_factor.reset_devices(person)
            audit.record(
                person,
                transition="reset_second_factor",
                from_state="enrolled" if removed else "",
                to_state="not_enrolled",
                actor=request.user,
                role=roles.SITE_ADMIN,
                changes={"devices_removed": removed},
            )
        messages.success(
            request,
            f"{person.get_full_name() or 'The person'} sets up a new authenticator app the next "
            "time they sign in",
        )
        return redirect("account-security")
    return render(
        request,
        "account/security.html",
        {
            "form": form,
            "lockouts": current_lockouts(),
            "limit": settings.AXES_FAILURE_LIMIT,
            "account_limit": settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT,
            "address_limit": settings.SIGN_IN_ADDRESS_FAILURE_LIMIT,
        },
    )


@login_required
@require_POST
def unlock(request):
    _site_admin_only(request)
    kind, value = request.POST.get("kind"), (request.POST.get("value") or "").strip()
    if kind not in ("account", "address") or not value:
        messages.info(request, "Choose a lockout to lift")
        return redirect("account-security")
    with transaction.atomic():
        if kind == "account":
            cleared = lockout.unlock(actor=request.user, username=value)
        else:
            cleared = lockout.unlock(actor=request.user, ip_address=value)
    messages.success(
        request, "The lockout is lifted" if cleared else "There was no lockout to lift"
    )
    return redirect("account-security")
