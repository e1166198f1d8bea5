"""Durable events, the in-app notifications they produce, what each person wants emailed, and
the cases people follow. See messaging/events.py and messaging/notifications.py."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q


class EventRecord(models.Model):
    """One published event, written in the publisher's transaction and delivered after it."""

    kind = models.CharField(max_length=80, help_text="<machine>.<transition or deadline>")
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    reference = models.CharField(max_length=60, blank=True, help_text="The case's reference")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    key = models.CharField(
        max_length=100,
        blank=True,
        help_text="An idempotency key (a deadline's date): one event per kind, subject and key",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        db_table = "portal_eventrecord"  # the table it had in portal (moved, not copied)
        ordering = ["-created_at", "-pk"]
        verbose_name = "event"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id", "key"],
                condition=~Q(key=""),
                name="one_event_per_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(delivered_at=None), name="event_undelivered"
            ),
            models.Index(fields=["subject_type", "subject_id"], name="event_subject"),
        ]

    def __str__(self):
        return f"{self.kind} {self.reference or self.subject_id}"


class Frequency(models.TextChoices):
    INSTANT = "instant", "Straight away"
    DAILY = "daily", "In a daily summary"
    OFF = "off", "Do not email me"


class Notification(models.Model):
    """What one person is told about one event, in the app; `email` says how it goes by email."""

    class Email(models.TextChoices):
        NONE = "none", "Not emailed"
        INSTANT = "instant", "Emailed at once"
        DAILY = "daily", "In the daily summary"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.ForeignKey(EventRecord, on_delete=models.CASCADE, related_name="notifications")
    role = models.CharField(max_length=40, help_text="Why this person was told")
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email = models.CharField(max_length=8, choices=Email.choices, default=Email.NONE)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "portal_notification"  # the table it had in portal (moved, not copied)
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="one_notification_each")
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(
                fields=["user"],
                condition=Q(email="daily", emailed_at=None),
                name="notification_digest_due",
            ),
        ]

    def __str__(self):
        return f"{self.event.kind} for user {self.user_id}"

    @property
    def label(self) -> str:
        from messaging import subscriptions

        row = subscriptions.get(self.event.kind)
        return row.label if row else self.event.kind


class NotificationPreference(models.Model):
    """How one person wants one kind of event emailed; without a row, straight away."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=80)
    frequency = models.CharField(max_length=8, choices=Frequency.choices)

    class Meta:
        db_table = "portal_notificationpreference"  # the table it had in portal (moved, not copied)
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_each")]

    def __str__(self):
        return f"{self.kind}: {self.frequency}"


class Digest(models.Model):
    """One daily summary sent to one person: at most one a day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "portal_digest"  # the table it had in portal (moved, not copied)
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_digest_a_day")]

    def __str__(self):
        return f"digest of {self.day} for user {self.user_id}"


class Watch(models.Model):
    """A person following a case: told of what happens to it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "portal_watch"  # the table it had in portal (moved, not copied)
        constraints = [
            models.UniqueConstraint(
                fields=["user", "subject_type", "subject_id"], name="one_watch_each"
            )
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="watch_subject")]

    def __str__(self):
        return f"user {self.user_id} follows {self.subject_type_id}/{self.subject_id}"
