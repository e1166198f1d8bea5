"""What the public may see of an offer: the summary, the subject, the offeror, the addressees and
each one's answer and timing side by side, the timeline; never the parts the offeror marked
commercially confidential (law.OFFER_CONFIDENTIALITY_SOURCE). Public pages, search and open data
read offers only through here."""

from django.db.models import Prefetch

from offers.models import Offer, OfferAddressee
from portal import law
from portal.workflow import public_timeline

TIMING_WORDS = {
    "on time": "Within the standard",
    "late": "Later than the standard",
    "overdue": "Overdue",
    "due": "Not yet due",
    "no standard": "No standard published",
}


def public_offers():
    return (
        Offer.objects.public()
        .select_related("organisation", "service__category")
        .prefetch_related(
            Prefetch(
                "addressees",
                OfferAddressee.objects.select_related(
                    "authority", "nhs_body", "organisation", "standard"
                ),
            )
        )
    )


def addressee_public_fields(row: OfferAddressee) -> dict:
    ack, answer = row.acknowledgement_timing(), row.answer_timing()
    return {
        "name": row.name,
        "kind": row.body_kind,
        "authority_slug": row.authority.slug if row.authority_id else "",
        "contact_role": row.contact_role,
        "stage": row.stage,
        "standard": (
            {
                "acknowledge_days": row.standard.acknowledge_days,
                "answer_days": row.standard.answer_days,
                "answering_role": row.standard.answering_role,
                "takes_effect_on": row.standard.takes_effect_on,
            }
            if row.standard
            else None
        ),
        "acknowledge_by": row.acknowledge_by,
        "answer_by": row.answer_by,
        "acknowledged_on": row.acknowledged_at.date() if row.acknowledged_at else None,
        "answered_on": row.answered_at.date() if row.answered_at else None,
        "acknowledgement_timing": ack,
        "acknowledgement_timing_label": TIMING_WORDS[ack],
        "answer_timing": answer,
        "answer_timing_label": TIMING_WORDS[answer],
        "outcome": row.outcome,
        "outcome_label": row.outcome_label if row.outcome else "",
        "route": row.route,
        "route_label": row.route_label if row.route else "",
        "next_step": row.next_step,
        "criteria": row.criteria_labels(),
        "reasons": row.reasons,
        "referred_to": row.referred_to,
        "answering_role": row.answering_role,
        "fair_competition_steps": row.fair_competition_steps,
        "supplier_summary": row.supplier_summary,
    }


def offer_public_fields(offer: Offer) -> dict:
    return {
        "reference": offer.reference,
        "title": offer.title,
        "summary": offer.summary,
        "url": offer.get_public_url(),
        "state": offer.state,
        "state_label": offer.get_state_display(),
        "synthetic": offer.synthetic,
        "offeror": offer.organisation.name,
        "offeror_type": offer.offeror_type_label,
        "sector": offer.sector,
        "sector_label": offer.sector_label,
        "subject": offer.subject,
        "service_url": offer.service.url if offer.service_id else "",
        "received_on": offer.received_on,
        "withdrawn": bool(offer.withdrawn_at),
        "contents": offer.public_contents(),
        "evidence_kinds": [law.label(law.OFFER_EVIDENCE_KINDS, k) for k in offer.evidence_kinds],
        "confidential": bool(offer.confidential_fields),
        "addressees": [addressee_public_fields(a) for a in offer.addressees.all()],
        "not_statutory": law.OFFER_NOT_STATUTORY,
    }


def timeline(offer: Offer) -> list[dict]:
    return public_timeline(offer)
