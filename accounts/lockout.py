"""Sign-in throttling with django-axes: who is guessing, the GOV.UK page (with Retry-After) a
locked-out person sees, and the audit event each lockout writes.

Three counts, each with its own limit (issue 23: five failures from a council's one shared address
must not lock everyone there out):
- one account from one address: AXES_FAILURE_LIMIT (5);
- one account from any addresses: SIGN_IN_ACCOUNT_FAILURE_LIMIT (10), against guessing spread
  over many addresses;
- one address on any accounts: SIGN_IN_ADDRESS_FAILURE_LIMIT (50), against one address trying
  many accounts, high enough for a council's staff behind one proxy.

Neither logs nor the audit trail hold an email address or a network address: both are named by
a keyed hash (`pseudonym`), enough to see that two lockouts came from the same place.
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
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


def limits() -> dict[str, int]:
    """Each count's limit, in the order of AXES_LOCKOUT_PARAMETERS."""
    return {
        "account_and_address": settings.AXES_FAILURE_LIMIT,
        "account": settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT,
        "address": settings.SIGN_IN_ADDRESS_FAILURE_LIMIT,
    }


class ThreeCountsHandler(AxesDatabaseHandler):
    """Axes compares one number with one limit (AXES_FAILURE_LIMIT): each count is scaled to
    that limit by its own, so a count reaches AXES_FAILURE_LIMIT exactly when it reaches its own
    limit."""

    def get_failures(self, request, credentials=None) -> int:
        base = settings.AXES_FAILURE_LIMIT
        scaled = 0
        for attempts, limit in zip(
            self.get_user_attempts(request, credentials), limits().values(), strict=True
        ):
            count = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            scaled = max(scaled, count * base // limit)
        return scaled


def try_again_at():
    return timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)


def locked_out_response(request, original_response=None, credentials=None):
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(
        request,
        "account/locked_out.html",
        {"try_again_at": try_again_at(), "minutes": seconds // 60},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(seconds)  # each further try starts the cool-off again
    return response


def _failures(**match) -> int:
    found = AccessAttempt.objects.filter(**match).aggregate(total=Sum("failures_since_start"))
    return found["total"] or 0


@receiver(user_locked_out)
def audit_lockout(sender, request, username, ip_address, **kwargs):
    """One audit event when a count reaches its limit; the further tries made while it is
    locked (which push the cool-off back) write none."""
    pair = _failures(username=username, ip_address=ip_address) if username and ip_address else 0
    counts = {
        "account_and_address": pair,
        "account": _failures(username=username) if username else 0,
        "address": _failures(ip_address=ip_address) if ip_address else 0,
    }
    reached = [kind for kind, limit in limits().items() if counts[kind] == limit]
    if not reached:
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
        reason=f"{limits()[reached[0]]} failed sign-ins",
        changes={
            "locked": sorted(kind for kind, limit in limits().items() if counts[kind] >= limit),
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
