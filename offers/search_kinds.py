"""Innovation offers as a kind of search/'s registry: every offer's public fields (never its
confidential parts), queued inside each step of the offer's machine (offers.workflow.reindex)."""

from offers import publication
from offers.models import Offer, OfferState
from portal import law
from search.registry import SearchKind, SearchRecord, register


class OfferKind(SearchKind):
    name = "innovation_offer"
    label = "Innovation offer"
    model = "offers.Offer"
    outcome_legend = "Stage of an innovation offer"
    outcome_labels = dict(OfferState.choices)

    def public_queryset(self):
        return publication.public_offers()

    def to_record(self, offer: Offer) -> SearchRecord:
        fields = publication.offer_public_fields(offer)
        authorities = [a.authority for a in offer.addressees.all() if a.authority_id]
        body = " ".join(
            [
                fields["summary"],
                fields["subject"],
                *(text for _, text in fields["contents"] if text),
                *(
                    f"{a['name']}: {a['outcome_label']}. {a['reasons']}"
                    for a in fields["addressees"]
                ),
                fields["offeror"],
                "Innovation offer, not a statutory challenge.",
                "Synthetic demonstration record." if offer.synthetic else "",
            ]
        )
        return SearchRecord(
            kind=self.name,
            object_id=offer.pk,
            title=f"{offer.reference}: {offer.title}",
            url=offer.get_public_url(),
            summary=(
                ("Synthetic demonstration record. " if offer.synthetic else "")
                + f"{law.label(law.OFFER_SECTORS, offer.sector)} offer from {fields['offeror']} "
                f"to {', '.join(a['name'] for a in fields['addressees'])}. {fields['summary']}"
            ),
            body=body,
            date=offer.received_on,
            authority=[a.slug for a in authorities],
            authority_names=[a.nice_name for a in authorities],
            region=list(dict.fromkeys(a.region for a in authorities if a.region)),
            category=[offer.service.category.slug] if offer.service_id else [],
            outcome=[offer.state],
        )


def register_kinds() -> bool:
    register(OfferKind())
    return True
