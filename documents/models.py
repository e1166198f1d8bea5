"""Files people upload or the portal writes (evidence, replies, signed agreements, decision
letters), each kept with its checksum. The bytes live in the default storage under storage_key."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse


class StoredDocument(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # What the document belongs to (a challenge, a reply, an organisation...): apps add a
    # GenericRelation(StoredDocument, content_type_field="owner_type", object_id_field="owner_id").
    owner_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    authority = models.ForeignKey(
        "portal.Authority",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stored_documents",
    )
    kind = models.CharField(
        max_length=50, blank=True, help_text="What the document is for, in the owner's terms."
    )
    title = models.CharField(max_length=200, blank=True)
    original_name = models.CharField(max_length=255)
    name = models.CharField("safe file name", max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField("SHA-256", max_length=64)
    storage_key = models.CharField(max_length=500, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A CSV with a cell a spreadsheet would run as a formula: officers are warned before opening.
    has_formulas = models.BooleanField(default=False, editable=False)

    class Meta:
        db_table = "portal_storeddocument"  # the table it had in portal (moved, not copied)
        ordering = ["created_at"]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="document_owner")]

    def __str__(self):
        return self.title or self.name

    def get_absolute_url(self):
        return reverse("document-download", args=[self.pk])

    @property
    def type_label(self) -> str:
        return self.name.rsplit(".", 1)[-1].upper()

    @property
    def size_label(self) -> str:
        from documents.uploads import human_size

        return human_size(self.size)

    def audit_summary(self) -> dict:
        """What an audit event records about the document (no personal data)."""
        return {
            "document": str(self.pk),
            "name": self.name,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
        }
