"""Who, for an innovation offer, is in each role of messaging's subscription table, where each is
sent, and the fields of the offer emails. Registered from OffersConfig.ready().

The offeror's members are "the body"; each addressee is told through its own people: an
authority's officers, an NHS body's partners, a partner organisation's members. A reminder about
one addressee's dates (its event names the addressee) goes to that addressee's people only."""

from django.urls import reverse

from messaging import subscriptions as table
from offers.models import Offer
from portal import law, roles
from procurement.subscriptions import absolute, active, members, staff


def _addressees(offer, event):
    rows = offer.addressees.all()
    addressee_id = (event.data or {}).get("addressee_id") if event is not None else None
    return rows.filter(pk=addressee_id) if addressee_id else rows


def offeror_members(offer, event=None):
    return members([offer.organisation_id])


def addressee_officers(offer, event=None):
    ids = _addressees(offer, event).exclude(authority=None).values("authority_id")
    return staff(roles.OFFICER, ids)


def addressee_nhs_partners(offer, event=None):
    ids = _addressees(offer, event).exclude(nhs_body=None).values("nhs_body_id")
    return active(roles__role=roles.NHS_PARTNER, roles__nhs_body_id__in=ids)


def addressee_partner_members(offer, event=None):
    ids = _addressees(offer, event).exclude(organisation=None).values("organisation_id")
    return members(ids)


def offer_link(offer, role) -> str:
    if role in (table.WATCHERS,):
        return offer.get_public_url()
    if role == table.BODY:
        return reverse("offers:yours", args=[offer.reference])
    return reverse("offers:manage", args=[offer.reference])


def offer_fields(event, kind) -> dict:
    offer = event.subject
    fields = {
        "reference": offer.reference,
        "title": offer.title,
        "not_statutory": law.OFFER_NOT_STATUTORY,
        "offer_url": absolute("offers:detail", offer.reference),
    }
    if kind == "offer_reminder":
        fields["what"] = {
            "offer.acknowledgement_due": "An acknowledgement is due",
            "offer.answer_due": "A reasoned answer is due",
            "offer.overdue": "Past the date of your published standard",
        }.get(event.kind, "Reminder")
        fields["due"] = (event.data or {}).get("due", "")
        fields["offer_url"] = absolute("offers:manage", offer.reference)
    return fields


def register() -> None:
    table.register(
        table.Machine(
            name="offer",
            model=Offer,
            audiences={
                table.BODY: offeror_members,
                table.OFFICERS: addressee_officers,
                table.NHS_PARTNERS: addressee_nhs_partners,
                table.PARTNERS: addressee_partner_members,
            },
            link=offer_link,
            title=lambda o: o.title,
            email_fields=offer_fields,
            can_watch=lambda offer, user: True,  # every offer's public page is public
        )
    )
