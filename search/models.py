"""The indexing outbox, and the tables the database backend searches."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class PendingUpdate(models.Model):
    """Durable outbox: one row per public record whose index entry must be refreshed.

    Written in the same transaction as the change, so an update is never lost: if the search
    engine is down the row stays (with the error) and is applied when it answers again. Rows are
    kept for a while after they are applied, so a rebuild can re-apply what changed under it.
    """

    kind = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    queued_at = models.DateTimeField()
    applied_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_pending_per_record")
        ]
        indexes = [models.Index(fields=["applied_at", "queued_at"])]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class SearchEntry(models.Model):
    """One public record in the database backend (the embedded default)."""

    doc_id = models.CharField(max_length=110, unique=True)
    kind = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    authority_names = models.CharField(max_length=500, blank=True)
    # PostgreSQL: title (A), summary (B) and body (C) under the english configuration, kept in
    # step by the backend. SQLite stores nothing here and searches with a simpler match.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        indexes = [models.Index(fields=["date"]), models.Index(fields=["kind"])]
        verbose_name_plural = "search entries"

    def __str__(self):
        return self.title


class SearchFacetValue(models.Model):
    """A facet value of an entry (an entry may have several authorities, grounds, ...)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=120)

    class Meta:
        indexes = [models.Index(fields=["facet", "value", "entry"])]

    def __str__(self):
        return f"{self.facet}={self.value}"


class SearchWord(models.Model):
    """A word of the indexed text (lower case, as typed, not stemmed), for "Did you mean".

    Filled as records are indexed and emptied by a rebuild; on PostgreSQL a GIN trigram index
    finds the words that look like a misspelt one.
    """

    word = models.CharField(max_length=40, unique=True)
    documents = models.PositiveIntegerField(default=0)  # records that used it (not decremented)

    def __str__(self):
        return self.word
