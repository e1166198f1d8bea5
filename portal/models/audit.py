"""The audit trail every workflow writes to: append-only and hash-chained (DESIGN.md "Audit").

Rows are written only through `portal.audit.record`, which takes the chain lock, links each event
to the one before it and computes its hash. The database refuses UPDATE and DELETE on the table
(triggers made in migration 0003); the model refuses them too, so the ORM fails early.
"""

import hashlib
import json
from datetime import UTC, datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

GENESIS_HASH = "0" * 64

# The fields the hash covers, in the names of the canonical serialisation, which are the model's
# field names (the actor's is its id). The only list of them: the model's hash, the raw INSERT and
# the verification all read it.
HASHED_FIELDS = (
    "seq",
    "object_kind",
    "object_id",
    "reference",
    "transition",
    "from_state",
    "to_state",
    "actor",
    "actor_role",
    "at",
    "reason",
    "changes",
    "prev_hash",
)


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with microseconds, as both databases store them."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def normalise_changes(changes) -> dict | list:
    """What a JSONField gives back after a round trip (dates, decimals and UUIDs as strings)."""
    return json.loads(json.dumps(changes if changes is not None else {}, cls=DjangoJSONEncoder))


def compute_hash(**fields) -> str:
    """SHA-256 hex over the canonical JSON of an event's HASHED_FIELDS (each given by name, the
    actor as its id): sorted keys, compact, UTC times."""
    if fields.keys() != set(HASHED_FIELDS):
        raise TypeError(f"compute_hash takes exactly {', '.join(HASHED_FIELDS)}")
    canonical = json.dumps(
        {**fields, "at": iso_utc(fields["at"])},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AppendOnlyError(Exception):
    """Audit events are never changed or deleted once written."""


class AuditEvent(models.Model):
    seq = models.BigIntegerField(unique=True, help_text="Position in the chain, from 1.")
    object_kind = models.CharField(max_length=100, help_text='"app_label.model_name"')
    object_id = models.CharField(max_length=64)
    reference = models.CharField(max_length=40, blank=True)
    transition = models.CharField(max_length=60)
    from_state = models.CharField(max_length=40, blank=True)
    to_state = models.CharField(max_length=40, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    actor_role = models.CharField(max_length=40, default="system")
    at = models.DateTimeField()
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_kind", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"#{self.seq} {self.object_kind}:{self.object_id} {self.transition}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed once written")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted")

    def computed_hash(self) -> str:
        return compute_hash(**{name: getattr(self, attname) for name, attname in HASHED_ATTNAMES})


# (name in the hash, model attribute) of each hashed field: the actor is read as its id.
HASHED_ATTNAMES = tuple((name, AuditEvent._meta.get_field(name).attname) for name in HASHED_FIELDS)
