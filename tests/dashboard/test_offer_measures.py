"""Innovation offer measures (issue 21 item 8), counted per authority addressed against its own
response standard, with the small-number rules; in the statistics, the dashboard's pages, the
who-engages columns and /api/v1/statistics.

Four offers reach Trafford (and the ICB and the police) on Mon 2 Mar 2026, under Trafford's
standard (acknowledge within 10 working days: by 16 Mar; answer within 20: by 30 Mar). The rows
are written directly with chosen dates (the machine's own steps are tested in tests/offers):

- o1, a charity: acknowledged 10 Mar (on time), answered 20 Mar (on time), taken forward into a
  pilot, with reasons;
- o2, a private firm: acknowledged 20 Mar (late), answered 10 Apr (late), not taken forward,
  with no written reasons;
- o3, a charity: never acknowledged nor answered (both dates long past: measured, and late);
- o4, a private firm: withdrawn before anything (not measured; not "never answered").

So for Trafford: 4 received (2 private, 2 voluntary and community); acknowledged on time 1 of 3,
answered on time 1 of 3, with reasons 1 of 2 answered (each under the minimum base of 5: too few
to say); 1 taken forward, 1 not, 0 referred; 1 led to a pilot; 1 never answered. Manchester has
no standard and no offers.
"""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from dashboard import measures, refresh, statistics
from offers.models import Offer, OfferAddressee
from tests.offers.conftest import RECEIVED, cast  # noqa: F401  (the fixture)
from tests.offers.helpers import make_offer

pytestmark = pytest.mark.django_db


def moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 11, 0, tzinfo=UTC)


@pytest.fixture
def offers(cast):  # noqa: F811
    w = cast
    with time_machine.travel(RECEIVED, tick=False):
        o1 = make_offer(w)
        o2 = make_offer(w, w.firm_user, w.firm, offeror_type="private_company")
        o3 = make_offer(w)
        o4 = make_offer(w, w.firm_user, w.firm, offeror_type="private_company")
    rows = {o.pk: OfferAddressee.objects.filter(offer=o, authority=w.authority) for o in (o1, o2)}
    rows[o1.pk].update(
        acknowledged_at=moment(date(2026, 3, 10)),
        answered_at=moment(date(2026, 3, 20)),
        outcome="taken_forward",
        route="pilot",
        reasons="It meets the need in our early help strategy.",
    )
    rows[o2.pk].update(
        acknowledged_at=moment(date(2026, 3, 20)),
        answered_at=moment(date(2026, 4, 10)),
        outcome="not_taken_forward",
        reasons="",
    )
    Offer.objects.filter(pk=o4.pk).update(state="withdrawn", withdrawn_at=moment(date(2026, 3, 3)))
    w.offers = (o1, o2, o3, o4)
    return w


def test_the_offer_figures_of_one_authority(offers):
    row = statistics.challenge_figures(offers.authority)
    assert {k: row[k] for k in measures.OFFERS if k in row} == {
        "offers_received": 4,
        "offers_private": 2,
        "offers_voluntary_community": 2,
        "offers_public": 0,
        "offers_nhs": 0,
        "offer_standard": True,
        "offers_acknowledged_on_time_pct": None,  # 1 of 3: too few to say
        "offers_answered_on_time_pct": None,
        "offers_with_reasons_pct": None,
        "offers_answered": 2,
        "offers_taken_forward": 1,
        "offers_not_taken_forward": 1,
        "offers_referred": 0,
        "offers_led_to_change": 1,
        "offers_never_answered": 1,
    }
    shown = {m.slug: measures.present(m, row) for m in measures.OFFER_MEASURES}
    assert shown["offers_acknowledged_on_time_pct"] == "too few to say (1 of 3)"
    assert shown["offers_answered_on_time_pct"] == "too few to say (1 of 3)"
    assert shown["offers_with_reasons_pct"] == "too few to say (1 of 2)"
    assert shown["offer_standard"] == "Yes"
    # the ICB's and the police's rows are not an authority's: England counts Trafford's only
    assert statistics.challenge_figures()["offers_received"] == 4


def test_a_rated_share_once_the_base_is_met(offers):
    """Two more offers answered on time make five measured: 3 of 5 = 60%, with its interval."""
    w = offers
    with time_machine.travel(RECEIVED, tick=False):
        more = [make_offer(w), make_offer(w)]
    OfferAddressee.objects.filter(offer__in=more, authority=w.authority).update(
        acknowledged_at=moment(date(2026, 3, 4)),
        answered_at=moment(date(2026, 3, 30)),
        outcome="referred",
        reasons="The ICB commissions this service.",
    )
    row = statistics.challenge_figures(w.authority)
    m = measures.measure("offers_answered_on_time_pct")
    assert measures.present(m, row) == "60% (3 of 5)"
    assert (row["offers_answered_on_time_pct_low"], row["offers_answered_on_time_pct_high"]) == (
        23.1,
        88.2,
    )
    assert row["offers_referred"] == 2


def test_synthetic_offers_are_left_out_of_real_figures(offers):
    Offer.objects.filter(pk=offers.offers[0].pk).update(synthetic=True)
    with statistics.counting(statistics.REAL):
        row = statistics.challenge_figures(offers.authority)
    assert (row["offers_received"], row["offers_taken_forward"]) == (3, 0)


def test_pages_columns_and_the_api(offers, client):
    refresh.rebuild()
    league = {r["slug"]: r for r in refresh.national()["league"]}
    trafford, manchester = league[offers.authority.slug], league["manchester"]
    assert (trafford["offers_received"], trafford["offers_never_answered"]) == (4, 1)
    assert manchester["offer_standard"] is False
    page = client.get(reverse("dashboard:engagement")).content.decode()
    for label in ("Innovation offers received", "Offers answered within the authority&#x27;s"):
        assert label in page
    assert "No standard published" in page
    authority = client.get(reverse("dashboard:authority", args=[offers.authority.slug]))
    html = authority.content.decode()
    assert 'data-measure="offers_led_to_change"' in html and "too few to say (1 of 2)" in html
    england = client.get(reverse("dashboard:england")).content.decode()
    assert "1 of " in england and "authorities have published a response standard" in england
    api = client.get(f"/api/v1/statistics/{offers.authority.slug}").json()
    assert api["totals"]["offers_received"] == 4
    assert api["totals"]["offers_answered_on_time_pct_base"] == 3
    definitions = {
        d["slug"] for d in client.get("/api/v1/statistics").json()["england"]["definitions"]
    }
    assert {"offers_received", "offers_never_answered", "offer_standard"} <= definitions
