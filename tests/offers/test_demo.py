"""The demo's offers (make demo): the firm's offer to Trafford's three safeguarding partners,
answered by two within their standards and by the police late, offers in every other state, and
each marked as synthetic wherever it is shown."""

import pytest
from django.test import Client

from offers.models import Offer
from offers.publication import offer_public_fields

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_offer_in_every_state(seeded_demo):
    assert sorted(Offer.objects.values_list("state", flat=True)) == [
        "acknowledged",
        "answered",
        "answered",
        "submitted",
        "under_assessment",
        "withdrawn",
    ]
    assert set(Offer.objects.values_list("synthetic", flat=True)) == {True}


def test_two_partners_answer_within_their_standards_and_the_police_late(seeded_demo):
    offer = Offer.objects.get(title="Edge-of-care support for teenagers in Trafford")
    fields = offer_public_fields(offer)
    assert (fields["offeror"], fields["sector"]) == ("Northbridge Family Support Ltd", "private")
    assert [
        (a["name"], a["outcome"], a["route"], a["answer_timing"]) for a in fields["addressees"]
    ] == [
        ("Trafford", "taken_forward", "market_engagement", "on time"),
        (
            "NHS Greater Manchester Integrated Care Board",
            "taken_forward",
            "s75_arrangement",
            "on time",
        ),
        ("Greater Manchester Police", "referred", "", "late"),
    ]
    html = Client().get(f"/offers/{offer.reference}/").content.decode()
    assert "Synthetic demonstration record" in html
    assert "Later than the standard" in html
    assert "£410,000" not in html  # the costs, marked commercially confidential
    listing = Client().get("/offers/").content.decode()
    assert listing.count("Synthetic demonstration record") == 6
