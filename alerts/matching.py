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
# Records are dated by day, and some by a date people enter (a notice by the day Find a Tender
# published it, which an officer may record days later): look a week further back than the last
# run so such a record is not missed. SentItem stops anything being sent twice.
LOOKBACK = timedelta(days=7)


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


def _since(subscription: Subscription, lookback: timedelta = LOOKBACK) -> date:
    start = subscription.last_run_at or subscription.confirmed_at or timezone.now()
    return timezone.localdate(start) - lookback


def _search_candidates(subscription: Subscription, since: date) -> list[NewItem]:
    query = saved_query(subscription)
    if query.date_to and query.date_to < since:
        return []
    query.date_from = max(query.date_from or since, since)
    query.sort, query.page, query.per_page = "date", 1, MAX_RESULTS
    query.strict = True  # news is what matches the saved words, never a near miss
    hits = get_backend().search(query).hits
    return [NewItem(f"{h.kind}-{h.object_id}", strip_marks(h.title), h.url) for h in hits]


def _windows(subscription: Subscription, since: date):
    today = timezone.localdate()
    windows = ChallengeWindow.objects.filter(opens_on__lte=today, closes_on__gte=since)
    if subscription.service_id:
        windows = windows.for_service(subscription.service)
    else:
        windows = windows.filter(authority_id=subscription.authority_id)
    return windows.select_related("authority__services_page", "service").order_by("opens_on", "pk")


def window_page_path(window: ChallengeWindow) -> str:
    """The public page a window's alert links to: its service, else the authority's services."""
    page = window.service if window.service_id else None
    if page is None or not page.live:
        page = getattr(window.authority, "services_page", None)
    return (page.url if page is not None and page.live else None) or "/services/"


def _window_candidates(subscription: Subscription, since: date) -> list[NewItem]:
    return [
        NewItem(f"window-{w.pk}", str(w), window_page_path(w), obj=w)
        for w in _windows(subscription, since)
    ]


def candidates(subscription: Subscription) -> list[NewItem]:
    if subscription.kind == Subscription.Kind.SEARCH:
        return _search_candidates(subscription, _since(subscription))
    # A window's days are the authority's own: one still open, or open since the last run.
    return _window_candidates(subscription, _since(subscription, lookback=timedelta(0)))


class Candidates:
    """What alerts match in one run, worked out once for all the alerts that share a saved
    search or a service (thousands may follow the same one)."""

    def __init__(self):
        self._found: dict[tuple, list[NewItem]] = {}
        self._descriptions: dict[str, str] = {}

    def get(self, subscription: Subscription) -> list[NewItem]:
        since = _since(subscription)  # a day: alerts that ran the same day share it
        key = (
            subscription.kind,
            subscription.query,
            subscription.service_id,
            subscription.authority_id,
            since,
        )
        if key not in self._found:
            self._found[key] = candidates(subscription)
        return self._found[key]

    def description(self, subscription: Subscription) -> str:
        if subscription.query not in self._descriptions:
            self._descriptions[subscription.query] = search_description(subscription)
        return self._descriptions[subscription.query]


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
