"""offer_reminders: each addressee's people are reminded two working days before a date of their
standard and once it has passed, once per date; those who have answered, or have no standard,
are not."""

from datetime import date

import pytest
from django.core.management import call_command

from messaging.models import EventRecord
from offers import workflow as ow
from offers.management.commands.offer_reminders import remind

from .helpers import make_offer

pytestmark = pytest.mark.django_db


def published():
    return sorted(
        (e.kind, e.data["addressee"], e.data["due"])
        for e in EventRecord.objects.filter(kind__startswith="offer.").exclude(kind="offer.submit")
    )


def test_reminders_before_and_after_each_date(cast, on_receipt):
    offer = make_offer(cast)
    assert remind(date(2026, 3, 11)) == 0  # three working days before 16 March
    assert remind(date(2026, 3, 12)) == 2
    assert published() == [
        (
            "offer.acknowledgement_due",
            "NHS Greater Manchester Integrated Care Board",
            "16 March 2026",
        ),
        ("offer.acknowledgement_due", "Trafford", "16 March 2026"),
    ]
    assert remind(date(2026, 3, 12)) == 0  # once per date
    ow.acknowledge(offer, offer.addressees.get(authority=cast.authority), cast.officer)
    EventRecord.objects.all().delete()
    assert remind(date(2026, 3, 17)) == 1
    assert published() == [
        ("offer.overdue", "NHS Greater Manchester Integrated Care Board", "16 March 2026"),
    ]
    EventRecord.objects.all().delete()
    assert remind(date(2026, 3, 26)) == 2
    assert published() == [
        ("offer.answer_due", "Trafford", "30 March 2026"),
        ("offer.overdue", "NHS Greater Manchester Integrated Care Board", "16 March 2026"),
    ]


def test_the_command_says_how_many(cast, on_receipt, capsys):
    make_offer(cast)
    call_command("offer_reminders")
    assert capsys.readouterr().out == "0 offer reminders published\n"
