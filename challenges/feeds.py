"""/feeds/decisions/: the register of decisions as an Atom feed (public fields only)."""

from django.urls import reverse

from portal.feeds import FEED_ITEMS, AtomFeed
from portal.models import provenance

from .models import Challenge, Outcome


class DecisionsFeed(AtomFeed):
    title = "Decisions on challenges to run local services"
    subtitle = "The register of decisions (Localism Act 2011 s.84(9)), newest first"

    def link(self):
        return reverse("decisions:list")

    def items(self):
        return (
            Challenge.objects.published()
            .select_related("authority", "service", "organisation")
            .order_by("-decided_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, challenge):
        return f"{challenge.reference}: {challenge.service.title}"

    def item_description(self, challenge):
        # What the public register shows: outcome, authority, the body (an organisation).
        return provenance.summary_prefix(challenge) + (
            f"{Outcome(challenge.outcome).label}. Challenge by {challenge.organisation.name} to "
            f"{challenge.authority.nice_name}'s {challenge.service.title}."
        )

    def item_link(self, challenge):
        return reverse("decisions:detail", args=[challenge.reference])

    def item_pubdate(self, challenge):
        return challenge.decided_at

    def item_updateddate(self, challenge):
        return challenge.decided_at
