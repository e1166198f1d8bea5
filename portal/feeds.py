"""Atom feeds (django.contrib.syndication): the base every app's feed uses, and the feed of open
challenge windows (s.82), which portal owns. Feeds carry public fields only and link to the
public pages; each app registers its own (portal imports no app)."""

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from portal.models import ChallengeWindow

FEED_ITEMS = 50


def day_start(day) -> datetime | None:
    """A calendar day as an aware datetime (Atom dates are instants)."""
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.min))


class AtomFeed(Feed):
    feed_type = Atom1Feed
    author_name = settings.WAGTAIL_SITE_NAME

    def item_author_name(self, item):
        return None  # the feed's author (the portal) stands for every entry: no person's name


class OpenWindowsFeed(AtomFeed):
    title = "Services open for challenges"
    subtitle = (
        "Challenge windows open now (Community Right to Challenge, Localism Act 2011 s.82), "
        "newest first"
    )
    link = "/services/"

    def items(self):
        today = timezone.localdate()
        return (
            ChallengeWindow.objects.open_on(today)
            .filter(Q(service__isnull=True) | Q(service__live=True))
            .select_related("authority", "service", "authority__services_page")
            .order_by("-opens_on", "-pk")[:FEED_ITEMS]
        )

    def _page(self, window):
        if window.service_id and window.service.live:
            return window.service
        return getattr(window.authority, "services_page", None)

    def item_title(self, window):
        scope = window.service.title if window.service_id else "all services"
        return f"{window.authority.nice_name}: {scope}, open until {window.closes_on:%-d %B %Y}"

    def item_description(self, window):
        text = (
            f"{window.authority.nice_name} accepts expressions of interest "
            f"from {window.opens_on:%-d %B %Y} to {window.closes_on:%-d %B %Y}."
        )
        return f"{text} {window.notes}" if window.notes else text

    def item_link(self, window):
        page = self._page(window)
        return (page.url if page is not None else None) or "/services/"

    def item_guid(self, window):
        return f"{settings.BASE_URL.rstrip('/')}/feeds/windows/#window-{window.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, window):
        return day_start(window.opens_on)

    def item_updateddate(self, window):
        return day_start(window.opens_on)
