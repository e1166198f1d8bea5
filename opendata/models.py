from django.db import models


class BulkFile(models.Model):
    """One file of the day's bulk downloads (/data/): where it is stored and what it holds."""

    name = models.CharField(max_length=80, unique=True)  # e.g. decisions.csv.gz
    collection = models.CharField(max_length=40)
    file_format = models.CharField(max_length=10)  # csv, jsonl, ocds
    key = models.CharField(max_length=200)  # in the default storage
    rows = models.PositiveIntegerField()
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    built_at = models.DateTimeField()

    class Meta:
        ordering = ["collection", "file_format"]

    def __str__(self):
        return self.name
