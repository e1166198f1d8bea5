"""The dashboard's own tables: a working-day calendar (so SQL can count working days) and the
record that the history shown is synthetic."""

from django.db import models


class WorkingDay(models.Model):
    """Every day from 2010 to 2045 with `number`, the working days (England and Wales, bank
    holidays excluded) from the start of the calendar up to and including it. Working days after
    day A up to and including day B are number(B) - number(A): one index lookup each, the same
    SQL on PostgreSQL and SQLite."""

    day = models.DateField(primary_key=True)
    number = models.PositiveIntegerField()  # working days up to and including this day

    class Meta:
        ordering = ["day"]

    def __str__(self):
        return f"{self.day}: {self.number}"


class SyntheticHistory(models.Model):
    """Written by `manage.py seed_history`: while a row exists, every dashboard page says that
    its figures come from a synthetic history."""

    made_at = models.DateTimeField(auto_now_add=True)
    years = models.PositiveSmallIntegerField()
    scale = models.FloatField()
    challenges = models.PositiveIntegerField()

    class Meta:
        verbose_name_plural = "synthetic histories"

    def __str__(self):
        return f"{self.challenges} synthetic challenges over {self.years} years"
