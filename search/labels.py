"""Labels for facet values (values are stable slugs; people read names)."""

from portal import law
from portal.models import Authority, ServiceCategory
from search import registry

# Outcomes a decision, notice or agreement may carry; kinds may add their own (OUTCOME_LABELS).
OUTCOME_LABELS = {
    "accepted": "Accepted",
    "accepted_modified": "Accepted with modifications",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "awarded": "Awarded",
    "cancelled": "Cancelled",
    "in_force": "In force",
    "terminated": "Terminated",
}


def labels_for(facet: str, values: list[str]) -> dict[str, str]:
    if facet == "kind":
        return {v: registry.kind_label(v) for v in values}
    if facet == "authority":
        found = dict(Authority.objects.filter(slug__in=values).values_list("slug", "nice_name"))
        return {v: found.get(v, v) for v in values}
    if facet == "category":
        found = dict(ServiceCategory.objects.filter(slug__in=values).values_list("slug", "name"))
        return {v: found.get(v, v.replace("_", " ").capitalize()) for v in values}
    if facet == "ground":
        grounds = dict(law.REJECTION_GROUNDS)
        return {v: grounds.get(v, v) for v in values}
    if facet == "outcome":
        return {v: OUTCOME_LABELS.get(v, v.replace("_", " ").capitalize()) for v in values}
    return {v: v for v in values}
