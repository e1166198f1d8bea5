"""Transfer agreements as a kind of search/'s registry: the public fields of
agreements.publication, queued after each committed change (procurement.signals)."""

from agreements import publication
from agreements.models import AgreementState
from procurement.publication import searchable_text
from procurement.search_kinds import ProcurementNoticeKind
from search.registry import SearchRecord, register

# What every transfer agreement is in law, in the words people search for it with.
AGREEMENT_KIND = "Section 75 partnership agreement (NHS Act 2006)."


class TransferAgreementKind(ProcurementNoticeKind):
    name = "transfer_agreement"
    label = "Transfer agreement"
    model = "procurement.TransferAgreement"
    outcome_legend = "Stage of an agreement"
    outcome_labels = dict(AgreementState.choices)
    signal_kind = "agreement"

    def public_queryset(self):
        return publication.published_agreements()

    def to_record(self, agreement):
        fields = publication.agreement_public_fields(agreement)
        authorities = [p.authority for p in agreement.authority_parties()]
        return SearchRecord(
            kind=self.name,
            object_id=agreement.pk,
            title=f"{fields['reference']}: {fields['title']}",
            url=fields["url"],
            summary=fields["provenance_mark"] + fields["summary"],
            body=f"{searchable_text(fields)} {AGREEMENT_KIND}",
            date=fields["date"],
            authority=[a.slug for a in authorities],
            authority_names=[a.nice_name for a in authorities],
            region=list(dict.fromkeys(a.region for a in authorities if a.region)),
            category=[fields["agreement_type"]],
            outcome=[fields["state"]],
        )


def register_kinds() -> bool:
    register(TransferAgreementKind())
    return True
