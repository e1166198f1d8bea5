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

    def get_object(self, request, *args, **kwargs):
        return request  # the pages' addresses are worked out with it (Wagtail caches the sites)

    def items(self, request):
        today = timezone.localdate()
        windows = list(
            ChallengeWindow.objects.open_on(today)
            .filter(Q(service__isnull=True) | Q(service__live=True, service__excluded=False))
            .select_related("authority", "service", "authority__services_page")
            .order_by("-opens_on", "-pk")[:FEED_ITEMS]
        )
        for window in windows:
            page = window.service if window.service_id else None
            if page is None:
                page = getattr(window.authority, "services_page", None)
            path = page.get_url(request=request) if page is not None and page.live else None
            window.public_path = path or "/services/"
        return windows

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
        return window.public_path

    def item_guid(self, window):
        return f"{settings.BASE_URL.rstrip('/')}/feeds/windows/#window-{window.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, window):
        return day_start(window.opens_on)

    def item_updateddate(self, window):
        return day_start(window.opens_on)
