"""What the public may read about agreements, in one place: the public pages, the open data and
the search registry all take their fields from here. Nothing here names a person and nothing
marked commercially confidential is included."""

from django.db.models import Prefetch

from agreements.models import (
    AgreementParty,
    AgreementState,
    Contribution,
    StaffArrangement,
    TransferAgreement,
)
from portal import law
from portal.models import provenance

PARTY_NAMES = ("authority", "nhs_body")


STAFF_PARTIES = (
    "from_party__authority",
    "from_party__nhs_body",
    "to_party__authority",
    "to_party__nhs_body",
)


def published_agreements():
    # What agreement_public_fields reads, prefetched: one query per relation for a whole page.
    return (
        TransferAgreement.objects.published()
        .select_related("lead_authority", "source_import")
        .prefetch_related(
            Prefetch("parties", AgreementParty.objects.select_related(*PARTY_NAMES)),
            Prefetch(
                "contributions",
                Contribution.objects.select_related("party__authority", "party__nhs_body"),
            ),
            Prefetch("staff", StaffArrangement.objects.select_related(*STAFF_PARTIES)),
            "versions",
        )
    )


def _related(obj, name: str, *select: str):
    """obj's rows of a relation: those prefetched by published_agreements(), or a query."""
    if name in getattr(obj, "_prefetched_objects_cache", {}):
        return getattr(obj, name).all()
    return getattr(obj, name).select_related(*select)


def agreement_public_fields(agreement: TransferAgreement) -> dict:
    from agreements.models import CONTENT_FIELDS

    parties = list(_related(agreement, "parties", *PARTY_NAMES))
    table, years, party_totals, total = agreement.contribution_table()
    contents = []
    for slug, label in law.AGREEMENT_CONTENTS:
        name = CONTENT_FIELDS[slug]
        if not agreement.is_confidential(name):
            contents.append({"slug": slug, "label": label, "text": getattr(agreement, name)})
    fields = {
        "kind": "agreement",
        "reference": agreement.reference,
        "title": agreement.title,
        "summary": agreement.aims_outcomes,
        "url": agreement.get_public_url(),
        "authority": agreement.lead_authority.nice_name,
        "authority_slug": agreement.lead_authority.slug,
        "authority_code": agreement.lead_authority.code,
        "agreement_type": agreement.agreement_type,
        "type_label": agreement.type_label,
        "category": agreement.type_label,
        "state": agreement.state,
        "state_label": agreement.get_state_display(),
        "outcome": agreement.state,
        "date": agreement.in_force_from or agreement.signed_on,
        "signed_on": agreement.signed_on,
        "in_force_from": agreement.in_force_from,
        "review_date": agreement.review_date,
        "ended_on": agreement.ended_on if agreement.state == AgreementState.TERMINATED else None,
        "parties": [
            {"name": p.name, "nhs": p.is_nhs, "host": p.is_host, "approved_on": p.approved_at}
            for p in parties
        ],
        "functions": [
            law.label(law.AGREEMENT_COUNCIL_FUNCTIONS, s) for s in agreement.council_functions
        ]
        + [law.label(law.AGREEMENT_NHS_FUNCTIONS, s) for s in agreement.nhs_functions],
        "contents": contents,
        "pool_manager_role": agreement.pool_manager_role,
        "governance_board": agreement.governance_board,
        "contributions": [
            {
                "year": f"{y}/{(y + 1) % 100:02d}",
                "by_party": [(p.name, table[y].get(p)) for p in parties if p in table[y]],
                "total": years[y],
            }
            for y in sorted(years)
        ],
        "contributions_total": total,
        "staff": [
            {
                "from": s.from_party.name,
                "to": s.to_party.name,
                "arrangement": law.label(law.STAFF_ARRANGEMENTS, s.arrangement),
                "group": s.staff_group,
                "headcount": s.headcount,
            }
            for s in _related(agreement, "staff", *STAFF_PARTIES)
        ],
        "versions": [
            {
                "number": v.number,
                "kind": v.get_kind_display(),
                "made_on": v.made_on,
                "summary": v.summary,
                "changed": sorted(v.changes),
                "approved_by": [a["party"] for a in v.approvals],
            }
            for v in agreement.versions.all()
        ],
        **provenance.public_fields(agreement),
        "provenance_mark": provenance.summary_prefix(agreement),
    }
    if not agreement.is_confidential("exit_plan"):
        fields["exit_plan"] = agreement.exit_plan
    return fields


SEARCH_KINDS = {"agreement": (published_agreements, agreement_public_fields)}
