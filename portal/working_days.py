"""Working days: weekdays that are not bank holidays, in two calendars.

- England and Wales (the module's functions, and ENGLAND_AND_WALES): the portal's own s.84 clock
  (Localism Act 2011) and the Provider Selection Regime, which applies in England only. Its bank
  holidays (Banking and Financial Dealings Act 1971 and the proclamations, with the one-off days
  and moves such as 2020's, 2022's and 2023's) come from the `holidays` package (subdiv "ENG").
- The whole United Kingdom (UNITED_KINGDOM): the Procurement Act 2023, whose "working day"
  excludes a bank holiday in any part of the United Kingdom (law.PROCUREMENT_WORKING_DAY). The
  holidays of Scotland (2 January, St Andrew's Day, its August Monday) and Northern Ireland
  (St Patrick's Day, the Twelfth of July), with their substitute days, come from the `holidays`
  package too, added to England and Wales's own.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.easter import easter as easter_sunday  # noqa: F401 (re-exported: Western Easter)


def _weekday_holidays(subdiv: str, year: int) -> dict[date, str]:
    """One part's bank holidays in a year: the package also lists a holiday's own day when it
    falls at a weekend (its substitute, "(observed)", is the bank holiday), so weekends go."""
    return {
        day: name
        for day, name in holidays.UK(subdiv=subdiv, years=year).items()
        if day.weekday() < 5
    }


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> dict[date, str]:
    """The bank holidays in England and Wales in a year, with their names (Wales keeps
    England's: the package's "ENG" and "WLS" lists are the same)."""
    return dict(sorted(_weekday_holidays("ENG", year).items()))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The day `count` working days after `start` (start itself is not counted)."""
    day = start
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(start.day, last_day))


def add_period(start: date, length: int, unit: str) -> date:
    """A published period (law.PERIOD_UNITS) after a day."""
    if unit == "working_days":
        return add_working_days(start, length)
    if unit == "calendar_days":
        return start + timedelta(days=length)
    if unit == "months":
        return add_months(start, length)
    raise ValueError(f"Unknown period unit {unit!r}")


@lru_cache(maxsize=256)
def uk_bank_holidays(year: int) -> dict[date, str]:
    """The bank holidays of every part of the United Kingdom in a year, with their names (where
    a day is a holiday in several parts, the first name found)."""
    days = dict(bank_holidays(year))
    for part in ("SCT", "NIR"):
        for day, name in _weekday_holidays(part, year).items():
            days.setdefault(day, name)
    return dict(sorted(days.items()))


@dataclass(frozen=True)
class Calendar:
    """Working days of one calendar: weekdays that are not in `holidays(year)`."""

    name: str
    holidays: object  # (year) -> {date: name}

    def holiday(self, day: date) -> str:
        """The bank holiday's name, or "" on any other day."""
        return self.holidays(day.year).get(day, "")

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays(day.year)

    def next_working_day(self, day: date) -> date:
        """The first working day after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, count: int) -> date:
        """The day `count` working days after `start` (start itself is not counted)."""
        day, remaining = start, count
        while remaining > 0:
            day = self.next_working_day(day)
            remaining -= 1
        return day

    def last_of_working_days_beginning_with(self, start: date, count: int) -> date:
        """The last day of a period of `count` working days beginning with `start`: `start` is
        the first of them when it is a working day, else the next working day is."""
        first = start if self.is_working_day(start) else self.next_working_day(start)
        return self.add_working_days(first, count - 1)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count


ENGLAND_AND_WALES = Calendar("England and Wales", bank_holidays)
UNITED_KINGDOM = Calendar("the United Kingdom", uk_bank_holidays)
