"""What is new for an alert: records published since its last run that match its saved search
(on the active search backend), or challenge windows for its service that have opened.

Items already sent, or already there when the alert was confirmed, are in SentItem; a run that
repeats finds nothing twice."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from portal.models import ChallengeWindow
from search import params
from search.backends import get_backend
from search.backends.base import SearchQuery, strip_marks

from .models import SentItem, Subscription

log = logging.getLogger(__name__)
MAX_RESULTS = 50  # the most records one alert email lists
# Records are dated by day; look a day further back than the last run so a record dated just
# before midnight (or indexed late) is not missed. SentItem stops it being sent twice.
LOOKBACK = timedelta(days=1)


@dataclass
class NewItem:
    key: str  # the SentItem.item
    title: str
    url: str
    obj: object = None


def saved_query(subscription: Subscription) -> SearchQuery:
    return params.parse(QueryDict(subscription.query)).query


def search_description(subscription: Subscription) -> str:
    return params.describe(saved_query(subscription))


def search_url(subscription: Subscription) -> str:
    path = reverse("search:search")
    return f"{path}?{subscription.query}" if subscription.query else path


def window_scope(subscription: Subscription) -> str:
    if subscription.service_id:
        return subscription.service.title
    return f"all {subscription.authority.nice_name} services"


def _since(subscription: Subscription) -> date:
    start = subscription.last_run_at or subscription.confirmed_at or timezone.now()
    return timezone.localdate(start) - LOOKBACK


def _search_candidates(subscription: Subscription, since: date) -> list[NewItem]:
    query = saved_query(subscription)
    if query.date_to and query.date_to < since:
        return []
    query.date_from = max(query.date_from or since, since)
    query.sort, query.page, query.per_page = "date", 1, MAX_RESULTS
    hits = get_backend().search(query).hits
    return [NewItem(f"{h.kind}-{h.object_id}", strip_marks(h.title), h.url) for h in hits]


def _windows(subscription: Subscription, since: date):
    today = timezone.localdate()
    windows = ChallengeWindow.objects.filter(opens_on__lte=today, closes_on__gte=since)
    if subscription.service_id:
        windows = windows.for_service(subscription.service)
    else:
        windows = windows.filter(authority_id=subscription.authority_id)
    return windows.select_related("authority", "service").order_by("opens_on", "pk")


def _window_candidates(subscription: Subscription, since: date) -> list[NewItem]:
    return [NewItem(f"window-{w.pk}", str(w), "", obj=w) for w in _windows(subscription, since)]


def candidates(subscription: Subscription) -> list[NewItem]:
    since = _since(subscription)
    if subscription.kind == Subscription.Kind.SEARCH:
        return _search_candidates(subscription, since)
    return _window_candidates(subscription, since)


def new_items(subscription: Subscription) -> list[NewItem]:
    found = candidates(subscription)
    seen = set(
        SentItem.objects.filter(
            subscription=subscription, item__in=[i.key for i in found]
        ).values_list("item", flat=True)
    )
    return [i for i in found if i.key not in seen]


def record_baseline(subscription: Subscription) -> None:
    """What matches when the alert starts is not news: remember it without sending it. For a
    window alert, a window open today counts as already open."""
    try:
        found = candidates(subscription)
    except Exception:  # search is down: the first run lists today's records as well
        log.exception("could not record what alert %s already matches", subscription.pk)
        return
    SentItem.objects.bulk_create(
        [SentItem(subscription=subscription, item=i.key, emailed=False) for i in found],
        ignore_conflicts=True,
    )
