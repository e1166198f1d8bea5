"""What the public may read about exercises, in one place: the public pages, the
OCDS output and the search registry all take their fields from here.

Nothing here names a person (officers, approvers, provider members) and nothing marked
commercially confidential is included.

Search kinds (for search/'s registry): each kind is a queryset of published rows and a function
returning the public fields of one row::

    SEARCH_KINDS = {"procurement": (published_exercises, exercise_public_fields)}

Agreements have their own (agreements/publication.py).
"""

from portal import law
from portal.models import provenance
from procurement import cpv
from procurement.models import Notice, ProcurementExercise


def published_exercises():
    # The notices are prefetched: a list of exercises reads them in one query, not one each.
    return (
        ProcurementExercise.objects.published()
        .select_related("authority", "service__category", "supplier", "challenge", "source_import")
        .prefetch_related("notices")
    )


def exercise_public_fields(exercise: ProcurementExercise) -> dict:
    """The public fields of an exercise. The supplier and the value of an award appear only
    once a notice announcing it is published (law.AWARD_NOTICE_CODES): an award proposed is
    not public before the contract award notice."""
    notices: list[Notice] = list(exercise.notices.all())
    award_public = any(n.code in law.AWARD_NOTICE_CODES for n in notices)
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
        "supplier": exercise.supplier.name if exercise.supplier_id and award_public else "",
        "awarded_on": exercise.awarded_on if award_public else None,
        "challenger_won": exercise.challenger_won if award_public else None,
        "cancellation_reason": exercise.cancellation_reason,
        "contract_starts_on": exercise.contract_starts_on,
        "contract_ends_on": exercise.contract_ends_on,
        **provenance.public_fields(exercise),
        "provenance_mark": provenance.summary_prefix(exercise),
    }
    if not exercise.is_confidential("estimated_value"):
        fields["estimated_value"] = exercise.estimated_value
    if (
        award_public
        and exercise.award_value is not None
        and not exercise.is_confidential("award_value")
    ):
        fields["award_value"] = exercise.award_value
    return fields


def searchable_text(fields: dict) -> str:
    """The words a search engine should index for a row (public fields only)."""
    parts = [fields["reference"], fields["title"], fields.get("summary", ""), fields["authority"]]
    parts += [fields.get("service", ""), fields.get("supplier", "")]
    parts += [p["name"] for p in fields.get("parties", [])] + fields.get("functions", [])
    return " ".join(str(p) for p in parts if p)


SEARCH_KINDS = {
    "procurement": (published_exercises, exercise_public_fields),
}
