"""Staff sign in with a second factor (django-otp: TOTP, and single-use recovery codes).

Whoever holds a role (officer, decision maker, authority admin, NHS partner, site admin) or is a
superuser or Wagtail staff must have a verified session before the portal shows them anything
but the second-factor pages: a password alone reaches only enrolment or the code prompt. The
rule is an allow-list, so a new staff area (or a file download) cannot be forgotten.
"""

import hashlib
import hmac
from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import permissions

RECOVERY_CODES = 10
DEMO_DEVICE = "Demo authenticator"
# What a password-only staff session may still open: the second-factor pages, signing out, the
# sign-in pages themselves, and static assets.
OPEN_PREFIXES = (
    "/account/two-factor/",
    "/account/sign-in/",
    "/account/sign-out/",
    "/account/password-reset/",
    "/account/confirm/",
    "/admin/login/",
    "/admin/logout/",
    "/static/",
    "/assets/",
    "/healthz",
    "/readyz",
)


def requires_second_factor(user) -> bool:
    """Staff of any kind. Read once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_portal_requires_second_factor", None)
    if cached is None:
        cached = user.is_superuser or user.is_staff or bool(permissions.assignments(user))
        user._portal_requires_second_factor = cached
    return cached


def is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", lambda: False)())


def totp_device(user, confirmed=True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def has_device(user) -> bool:
    return next(devices_for_user(user, confirmed=True), None) is not None


def safe_next(request, default: str = "tasks") -> str:
    """Where to go after the second step: `next` on this site, else the staff's tasks (only
    staff take this step)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    )
    # A path only: redirect() would read "-1" or "admin" as the name of a view (an error).
    return target if target.startswith("/") and allowed else reverse(default)


def step_url(next_url: str = "", step: str = "two-factor") -> str:
    url = reverse(step)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            not request.path.startswith(OPEN_PREFIXES)
            and requires_second_factor(user)
            and not is_verified(user)
        ):
            return redirect(step_url(request.get_full_path() if request.method == "GET" else ""))
        return self.get_response(request)


# --- enrolment ------------------------------------------------------------------------------


def secret_text(device: TOTPDevice) -> str:
    """The key as people type it into an authenticator app: base32 in groups of four."""
    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no script, no external image)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]  # drop the XML declaration


def recovery_digest(code: str) -> str:
    """What is stored of a recovery code (issue 23: never the code itself): a keyed SHA-256 of
    it (HMAC with SECRET_KEY), 16 hex characters, the size of django-otp's token column. A copy
    of the database alone cannot turn it back into the code; the code is shown once, at
    enrolment."""
    normalised = "".join(code.split()).lower()
    return salted_hmac("accounts.recovery-code", normalised, algorithm="sha256").hexdigest()[:16]


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODES fresh single-use ones; return the
    codes (to show once), storing only their digests."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=recovery_digest(code)) for code in codes]
    )
    return codes


def reset_devices(user) -> int:
    """Remove every second-factor device of the user; they enrol again at next sign-in."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    return removed


# --- the demo -------------------------------------------------------------------------------


def demo_key(email: str) -> str:
    """The demo's known TOTP key of a staff account (hex), derived from its email address so
    `manage.py totp` and the seeded devices agree without storing anything."""
    return hmac.new(b"portal-demo-totp", email.lower().encode(), hashlib.sha1).hexdigest()


def demo_device(user) -> TOTPDevice:
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name=DEMO_DEVICE, defaults={"key": demo_key(user.email)}
    )
    if not device.confirmed or device.key != demo_key(user.email):
        device.key, device.confirmed = demo_key(user.email), True
        device.save(update_fields=["key", "confirmed"])
    return device


def seed_demo_devices() -> int:
    """Give every staff account of the demo its known authenticator key (unless someone set up
    their own app on it); return how many have one."""
    from portal.models import User

    staff = User.objects.filter(
        models.Q(is_superuser=True) | models.Q(is_staff=True) | models.Q(roles__isnull=False)
    ).distinct()
    own_apps = TOTPDevice.objects.filter(confirmed=True).exclude(name=DEMO_DEVICE)
    return sum(1 for user in staff.exclude(totpdevice__in=own_apps) if demo_device(user))


def demo_commands_enabled() -> bool:
    return bool(getattr(settings, "DEMO_COMMANDS", False))
