"""/feeds/search/?<any search query string>: the results of /search/, newest first."""

import logging

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from portal.feeds import FEED_ITEMS, AtomFeed, day_start
from search import params
from search.backends import get_backend
from search.backends.base import strip_marks

log = logging.getLogger(__name__)


class SearchFeed(AtomFeed):
    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Exception:
            log.exception("search feed failed")
            return HttpResponse(
                "Search is not available at the moment. Try again in a few minutes.",
                status=503,
                content_type="text/plain; charset=utf-8",
            )

    def get_object(self, request):
        query = params.parse(request.GET).query
        query.sort, query.page, query.per_page = "date", 1, FEED_ITEMS
        query.strict = True  # a feed's items match its words as typed, never a near miss
        return query

    def title(self, query):
        return f"Search results: {params.describe(query)}"

    def subtitle(self, query):
        return "Records on the Challenge and Transfer Portal that match this search, newest first"

    def link(self, query):
        canonical = params.canonical(query)
        return reverse("search:search") + (f"?{canonical}" if canonical else "")

    def feed_url(self, query):
        canonical = params.canonical(query)
        return reverse("search:feed") + (f"?{canonical}" if canonical else "")

    def items(self, query):
        return get_backend().search(query).hits

    def item_title(self, hit):
        return strip_marks(hit.title)

    def item_description(self, hit):
        return hit.summary

    def item_link(self, hit):
        return hit.url or "/search/"

    def item_guid(self, hit):
        return self._absolute(f"/search/#{hit.kind}-{hit.object_id}")

    item_guid_is_permalink = False

    def _absolute(self, path):
        from django.conf import settings

        return settings.BASE_URL.rstrip("/") + path

    def item_updateddate(self, hit):
        return day_start(hit.date) or timezone.now()  # Atom needs a date; records have one

    def item_pubdate(self, hit):
        return day_start(hit.date)
