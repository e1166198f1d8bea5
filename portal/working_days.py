"""Working days: weekdays that are not bank holidays, in two calendars.

- England and Wales (the module's functions, and ENGLAND_AND_WALES): the portal's own s.84 clock
  (Localism Act 2011) and the Provider Selection Regime, which applies in England only. Its bank
  holidays are computed (Banking and Financial Dealings Act 1971 and the yearly proclamations),
  so no list needs updating each year; the one-off changes of 2020, 2022 and 2023 are listed.
- The whole United Kingdom (UNITED_KINGDOM): the Procurement Act 2023, whose "working day"
  excludes a bank holiday in any part of the United Kingdom (law.PROCUREMENT_WORKING_DAY). The
  holidays of Scotland (2 January, St Andrew's Day, its August Monday) and Northern Ireland
  (St Patrick's Day, the Twelfth of July), with their substitute days, come from the `holidays`
  package, added to England and Wales's own.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

# One-off proclamations: days added, and usual days moved (the usual day is then not a holiday).
EXTRA_HOLIDAYS = {
    date(2022, 6, 3): "Platinum Jubilee bank holiday",
    date(2022, 9, 19): "State Funeral of Queen Elizabeth II",
    date(2023, 5, 8): "Coronation of King Charles III",
}
MOVED_HOLIDAYS = {
    # usual date: proclaimed date
    date(2020, 5, 4): date(2020, 5, 8),  # early May moved for VE Day's 75th anniversary
    date(2022, 5, 30): date(2022, 6, 2),  # spring bank holiday moved for the Platinum Jubilee
}


def easter_sunday(year: int) -> date:
    """Western Easter (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def _next_weekday(day: date, taken: set[date]) -> date:
    while day.weekday() >= 5 or day in taken:
        day += timedelta(days=1)
    return day


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> dict[date, str]:
    """The bank holidays in England and Wales in a year, with their names."""
    easter = easter_sunday(year)
    days: dict[date, str] = {}
    days[_next_weekday(date(year, 1, 1), set())] = "New Year's Day"
    days[easter - timedelta(days=2)] = "Good Friday"
    days[easter + timedelta(days=1)] = "Easter Monday"
    days[_first_monday(year, 5)] = "Early May bank holiday"
    days[_last_monday(year, 5)] = "Spring bank holiday"
    days[_last_monday(year, 8)] = "Summer bank holiday"
    # Christmas first, then Boxing Day on the next free weekday (the substitute rules).
    christmas = _next_weekday(date(year, 12, 25), set())
    days[christmas] = "Christmas Day"
    boxing = _next_weekday(max(date(year, 12, 26), christmas + timedelta(days=1)), {christmas})
    days[boxing] = "Boxing Day"
    for usual, proclaimed in MOVED_HOLIDAYS.items():
        if usual.year == year:
            days[proclaimed] = days.pop(usual)
    days.update({d: name for d, name in EXTRA_HOLIDAYS.items() if d.year == year})
    return dict(sorted(days.items()))


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
        for day, name in holidays.UK(subdiv=part, years=year).items():
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
