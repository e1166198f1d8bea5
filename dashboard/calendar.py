"""Fills the working-day calendar (dashboard.WorkingDay) from portal.working_days."""

from datetime import date, timedelta

from portal.working_days import is_working_day

FIRST, LAST = date(2010, 1, 1), date(2045, 12, 31)


def rows(first: date = FIRST, last: date = LAST):
    """(day, number, ordinal) for every day: number counts working days up to and including
    it, ordinal counts calendar days from the first."""
    number, day = 0, first
    while day <= last:
        number += is_working_day(day)
        yield day, number, (day - first).days
        day += timedelta(days=1)


def fill(model) -> int:
    model.objects.all().delete()
    made = model.objects.bulk_create(
        [model(day=d, number=n, ordinal=o) for d, n, o in rows()], batch_size=2000
    )
    return len(made)
