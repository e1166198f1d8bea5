"""/feeds/notices/: published procurement notices as an Atom feed (public fields only)."""

from django.db.models import F, Max
from django.urls import reverse

from portal.feeds import FEED_ITEMS, AtomFeed, day_start
from procurement.publication import exercise_public_fields, published_exercises


class NoticesFeed(AtomFeed):
    title = "Procurement notices"
    subtitle = "Procurement exercises for local services, newest notice first"

    def link(self):
        return reverse("procurement-public:list")

    def items(self):
        exercises = (
            published_exercises()
            .annotate(latest=Max("notices__published_on"))
            .prefetch_related("notices")
            .order_by(F("latest").desc(nulls_last=True), "-pk")[:FEED_ITEMS]
        )
        return [exercise_public_fields(e) for e in exercises]

    def item_title(self, fields):
        return f"{fields['reference']}: {fields['title']} ({fields['state_label']})"

    def item_description(self, fields):
        latest = fields["notices"][-1]["label"] if fields["notices"] else fields["state_label"]
        return f"{fields['provenance_mark']}{fields['authority']}. {latest}. {fields['summary']}"

    def item_link(self, fields):
        return fields["url"]

    def item_pubdate(self, fields):
        return day_start(fields["started_on"])

    def item_updateddate(self, fields):
        return day_start(fields["date"])
