"""What the public may read about exercises and agreements, in one place: the public pages, the
OCDS output and the search registry all take their fields from here.

Nothing here names a person (officers, approvers, provider members) and nothing marked
commercially confidential is included.

Search kinds (for search/'s registry): each kind is a queryset of published rows and a function
returning the public fields of one row::

    SEARCH_KINDS = {
        "procurement": (published_exercises, exercise_public_fields),
        "agreement": (published_agreements, agreement_public_fields),
    }
"""

from django.db.models import Prefetch

from portal import law

from . import cpv
from .models import (
    AgreementParty,
    AgreementState,
    Contribution,
    Notice,
    ProcurementExercise,
    StaffArrangement,
    TransferAgreement,
)

PARTY_NAMES = ("authority", "nhs_body")
STAFF_PARTIES = (
    "from_party__authority",
    "from_party__nhs_body",
    "to_party__authority",
    "to_party__nhs_body",
)


def published_exercises():
    # The notices are prefetched: a list of exercises reads them in one query, not one each.
    return (
        ProcurementExercise.objects.published()
        .select_related("authority", "service__category", "supplier", "challenge")
        .prefetch_related("notices")
    )


def published_agreements():
    # What agreement_public_fields reads, prefetched: one query per relation for a whole page.
    return (
        TransferAgreement.objects.published()
        .select_related("lead_authority")
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


def exercise_public_fields(exercise: ProcurementExercise) -> dict:
    notices: list[Notice] = list(exercise.notices.all())
    first = notices[0].published_on if notices else exercise.started_on
    last = notices[-1].published_on if notices else exercise.started_on
    fields = {
        "kind": "procurement",
        "reference": exercise.reference,
        "title": exercise.title,
        "summary": exercise.description,
        "url": exercise.get_public_url(),
        "authority": exercise.authority.nice_name,
        "authority_slug": exercise.authority.slug,
        "authority_code": exercise.authority.code,
        "service": exercise.service.title,
        "category": exercise.service.category.name if exercise.service.category_id else "",
        "category_slug": exercise.service.category.slug if exercise.service.category_id else "",
        "state": exercise.state,
        "state_label": exercise.get_state_display(),
        "outcome": exercise.state,
        "regime": exercise.regime_label,
        "contract_kind": law.label(law.CONTRACT_KINDS, exercise.contract_kind),
        "cpv_code": exercise.cpv_code,
        "cpv_label": cpv.label(exercise.cpv_code),
        "date": last,
        "started_on": first,
        "challenge_reference": exercise.challenge.reference if exercise.challenge_id else "",
        "notices": [
            {"code": n.code, "label": n.label, "published_on": n.published_on, "tag": n.tag}
            for n in notices
        ],
        "tender_deadline": exercise.tender_deadline,
        "standstill_ends_on": exercise.standstill_ends_on,
        "supplier": exercise.supplier.name if exercise.supplier_id else "",
        "awarded_on": exercise.awarded_on,
        "challenger_won": exercise.challenger_won,
        "cancellation_reason": exercise.cancellation_reason,
        "contract_starts_on": exercise.contract_starts_on,
        "contract_ends_on": exercise.contract_ends_on,
    }
    if not exercise.is_confidential("estimated_value"):
        fields["estimated_value"] = exercise.estimated_value
    if exercise.award_value is not None and not exercise.is_confidential("award_value"):
        fields["award_value"] = exercise.award_value
    return fields


def agreement_public_fields(agreement: TransferAgreement) -> dict:
    from .models.agreements import CONTENT_FIELDS

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
    }
    if not agreement.is_confidential("exit_plan"):
        fields["exit_plan"] = agreement.exit_plan
    return fields


def searchable_text(fields: dict) -> str:
    """The words a search engine should index for a row (public fields only)."""
    parts = [fields["reference"], fields["title"], fields.get("summary", ""), fields["authority"]]
    parts += [fields.get("service", ""), fields.get("supplier", "")]
    parts += [p["name"] for p in fields.get("parties", [])] + fields.get("functions", [])
    return " ".join(str(p) for p in parts if p)


SEARCH_KINDS = {
    "procurement": (published_exercises, exercise_public_fields),
    "agreement": (published_agreements, agreement_public_fields),
}
