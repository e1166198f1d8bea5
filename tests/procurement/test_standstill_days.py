"""Standstill counted in working days in England and Wales (Procurement Act 2023 s.51)."""

from datetime import date

import pytest

from procurement.models import ProcurementExercise


@pytest.mark.parametrize(
    "notice,ends",
    [
        # Christmas Day on a Friday, Boxing Day moved to Monday 28th, New Year's Day on a Friday
        (date(2026, 12, 22), date(2027, 1, 6)),
        # Good Friday 26 March and Easter Monday 29 March 2027
        (date(2027, 3, 24), date(2027, 4, 7)),
        # the spring bank holiday, Monday 25 May 2026
        (date(2026, 5, 22), date(2026, 6, 4)),
        # an ordinary fortnight: eight working days is ten calendar days
        (date(2026, 3, 2), date(2026, 3, 12)),
    ],
)
def test_eight_working_days_of_standstill(notice, ends):
    assert ProcurementExercise().standstill_end(notice, 8) == ends


def test_minimum_standstill_by_regime():
    assert ProcurementExercise(regime="competitive").minimum_standstill == 8
    assert ProcurementExercise(regime="provider_selection").minimum_standstill == 8
    assert ProcurementExercise(regime="light_touch").minimum_standstill == 0
    assert ProcurementExercise(regime="below_threshold").minimum_standstill == 0
