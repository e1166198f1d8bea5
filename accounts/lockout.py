"""Sign-in throttling with django-axes: who is guessing (the account and the address, each counted
on its own), the GOV.UK page a locked-out person sees, and the audit event each lockout writes.

Neither logs nor the audit trail hold an email address or a network address: both are named by
a keyed hash (`pseudonym`), enough to see that two lockouts came from the same place.
"""

import ipaddress

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac

from portal import audit, roles
from portal.models import User


def pseudonym(value: str | None) -> str:
    """A stable, keyed stand-in for an email or network address (16 hex characters)."""
    if not value:
        return ""
    return salted_hmac("accounts.lockout", value).hexdigest()[:16]


def username(request, credentials=None) -> str | None:
    """The account being tried, as the portal stores it: the email address, lower case, so
    `Officer@…` and `officer@…` count together. The portal's form names it `email`; Wagtail's
    login form `username`."""
    source = credentials or {}
    value = source.get("username") or source.get("email")
    if value is None and request is not None:
        data = getattr(request, "POST", {})
        value = data.get("username") or data.get("email")
    value = (value or "").strip().lower()
    return value or None


def client_ip(request) -> str | None:
    """The address of the person signing in. Behind TRUSTED_PROXY_COUNT proxies that each append
    to X-Forwarded-For, it is the entry that many from the right; otherwise (the default) only
    REMOTE_ADDR, since anyone can write the header."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            candidate = hops[-count] if len(hops) >= count else hops[0]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                return remote
    return remote


def client_str(username, ip_address, user_agent, path_info, request) -> str:
    """What axes writes to the log about a client: pseudonyms only."""
    path = path_info[0] if isinstance(path_info, list | tuple) else path_info
    return f"account {pseudonym(username) or '-'} address {pseudonym(ip_address) or '-'} {path}"


def try_again_at():
    return timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)


def locked_out_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "account/locked_out.html",
        {"try_again_at": try_again_at(), "minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def _failures(**match) -> int:
    found = AccessAttempt.objects.filter(**match).aggregate(total=Sum("failures_since_start"))
    return found["total"] or 0


@receiver(user_locked_out)
def audit_lockout(sender, request, username, ip_address, **kwargs):
    """One audit event when an account or an address reaches the limit; the further tries
    made while it is locked (which push the cool-off back) write none."""
    limit = settings.AXES_FAILURE_LIMIT
    counts = {
        "account": _failures(username=username) if username else 0,
        "address": _failures(ip_address=ip_address) if ip_address else 0,
    }
    if limit not in counts.values():
        return
    user = User.objects.filter(email__iexact=username).first() if username else None
    subject = user or AccessAttempt.objects.filter(username=username, ip_address=ip_address).first()
    if subject is None:
        return
    audit.record(
        subject,
        transition="lock_out",
        from_state="",
        to_state="locked",
        reason=f"{limit} failed sign-ins",
        changes={
            "locked": sorted(kind for kind, count in counts.items() if count >= limit),
            "account_known": user is not None,
            "account": pseudonym(username),
            "address": pseudonym(ip_address),
            "path": request.path if request is not None else "",
            "cool_off_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


def unlock(*, actor, username: str = "", ip_address: str = "") -> int:
    """A site admin lifts a lockout of an account or an address; audited. Returns the number
    of attempt records cleared."""
    from axes.utils import reset

    match = {"username": username} if username else {"ip_address": ip_address}
    attempt = AccessAttempt.objects.filter(**match).first()
    if attempt is None:
        return 0
    user = User.objects.filter(email__iexact=username).first() if username else None
    audit.record(
        user or attempt,
        transition="unlock",
        from_state="locked",
        to_state="unlocked",
        actor=actor,
        role=roles.SITE_ADMIN,
        changes={
            "unlocked": "account" if username else "address",
            "account": pseudonym(username),
            "address": pseudonym(ip_address),
        },
    )
    return reset(username=username) if username else reset(ip=ip_address)
