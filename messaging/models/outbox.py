"""The email outbox: one row per message and recipient, written in the transaction of the change
that causes it and delivered after the commit by messaging.outbox.delivery."""

from django.db import models
from django.utils import timezone

from messaging import email_kinds


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=40, help_text="A kind from messaging/email_kinds.py")
    # One address per row: members of a body never see each other's addresses.
    recipient = models.EmailField(max_length=254)
    personalisation = models.JSONField(default=dict, help_text="The template's fields")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker marked it sending"
    )
    provider_id = models.CharField(
        "provider's id",
        max_length=200,
        blank=True,
        help_text="GOV.UK Notify's notification id, or the SMTP Message-ID",
    )
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "portal_outboxmessage"  # the table it had in portal (moved, not copied)
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        verbose_name = "email"
        verbose_name_plural = "emails"

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    @property
    def kind_description(self) -> str:
        kind = email_kinds.KINDS.get(self.kind)
        return kind.when if kind else ""
