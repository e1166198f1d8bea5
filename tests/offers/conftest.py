"""The shared world (tests/builders.py) with Trafford's safeguarding partners: the ICB (with its
NHS partner), Greater Manchester Police (a partner organisation, with a member), response
standards for Trafford and the ICB (none for the police), and a private firm."""

from datetime import UTC, datetime

import pytest
import time_machine

from tests import builders
from tests.procurement.agreements_helpers import nhs_body, nhs_partner

from .helpers import police, standards

# A Monday: the dates of the standards count working days from here (Easter 2026 is 3-6 April).
RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def cast(world):
    w = world
    w.icb = nhs_body()
    w.icb_partner = nhs_partner(w.icb)
    police(w)
    standards(w)
    w.firm_user, w.firm = builders.provider("Northbridge Family Support Ltd", "private_company")
    w.manchester_officer = builders.staff("officer", builders.manchester())
    return w


@pytest.fixture
def on_receipt():
    """The clock stopped on the day of receipt."""
    with time_machine.travel(RECEIVED, tick=False) as traveller:
        yield traveller
