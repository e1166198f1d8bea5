"""Where a record came from (issue 20, "provenance everywhere"): recorded in the portal, imported
from an authority's own register (the file and its row), or synthetic (the demo's made-up cases
and the dashboard's synthetic history). Every challenge (and its decision), procurement exercise
and transfer agreement carries it, and every surface that shows one says when it is synthetic.

    with provenance.recording(provenance.SYNTHETIC):   # the demo's seeders
        Challenge.objects.create(...)                   # provenance "synthetic"
"""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.db import models

PORTAL, IMPORTED, SYNTHETIC = "portal", "imported", "synthetic"
CHOICES = [
    (PORTAL, "Recorded in the portal"),
    (IMPORTED, "Imported from the authority's register"),
    (SYNTHETIC, "Synthetic demonstration record"),
]
LABELS = dict(CHOICES)
# What every surface says of a synthetic record (pages, letters, search, feeds, files, the API).
SYNTHETIC_NOTE = (
    "Synthetic demonstration record: made up to show how the portal works; it says nothing "
    "about any real authority or body."
)

_recording = contextvars.ContextVar("portal_provenance_recording", default=None)


@contextmanager
def recording(kind: str):
    """Records created inside the block take this provenance (the demo's seeders say SYNTHETIC
    once, around everything they make, so no made-up record can be missed)."""
    token = _recording.set(kind)
    try:
        yield
    finally:
        _recording.reset(token)


def current() -> str | None:
    return _recording.get()


class RegisterImport(models.Model):
    """One file of an authority's past challenges, decisions or period publications, imported
    whole (dashboard.imports). Re-importing the same bytes (its SHA-256) changes nothing."""

    authority = models.ForeignKey(
        "portal.Authority", on_delete=models.PROTECT, related_name="register_imports"
    )
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    file_format = models.CharField(max_length=8)  # "csv" or "jsonl"
    rows = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "sha256"], name="register_import_once")
        ]

    def __str__(self):
        return f"{self.file_name} ({self.sha256[:12]})"


class Provenanced(models.Model):
    """The provenance fields of a record (abstract)."""

    provenance = models.CharField(max_length=10, choices=CHOICES, default=PORTAL, db_index=True)
    source_import = models.ForeignKey(
        RegisterImport, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_row = models.PositiveIntegerField(
        null=True, blank=True, help_text="The row of the imported file (1 is the first record)."
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding and self.provenance == PORTAL and current():
            self.provenance = current()
        super().save(*args, **kwargs)

    @property
    def is_synthetic(self) -> bool:
        return self.provenance == SYNTHETIC

    @property
    def provenance_label(self) -> str:
        return LABELS.get(self.provenance, "")

    def provenance_text(self) -> str:
        """In words, with the file and row of an imported record."""
        if self.provenance == IMPORTED and self.source_import_id:
            return f"{LABELS[IMPORTED]}: file {self.source_import.file_name}, row {self.source_row}"
        return self.provenance_label


# What a summary (search results, feeds, CSV, the API) begins with for a record not recorded in
# the portal; search/ shows a tag for a result whose summary begins with SYNTHETIC_MARK.
SYNTHETIC_MARK = "Synthetic demonstration record."
IMPORTED_MARK = "Imported from the authority's register."


def summary_prefix(obj) -> str:
    kind = getattr(obj, "provenance", PORTAL)
    if kind == SYNTHETIC:
        return SYNTHETIC_MARK + " "
    if kind == IMPORTED:
        return IMPORTED_MARK + " "
    return ""


def public_fields(obj) -> dict:
    """The provenance as open data: `provenance` (portal, imported, synthetic), its label, and
    for an imported record the file's name and SHA-256 and the row."""
    fields = {
        "provenance": obj.provenance,
        "provenance_label": LABELS.get(obj.provenance, ""),
        "synthetic": obj.provenance == SYNTHETIC,
    }
    if obj.provenance == IMPORTED and obj.source_import_id:
        fields |= {
            "source_file": obj.source_import.file_name,
            "source_sha256": obj.source_import.sha256,
            "source_row": obj.source_row,
        }
    return fields
