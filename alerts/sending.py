"""The send_alerts job: for each active alert of a frequency, email what is new since its last
run, once. The worker runs the instant alerts every few minutes and the daily ones once a day.

Alerts are taken BATCH at a time in one transaction with their rows locked (SKIP LOCKED), so two
workers never take the same alert, and the emails, the SentItem rows and last_run_at commit
together: a run that fails halfway sends nothing twice when it is repeated. What a saved search
or a service's windows match is worked out once per run for every alert that shares it. When a
batch fails, its alerts run again one by one, so one broken alert holds up no other."""

import logging
from collections import Counter

from django.db import transaction
from django.utils import timezone

from messaging import outbox

from . import links, matching
from .models import SentItem, Subscription

log = logging.getLogger(__name__)
BATCH = 200


def send_alerts(frequency: str = Subscription.Frequency.INSTANT) -> Counter:
    """Run every active alert of `frequency`. Returns counts: emails, alerts, failed."""
    counts: Counter = Counter()
    ids = list(
        Subscription.objects.filter(frequency=frequency, confirmed_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    shared = matching.Candidates()
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        try:
            counts.update(run_batch(batch, shared))
        except Exception:
            log.warning("a batch of %s alerts failed; running them one by one", len(batch))
            for pk in batch:
                try:
                    counts.update(run_batch([pk], matching.Candidates()))
                except Exception:
                    counts["failed"] += 1
                    log.exception("alert %s failed; it runs again next time", pk)
    log.info("send_alerts %s: %s", frequency, dict(counts))
    return counts


def run_batch(pks: list[int], shared: "matching.Candidates") -> Counter:
    counts: Counter = Counter()
    with transaction.atomic():
        subscriptions = list(
            Subscription.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("service", "authority")
            .filter(pk__in=pks, confirmed_at__isnull=False)
            .order_by("pk")
        )
        if not subscriptions:  # unsubscribed meanwhile, or another worker has them
            return counts
        started = timezone.now()
        found = {s.pk: shared.get(s) for s in subscriptions}
        seen = set(
            SentItem.objects.filter(
                subscription__in=subscriptions,
                item__in={i.key for items in found.values() for i in items},
            ).values_list("subscription_id", "item")
        )
        sent_items = []
        for subscription in subscriptions:
            items = [i for i in found[subscription.pk] if (subscription.pk, i.key) not in seen]
            counts["alerts"] += 1
            if not items:
                continue
            sent_items += [SentItem(subscription=subscription, item=i.key) for i in items]
            if subscription.kind == Subscription.Kind.SEARCH:
                counts["emails"] += _search_email(subscription, items, shared)
            else:
                counts["emails"] += sum(_window_email(subscription, i) for i in items)
        SentItem.objects.bulk_create(sent_items)
        Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).update(
            last_run_at=started
        )
    return counts


def _search_email(subscription, items, shared) -> int:
    results = "\n\n".join(f"{i.title}\n{links.absolute(i.url)}" for i in items)
    if len(items) >= matching.MAX_RESULTS:
        results += f"\n\n(The newest {matching.MAX_RESULTS}: there may be more.)"
    outbox.queue(
        "search_alert",
        [subscription.email],
        search_description=shared.description(subscription),
        results=results,
        search_url=links.absolute(matching.search_url(subscription)),
        unsubscribe_url=links.unsubscribe_url(subscription),
    )
    return 1


def _window_email(subscription, item) -> int:
    window = item.obj
    if window.service_id:
        scope = window.service.title
    else:
        scope = f"all {window.authority.nice_name} services"
    outbox.queue(
        "window_open_alert",
        [subscription.email],
        authority_name=window.authority.nice_name,
        scope=scope,
        opens_on=f"{window.opens_on:%-d %B %Y}",
        closes_on=f"{window.closes_on:%-d %B %Y}",
        service_url=links.absolute(item.url),
        unsubscribe_url=links.unsubscribe_url(subscription),
    )
    return 1
