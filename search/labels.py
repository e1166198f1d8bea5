"""Labels for facet values (values are stable slugs; people read names)."""

import time

from portal import law
from portal.models import Authority, ServiceCategory
from search import registry

# Outcomes a decision, notice or agreement may carry; kinds may add their own (OUTCOME_LABELS).
OUTCOME_LABELS = {
    "accepted": "Accepted",
    "accepted_modified": "Accepted with modifications",
    "modified": "Accepted with a modification",  # challenges.models.Outcome.MODIFIED
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "awarded": "Awarded",
    "cancelled": "Cancelled",
    "in_force": "In force",
    "terminated": "Terminated",
}


_CACHE_SECONDS = 60
_cache: dict[str, tuple[float, dict[str, str]]] = {}


def _names(model, field: str, values: list[str]) -> dict[str, str]:
    """Every slug -> name of a small table, kept for a minute (the page asks on every search)
    and read again when a value is missing."""
    key = model.__name__
    cached = _cache.get(key)
    if (
        cached is None
        or time.monotonic() - cached[0] > _CACHE_SECONDS
        or any(v not in cached[1] for v in values)
    ):
        cached = (time.monotonic(), dict(model.objects.values_list("slug", field)))
        _cache[key] = cached
    return cached[1]


def labels_for(facet: str, values: list[str]) -> dict[str, str]:
    if facet == "kind":
        return {v: registry.kind_label(v) for v in values}
    if facet == "authority":
        found = _names(Authority, "nice_name", values)
        return {v: found.get(v, v) for v in values}
    if facet == "category":
        found = _names(ServiceCategory, "name", values)
        return {v: found.get(v, v.replace("_", " ").capitalize()) for v in values}
    if facet == "ground":
        grounds = dict(law.REJECTION_GROUNDS)
        return {v: grounds.get(v, v) for v in values}
    if facet == "outcome":
        declared = {
            v: label for _, group in registry.outcome_groups() for v, label in group.items()
        }
        return {
            v: declared.get(v) or OUTCOME_LABELS.get(v, v.replace("_", " ").capitalize())
            for v in values
        }
    return {v: v for v in values}
