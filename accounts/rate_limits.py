"""Rate limits on the forms anyone can send: creating an account, asking for a password reset
link, asking for a new confirmation link (signing in with an unconfirmed address) and feedback.

django-ratelimit counts in the shared cache (a database table every web process reads), each
form per network address (`FORMS_PER_NETWORK_ADDRESS`, feedback `FEEDBACK_PER_NETWORK_ADDRESS`)
and the three account forms together per email address (`ACCOUNT_EMAILS_PER_ADDRESS`: one inbox
gets no more than that many of these emails), in windows of `RATE_LIMIT_WINDOW_MINUTES`. Only
a submission that passes the form's checks counts (the ones that would send or store
something). Over a limit, the person gets a GOV.UK page (429, Retry-After); the log names the
form and which limit, never an address.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django_ratelimit.core import get_usage

from accounts import lockout

logger = logging.getLogger(__name__)

ACCOUNT_EMAIL_GROUP = "account-email"


@dataclass(frozen=True)
class Form:
    what: str  # "to <what> too many times"
    per_network: str  # the setting with this form's count per network address
    sends_email: bool  # counted per email address too


FORMS = {
    "register": Form("create an account", "FORMS_PER_NETWORK_ADDRESS", True),
    "password-reset": Form("ask for a password reset link", "FORMS_PER_NETWORK_ADDRESS", True),
    "confirm-email": Form("ask for a new confirmation link", "FORMS_PER_NETWORK_ADDRESS", True),
    "feedback": Form("send feedback", "FEEDBACK_PER_NETWORK_ADDRESS", False),
}


def window_seconds() -> int:
    return settings.RATE_LIMIT_WINDOW_MINUTES * 60


def _count(request, group: str, value: str, limit: int) -> int | None:
    """One more use of `group` by `value`; the seconds until its window ends when over."""
    usage = get_usage(
        request,
        group=group,
        key=lambda _group, _request: value,
        rate=(limit, window_seconds()),
        increment=True,
    )
    if usage is None or not usage["should_limit"]:
        return None
    return usage["time_left"] if usage["time_left"] > 0 else window_seconds()


def wait_for(request, form: str, email: str = "") -> int | None:
    """Counts one submission of `form` (from this network address, and about `email` for the
    account forms). Returns the seconds to wait when it is over a limit, None when it may go."""
    spec = FORMS[form]
    waits = {}
    address = lockout.client_ip(request) or "unknown"
    waits["network address"] = _count(
        request, f"{form}:network", lockout.pseudonym(address), getattr(settings, spec.per_network)
    )
    if spec.sends_email and email:
        waits["email address"] = _count(
            request,
            ACCOUNT_EMAIL_GROUP,
            lockout.pseudonym(email.strip().lower()),
            settings.ACCOUNT_EMAILS_PER_ADDRESS,
        )
    over = {kind: wait for kind, wait in waits.items() if wait is not None}
    if not over:
        return None
    logger.warning("Rate limit reached on %s, per %s", form, " and per ".join(sorted(over)))
    return max(over.values())


def too_many_attempts(request, form: str, wait: int):
    """The GOV.UK "too many attempts" page: 429, Retry-After, and when to try again."""
    try_again_at = timezone.localtime(timezone.now() + timedelta(seconds=wait))
    response = render(
        request,
        "account/too_many_attempts.html",
        {
            "what": FORMS[form].what,
            "try_again_at": try_again_at,
            "minutes": max(1, -(-wait // 60)),
            "feedback": form == "feedback",
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response
