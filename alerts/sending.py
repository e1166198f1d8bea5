"""The send_alerts job: for each active alert of a frequency, email what is new since its last
run, once. The worker runs the instant alerts every few minutes and the daily ones once a day.

Each alert is handled in its own transaction with its row locked (SKIP LOCKED), so two workers
never take the same alert, and the email, the SentItem rows and last_run_at commit together:
a run that fails halfway sends nothing twice when it is repeated."""

import logging
from collections import Counter

from django.db import transaction
from django.utils import timezone

from portal import outbox

from . import links, matching
from .models import SentItem, Subscription

log = logging.getLogger(__name__)


def send_alerts(frequency: str = Subscription.Frequency.INSTANT) -> Counter:
    """Run every active alert of `frequency`. Returns counts: emails, alerts, failed."""
    counts: Counter = Counter()
    ids = list(
        Subscription.objects.filter(frequency=frequency, confirmed_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        try:
            counts["emails"] += run_one(pk)
            counts["alerts"] += 1
        except Exception:
            counts["failed"] += 1
            log.exception("alert %s failed; it runs again next time", pk)
    log.info("send_alerts %s: %s", frequency, dict(counts))
    return counts


def run_one(pk: int) -> int:
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("service", "authority")
            .filter(pk=pk, confirmed_at__isnull=False)
            .first()
        )
        if subscription is None:  # unsubscribed meanwhile, or another worker has it
            return 0
        started = timezone.now()
        items = matching.new_items(subscription)
        sent = 0
        if items:
            SentItem.objects.bulk_create(
                SentItem(subscription=subscription, item=i.key) for i in items
            )
            if subscription.kind == Subscription.Kind.SEARCH:
                sent = _search_email(subscription, items)
            else:
                sent = sum(_window_email(subscription, i.obj) for i in items)
        subscription.last_run_at = started
        subscription.save(update_fields=["last_run_at"])
        return sent


def _search_email(subscription, items) -> int:
    results = "\n\n".join(f"{i.title}\n{links.absolute(i.url)}" for i in items)
    outbox.queue(
        "search_alert",
        [subscription.email],
        search_description=matching.search_description(subscription),
        results=results,
        search_url=links.absolute(matching.search_url(subscription)),
        unsubscribe_url=links.unsubscribe_url(subscription),
    )
    return 1


def _window_email(subscription, window) -> int:
    if window.service_id:
        scope = window.service.title
    else:
        scope = f"all {window.authority.nice_name} services"
    page = (
        window.service or subscription.service or getattr(window.authority, "services_page", None)
    )
    url = links.absolute((page.url if page is not None and page.live else None) or "/services/")
    outbox.queue(
        "window_open_alert",
        [subscription.email],
        authority_name=window.authority.nice_name,
        scope=scope,
        opens_on=f"{window.opens_on:%-d %B %Y}",
        closes_on=f"{window.closes_on:%-d %B %Y}",
        service_url=url,
        unsubscribe_url=links.unsubscribe_url(subscription),
    )
    return 1
