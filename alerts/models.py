"""Email alerts the public and providers ask for: new results of a saved search, and the opening
of a challenge window (Localism Act 2011 s.82) for a service or for all of an authority's services.

The address is personal data: it is shown only in the Wagtail admin (to site admins), never in
public pages, logs or the search index, and it goes with the row when someone unsubscribes.
"""

import uuid

from django.conf import settings
from django.db import models


class Subscription(models.Model):
    class Kind(models.TextChoices):
        SEARCH = "search", "New search results"
        WINDOW = "window", "A challenge window opens"

    class Frequency(models.TextChoices):
        INSTANT = "instant", "As soon as they are published"
        DAILY = "daily", "Once a day, in one email"

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    email = models.EmailField(max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="alert_subscriptions",
    )
    query = models.TextField(blank=True, help_text="The search's normalised query string")
    service = models.ForeignKey(
        "portal.ServiceSpecificationPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty for a window alert that covers all of the authority's services",
    )
    authority = models.ForeignKey(
        "portal.Authority", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.INSTANT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty until the address is confirmed (double opt-in)"
    )
    last_run_at = models.DateTimeField(null=True, blank=True)

    wagtail_reference_index_ignore = True  # not content: no "usage" of the service page

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "frequency", "confirmed_at"], name="alerts_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="search") | models.Q(authority__isnull=False),
                name="window_alert_has_authority",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} alert #{self.pk}"

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None


class SentItem(models.Model):
    """What a subscription has already been told about (or what existed when it was confirmed),
    so a run that repeats, or overlaps another, never sends the same thing twice."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="sent_items"
    )
    item = models.CharField(max_length=120, help_text='"decision-12", "window-5", ...')
    emailed = models.BooleanField(
        default=True, help_text="False: it already existed when the alert was confirmed"
    )
    at = models.DateTimeField(auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "item"], name="alert_item_once")
        ]

    def __str__(self):
        return f"{self.item} for alert #{self.subscription_id}"
