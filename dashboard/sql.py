"""SQL the ORM lacks: a median aggregate on both databases the portal runs on.

PostgreSQL has `percentile_cont(0.5) WITHIN GROUP (ORDER BY x)`. SQLite (the embedded demo) has
no median, so an aggregate of the same meaning is registered on each SQLite connection, the way
Django registers its own SQLite functions.
"""

import statistics

from django.db.backends.signals import connection_created
from django.db.models import Aggregate, FloatField, Func, IntegerField


class Median(Aggregate):
    """The median of a numeric expression (the mean of the two middle values when even)."""

    function = "MEDIAN"
    name = "Median"
    output_field = FloatField()
    allow_distinct = False

    def as_postgresql(self, compiler, connection, **extra_context):
        clone = self.copy()  # the template on the copy, so that a FILTER clause wraps it
        clone.function = "percentile_cont"
        clone.template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
        return clone.as_sql(compiler, connection, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        clone = self.copy()
        clone.function = "dashboard_median"
        return clone.as_sql(compiler, connection, **extra_context)


class _SqliteMedian:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def _on_connection(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("dashboard_median", 1, _SqliteMedian)


def register_sqlite_functions() -> None:
    connection_created.connect(_on_connection, dispatch_uid="dashboard-sqlite-median")


class DaysBetween(Func):
    """Calendar days from the second date expression to the first (an integer)."""

    arity = 2
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ")

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
        )
