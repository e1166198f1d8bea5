"""Offers for the tests, made through the machine: the three safeguarding partners of Trafford
(the council, the ICB, the police force) as addressees of a charity's or a firm's offer."""

from datetime import date

from offers import workflow as ow
from offers.models import ResponseStandard
from portal.models import Membership, Organisation
from tests import builders

CONTENTS = {
    "problem": "Teenagers wait eleven weeks between three services.",
    "proposed_change": "One edge-of-care team with a single key worker.",
    "evidence": "Two years in two comparable boroughs.",
    "outcomes": "Entries to care at 13 to 17.",
    "costs": "£410,000 a year; SECRET-DAILY-RATE £612 a day.",
    "safeguarding": "Under the partnership's safeguarding procedures.",
    "data_protection": "A data-sharing agreement and a DPIA.",
    "partners_involved": "A local youth charity.",
}


def police(w):
    """Greater Manchester Police as a partner organisation, with one member who answers for
    it (w.police)."""
    if getattr(w, "police_org", None) is None:
        w.police_org = Organisation.objects.create(
            name="Greater Manchester Police", body_type="public_body"
        )
        w.police = builders.user()
        Membership.objects.create(
            user=w.police, organisation=w.police_org, role=Membership.ADMIN, approved=True
        )
    return w.police_org


def standards(w, since=date(2026, 1, 5)):
    ResponseStandard.objects.create(
        authority=w.authority,
        acknowledge_days=10,
        answer_days=20,
        answering_role="Director of Children's Services",
        takes_effect_on=since,
    )
    ResponseStandard.objects.create(
        nhs_body=w.icb,
        acknowledge_days=10,
        answer_days=25,
        answering_role="Director of Strategy",
        takes_effect_on=since,
    )


def values(**extra):
    return {
        **CONTENTS,
        "offeror_type": "charity",
        "title": "Edge-of-care support for teenagers",
        "summary": "One team per locality for families on the edge of care.",
        "area_of_need": "Edge-of-care support for teenagers",
        "confidential_fields": ["costs"],
        "confidential_reasons": "Our rates are priced for this bid.",
        "understands_not_statutory": True,
        **extra,
    }


def make_offer(w, user=None, organisation=None, **extra):
    """An offer from w.organisation (by w.provider) to Trafford, the ICB and the police."""
    addressees = [
        {"authority": w.authority},
        {"nhs_body": w.icb},
        {"organisation": police(w), "contact_role": "Head of Public Protection"},
    ]
    return ow.submit(
        user or w.provider,
        organisation=organisation or w.organisation,
        addressees=addressees,
        **values(**extra),
    )
