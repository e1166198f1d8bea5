"""The two working-day calendars: England and Wales (the s.84 clock of the Localism Act 2011, and
the Provider Selection Regime, which applies in England) and the whole United Kingdom (the
Procurement Act 2023, s.123(1): a bank holiday "in any part of the United Kingdom")."""

from datetime import date

import pytest

from portal import law
from portal.working_days import ENGLAND_AND_WALES, UNITED_KINGDOM, is_working_day

# (day, working in England and Wales, working in the United Kingdom, why)
DAYS = [
    (date(2026, 12, 25), False, False, "Christmas Day, a Friday"),
    (date(2026, 12, 28), False, False, "Boxing Day (a Saturday) moved to Monday"),
    (date(2026, 12, 29), True, True, "an ordinary Tuesday between Christmas and New Year"),
    (date(2027, 1, 1), False, False, "New Year's Day"),
    (date(2027, 1, 4), True, False, "Scotland's 2 January (a Saturday) moved to Monday"),
    (date(2027, 3, 26), False, False, "Good Friday"),
    (date(2027, 3, 29), False, False, "Easter Monday (England, Wales, Northern Ireland)"),
    (date(2027, 3, 17), True, False, "St Patrick's Day (Northern Ireland)"),
    (date(2026, 11, 30), True, False, "St Andrew's Day, a Monday (Scotland)"),
    (date(2027, 11, 30), True, False, "St Andrew's Day, a Tuesday (Scotland)"),
    (date(2027, 7, 12), True, False, "the Twelfth of July, a Monday (Northern Ireland)"),
    (date(2026, 7, 13), True, False, "the Twelfth (a Sunday) moved to Monday (Northern Ireland)"),
    (date(2027, 8, 2), True, False, "Scotland's summer bank holiday, the first Monday of August"),
    (date(2027, 8, 30), False, False, "the summer bank holiday of England, Wales and NI"),
    (date(2027, 7, 13), True, True, "the day after the Twelfth"),
]


@pytest.mark.parametrize("day,england,united_kingdom,why", DAYS)
def test_each_calendar_across_the_holidays_of_each_nation(day, england, united_kingdom, why):
    """Procurement Act 2023 s.123(1) (every part of the United Kingdom) against the Banking and
    Financial Dealings Act 1971 holidays of England and Wales kept by the s.84 clock."""
    assert ENGLAND_AND_WALES.is_working_day(day) is england, why
    assert is_working_day(day) is england, why  # the module's own functions: England and Wales
    assert UNITED_KINGDOM.is_working_day(day) is united_kingdom, why


def test_counting_across_st_andrews_day_and_the_twelfth():
    """The same count gives different days in the two calendars when a Scottish or Northern
    Irish holiday falls inside it (s.123(1))."""
    # Friday 27 November 2026 + 1 working day: Monday 30th in England, Tuesday 1 December in the
    # United Kingdom (St Andrew's Day).
    assert ENGLAND_AND_WALES.add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)
    assert UNITED_KINGDOM.add_working_days(date(2026, 11, 27), 1) == date(2026, 12, 1)
    # Friday 9 July 2027 + 1: Monday 12th in England, Tuesday 13th in the United Kingdom.
    assert ENGLAND_AND_WALES.add_working_days(date(2027, 7, 9), 1) == date(2027, 7, 12)
    assert UNITED_KINGDOM.add_working_days(date(2027, 7, 9), 1) == date(2027, 7, 13)
    # Christmas 2026 to the first week of 2027: five working days in England, four in the UK.
    assert ENGLAND_AND_WALES.working_days_between(date(2026, 12, 24), date(2027, 1, 5)) == 5
    assert UNITED_KINGDOM.working_days_between(date(2026, 12, 24), date(2027, 1, 5)) == 4
    # Easter 2027: Thursday 25 March + 1 is Tuesday 30 March in both.
    for calendar in (ENGLAND_AND_WALES, UNITED_KINGDOM):
        assert calendar.add_working_days(date(2027, 3, 25), 1) == date(2027, 3, 30)


def test_periods_beginning_with_a_day():
    """Procurement Act 2023 s.51: a period "beginning with" a day counts that day when it is a
    working day, else starts on the next one."""
    first_of_eight = UNITED_KINGDOM.last_of_working_days_beginning_with
    assert first_of_eight(date(2026, 12, 1), 1) == date(2026, 12, 1)
    assert first_of_eight(date(2026, 11, 28), 1) == date(2026, 12, 1)  # Sat, Sun, St Andrew's
    assert UNITED_KINGDOM.holiday(date(2026, 11, 30)) == "Saint Andrew's Day"
    assert ENGLAND_AND_WALES.holiday(date(2026, 11, 30)) == ""
    assert law.PROCUREMENT_WORKING_DAY == "United Kingdom"
