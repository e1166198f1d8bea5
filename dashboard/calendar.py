"""Fills the working-day calendar (dashboard.WorkingDay) from portal.working_days."""

from datetime import date, timedelta

from portal.working_days import is_working_day

FIRST, LAST = date(2010, 1, 1), date(2045, 12, 31)


def rows(first: date = FIRST, last: date = LAST):
    """(day, number) for every day, number counting working days up to and including it."""
    number, day = 0, first
    while day <= last:
        number += is_working_day(day)
        yield day, number
        day += timedelta(days=1)


def fill(model) -> int:
    model.objects.all().delete()
    made = model.objects.bulk_create([model(day=d, number=n) for d, n in rows()], batch_size=2000)
    return len(made)
