"""An exercise's CPV code: chosen from real CPV 2008 codes, refused otherwise, and carried into
the tender's items."""

import pytest

from portal.workflow import Refused
from procurement import cpv

from .conftest import open_plain

pytestmark = pytest.mark.django_db


def test_the_list_holds_well_formed_codes_with_labels():
    assert len(cpv.CODES) > 20
    assert all(cpv.FORMAT.match(code) and label for code, label in cpv.CODES.items())


def test_an_unknown_code_is_refused(world):
    with pytest.raises(Refused, match="CPV"):
        open_plain(world, cpv_code="12345678-9")


def test_the_code_becomes_the_tenders_item(world):
    exercise = open_plain(world, cpv_code="85312400-3")
    [item] = exercise.notices.get().release["tender"]["items"]
    assert item["classification"] == {
        "scheme": "CPV",
        "id": "85312400",
        "description": "Welfare services not delivered through residential institutions",
    }
