"""Setting up an alert: signed-in people with a confirmed address start at once; anyone else
confirms the address first (double opt-in), with at most one confirmation email to an address
every CONFIRM_THROTTLE."""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from messaging import outbox

from . import links, matching
from .models import Subscription

log = logging.getLogger(__name__)
CONFIRM_THROTTLE = timedelta(minutes=5)


class TooSoon(Exception):
    """A confirmation email went to this address less than CONFIRM_THROTTLE ago."""


def describe(subscription: Subscription) -> str:
    if subscription.kind == Subscription.Kind.SEARCH:
        return f"new results for the search {matching.search_description(subscription)}"
    return f"challenge windows opening for {matching.window_scope(subscription)}"


def is_own_confirmed_address(user, email: str) -> bool:
    return bool(
        user.is_authenticated
        and user.email_confirmed
        and user.email
        and user.email.lower() == email.lower()
    )


@transaction.atomic
def subscribe(user, email: str, **fields) -> Subscription:
    """Create the subscription: active at once for the signed-in owner of a confirmed address,
    otherwise pending until the emailed link is opened. Raises TooSoon (and saves nothing)."""
    email = email.strip()
    now = timezone.now()
    own = is_own_confirmed_address(user, email)
    if not own:
        recent = Subscription.objects.select_for_update().filter(
            email__iexact=email, confirmation_sent_at__gt=now - CONFIRM_THROTTLE
        )
        if recent.exists():
            raise TooSoon
    subscription = Subscription.objects.create(
        email=email,
        user=user if user.is_authenticated else None,
        confirmation_sent_at=None if own else now,
        **fields,
    )
    if own:
        activate(subscription)
    else:
        outbox.queue(
            "alert_confirm",
            [email],
            alert_description=describe(subscription),
            confirm_url=links.confirm_url(subscription),
        )
    log.info(
        "alert %s created (%s, %s)",
        subscription.pk,
        subscription.kind,
        "active" if own else "pending",
    )
    return subscription


def activate(subscription: Subscription) -> bool:
    """Start the alert; what already exists is recorded as seen so only new things are sent.
    Returns False when it was already active."""
    with transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if locked.confirmed_at is not None:
            return False
        locked.confirmed_at = locked.last_run_at = timezone.now()
        locked.save(update_fields=["confirmed_at", "last_run_at"])
        matching.record_baseline(locked)
    subscription.refresh_from_db()
    return True


def unsubscribe(subscription: Subscription) -> None:
    """Delete the alert and the address with it."""
    pk = subscription.pk
    subscription.delete()
    log.info("alert %s unsubscribed", pk)
