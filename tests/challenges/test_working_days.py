from datetime import date

import pytest

from portal.working_days import (
    add_months,
    add_period,
    add_working_days,
    bank_holidays,
    easter_sunday,
    is_working_day,
    working_days_between,
)

# Published by GOV.UK (www.gov.uk/bank-holidays) for England and Wales.
PUBLISHED = {
    2021: ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2022: [
        "01-03",
        "04-15",
        "04-18",
        "05-02",
        "06-02",
        "06-03",
        "08-29",
        "09-19",
        "12-26",
        "12-27",
    ],
    2023: ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
}


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_bank_holidays_match_the_published_lists(year):
    expected = [date.fromisoformat(f"{year}-{md}") for md in PUBLISHED[year]]
    assert list(bank_holidays(year)) == expected


def test_easter():
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2038) == date(2038, 4, 25)


def test_working_days_skip_weekends_and_holidays():
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day substitute
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    # Thursday 24 December 2026 + 3 working days: 29, 30, 31 December.
    assert add_working_days(date(2026, 12, 24), 3) == date(2026, 12, 31)
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 31)) == 3
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)  # over Easter


def test_months_and_periods():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_period(date(2026, 3, 1), 90, "calendar_days") == date(2026, 5, 30)
    assert add_period(date(2026, 3, 2), 5, "working_days") == date(2026, 3, 9)
    with pytest.raises(ValueError):
        add_period(date(2026, 3, 1), 1, "fortnights")
