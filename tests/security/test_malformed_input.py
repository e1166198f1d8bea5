"""Malformed parameters found by the penetration test: each answered without a 500 (an id
beyond 64 bits, a year outside the calendar, a name where an id belongs)."""

import pytest
from django.test import Client

from procurement.models import ProcurementExercise
from tests.procurement.conftest import open_plain

pytestmark = pytest.mark.django_db

HUGE = str(2**64 + 7)  # beyond 64 bits
BAD_IDS = [HUGE, "-1", "0", "abc", "１２", "²", "1e3", "9" * 400]


@pytest.fixture
def raising_nothing():
    return Client(raise_request_exception=False)


def test_decision_register_years(raising_nothing, world, settings):
    assert settings.DEBUG is False
    for year in ["0", "10000", "99999999999999999999", "-1", "２０２６"]:
        response = raising_nothing.get("/decisions/", {"year": year})
        assert response.status_code < 500, year


def test_casework_filters(raising_nothing, world):
    raising_nothing.force_login(world.officer)
    for name in ("service", "officer"):
        for value in BAD_IDS:
            response = raising_nothing.get("/casework/", {name: value})
            assert response.status_code < 500, (name, value)


def test_starting_a_procurement_or_a_challenge_with_a_bad_service(raising_nothing, world):
    raising_nothing.force_login(world.officer)
    for name in ("service", "challenge"):
        for value in BAD_IDS:
            response = raising_nothing.get("/procurement/manage/new/", {name: value})
            assert response.status_code < 500, (name, value)
    raising_nothing.force_login(world.provider)
    for value in BAD_IDS:
        response = raising_nothing.get("/challenges/new/", {"service": value})
        assert response.status_code < 500, value


def test_expressing_interest_for_a_bad_organisation(raising_nothing, world):
    exercise = open_plain(world)
    assert ProcurementExercise.objects.published().filter(pk=exercise.pk).exists()
    raising_nothing.force_login(world.provider)
    for value in BAD_IDS:
        response = raising_nothing.post(
            f"/procurement/{exercise.reference}/interest/", {"organisation": value}
        )
        assert response.status_code < 500, value
