"""The standstill in working days: under the Procurement Act 2023 eight working days beginning
with the day the contract award notice is published (s.51), counted on the bank holidays of every
part of the United Kingdom (s.123(1)); under the Provider Selection Regime eight working days
after the day after the notice of intention to award (SI 2023/1348 reg 12(2), (3)), in England."""

from datetime import date

import pytest

from procurement import time_limits
from procurement.models import ProcurementExercise


@pytest.mark.parametrize(
    "notice,ends,award_from",
    [
        # Christmas 2026: Christmas Day Friday 25th, Boxing Day moved to Monday 28th, New Year's
        # Day Friday 1 January, Scotland's 2 January (a Saturday) moved to Monday 4 January.
        (date(2026, 12, 22), date(2027, 1, 6), date(2027, 1, 7)),
        # Easter 2027: Good Friday 26 March, Easter Monday 29 March.
        (date(2027, 3, 24), date(2027, 4, 6), date(2027, 4, 7)),
        # St Andrew's Day, Monday 30 November 2026 (Scotland).
        (date(2026, 11, 25), date(2026, 12, 7), date(2026, 12, 8)),
        # The Twelfth of July, Monday 12 July 2027 (Northern Ireland).
        (date(2027, 7, 7), date(2027, 7, 19), date(2027, 7, 20)),
        # St Patrick's Day, Wednesday 17 March 2027 (Northern Ireland).
        (date(2027, 3, 10), date(2027, 3, 22), date(2027, 3, 23)),
        # An ordinary fortnight: the day of the notice is the first of the eight.
        (date(2026, 3, 2), date(2026, 3, 11), date(2026, 3, 12)),
        # A notice on a Saturday: the eight begin on the next working day (Tuesday 1 December,
        # after St Andrew's Day).
        (date(2026, 11, 28), date(2026, 12, 10), date(2026, 12, 11)),
        # The standstill ending on a Friday: the contract from the Monday.
        (date(2026, 6, 17), date(2026, 6, 26), date(2026, 6, 29)),
    ],
)
def test_the_acts_standstill_begins_with_the_notice_day(notice, ends, award_from):
    """Procurement Act 2023 s.51 and s.123(1) ("working day": any part of the United Kingdom)."""
    exercise = ProcurementExercise(regime="competitive")
    assert exercise.standstill_end(notice, 8) == ends
    assert time_limits.earliest_award("competitive", notice, 8) == award_from


@pytest.mark.parametrize(
    "notice,ends",
    [
        # The day after the notice begins it; eight working days after that day. England's
        # calendar: St Andrew's Day is a working day.
        (date(2026, 11, 25), date(2026, 12, 8)),
        (date(2026, 12, 1), date(2026, 12, 14)),
        # Christmas 2026 in England: 2 January is not a holiday there (4 January is a working
        # day).
        (date(2026, 12, 22), date(2027, 1, 7)),
        # Easter 2027.
        (date(2027, 3, 24), date(2027, 4, 8)),
    ],
)
def test_the_provider_selection_regimes_standstill(notice, ends):
    """SI 2023/1348 reg 12(2) (begins the day after the notice of intention to award) and
    reg 12(3) (to the end of the 8th working day after the day it begins)."""
    assert ProcurementExercise(regime="provider_selection").standstill_end(notice, 8) == ends


def test_minimum_standstill_by_regime():
    """Procurement Act 2023 s.51 (mandatory, optional for light touch and below threshold) and
    SI 2023/1348 reg 12(1) (only after Direct Award Process C, the Most Suitable Provider Process
    and the Competitive Process)."""
    assert ProcurementExercise(regime="competitive").minimum_standstill == 8
    assert ProcurementExercise(regime="light_touch").minimum_standstill == 0
    assert ProcurementExercise(regime="below_threshold").minimum_standstill == 0
    for process in ("direct_award_c", "most_suitable_provider", "competitive"):
        exercise = ProcurementExercise(regime="provider_selection", psr_process=process)
        assert exercise.minimum_standstill == 8
    for process in ("direct_award_a", "direct_award_b"):
        exercise = ProcurementExercise(regime="provider_selection", psr_process=process)
        assert exercise.minimum_standstill == 0
