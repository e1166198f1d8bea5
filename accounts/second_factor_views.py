"""The second-factor step after the password: set up an authenticator app (with recovery codes)
or enter its code. What it protects is in accounts/second_factor.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor
from accounts.forms import CodeForm
from portal import audit
from portal.forms import posted

WRONG_CODE = "Enter the 6-digit code your authenticator app shows now, or a recovery code"
TOO_MANY = "Too many wrong codes: wait a minute, then try again"


def _verified(request, device) -> None:
    otp_login(request, device)
    request.session.cycle_key()  # a new session id for the more privileged session


@never_cache
@login_required
def two_factor(request):
    """Enter a code from the authenticator app, or a recovery code."""
    user, next_url = request.user, second_factor.safe_next(request)
    if not second_factor.requires_second_factor(user) or second_factor.is_verified(user):
        return redirect(next_url)
    if not second_factor.has_device(user):
        return redirect(second_factor.step_url(next_url, step="two-factor-set-up"))
    form = CodeForm(
        posted(request),
        label="Code from your authenticator app",
        help_text="6 digits. Lost your device? Enter one of your recovery codes instead.",
    )
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        model = TOTPDevice if code.isdigit() else StaticDevice
        if model is StaticDevice:  # recovery codes are stored as digests only
            code = second_factor.recovery_digest(code)
        devices = [d for d in devices_for_user(user) if isinstance(d, model)]
        throttled = bool(devices) and all(not d.verify_is_allowed()[0] for d in devices)
        device = next((d for d in devices if verify_token(user, d.persistent_id, code)), None)
        if device is not None:
            _verified(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.info(
                    request,
                    f"You used a recovery code; {left} left. A site admin can reset your "
                    "authenticator app if you have lost it.",
                )
            return redirect(next_url)
        form.add_error("code", TOO_MANY if throttled else WRONG_CODE)
    return render(request, "account/two_factor.html", {"form": form, "next": next_url})


@never_cache
@login_required
def two_factor_setup(request):
    """Enrolment: scan the QR code (or type the key), confirm with a code, get recovery codes."""
    user, next_url = request.user, second_factor.safe_next(request)
    if not second_factor.requires_second_factor(user) or second_factor.has_device(user):
        return redirect(second_factor.step_url(next_url))
    device = second_factor.totp_device(user, confirmed=False) or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )
    form = CodeForm(
        posted(request),
        label="Code from your authenticator app",
        help_text="The 6 digits the app shows for this portal.",
        numeric=True,
    )
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = second_factor.new_recovery_codes(user)
                audit.record(
                    user,
                    transition="set_up_second_factor",
                    from_state="",
                    to_state="enrolled",
                    actor=user,
                    role="account_holder",
                )
            _verified(request, device)
            return render(
                request, "account/recovery_codes.html", {"codes": codes, "next": next_url}
            )
        form.add_error(
            "code",
            "The code is not right: enter the 6 digits the app shows now" if allowed else TOO_MANY,
        )
    return render(
        request,
        "account/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": second_factor.qr_svg(device),
            "secret": second_factor.secret_text(device),
        },
    )
