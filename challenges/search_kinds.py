"""Published challenge decisions as a kind of search/'s registry.

The public queryset is the register's (Challenge.objects.published(): decided, with an outcome),
so a draft or a case in progress never reaches the index. Records carry only what the register
shows: reference, service, authorities, the body that challenged (an organisation), outcome,
grounds, date, reasons and the procurement stage. Never officers, decision makers or emails.
challenges.workflow queues an update after each transition declared `publishes=True`.
"""

from django.db.models import Prefetch
from django.urls import reverse

from portal import law
from portal.models import Authority, provenance

from .models import Challenge, Outcome, ProcurementResult, State


def register_kinds() -> bool:
    try:
        from search.registry import SearchKind, SearchRecord, register
    except ImportError:
        return False

    class DecisionKind(SearchKind):
        name = "decision"
        label = "Challenge decision"
        model = "challenges.Challenge"
        outcome_legend = "Decision"
        outcome_labels = dict(Outcome.choices)

        def public_queryset(self):
            # The partners of each joint service come prefetched: a rebuild reads them in one
            # query per chunk, not one per decision.
            return (
                Challenge.objects.published()
                .select_related("authority", "service", "service__category", "organisation")
                .prefetch_related(
                    Prefetch(
                        "service__partner_authorities",
                        queryset=Authority.objects.order_by("nice_name"),
                    )
                )
            )

        def to_record(self, challenge):
            return decision_record(challenge, SearchRecord, self.name)

        def connect(self):
            from wagtail.signals import page_published

            page_published.connect(
                _service_republished, dispatch_uid="search-decisions-service", weak=False
            )

    register(DecisionKind())
    return True


def _service_republished(sender, instance, **kwargs):
    """A service's new title or authorities show in its decisions' records: queue them."""
    from search.indexing import queue_update

    for challenge in Challenge.objects.published().filter(service_id=instance.pk):
        queue_update(challenge)


def _partners(challenge: Challenge) -> list:
    """The joint service's partner authorities by name: prefetched when the queryset did."""
    service = challenge.service
    if "partner_authorities" in getattr(service, "_prefetched_objects_cache", {}):
        return sorted(service.partner_authorities.all(), key=lambda a: a.nice_name)
    return list(challenge.partner_authorities)


def decision_record(challenge: Challenge, record_class, kind: str = "decision"):
    service = challenge.service
    authorities = [challenge.authority, *_partners(challenge)]
    outcome = Outcome(challenge.outcome).label
    grounds = [label for _, label in challenge.grounds_labelled]
    stage = ""
    if challenge.state == State.PROCUREMENT_STARTED:
        stage = "Procurement started."
    elif challenge.state == State.CLOSED and challenge.procurement_result:
        stage = f"{ProcurementResult(challenge.procurement_result).label}."
    summary = (
        f"{outcome}. Challenge by {challenge.organisation.name} to "
        f"{challenge.authority.nice_name}'s {service.title}."
    )
    if stage:
        summary = f"{summary} {stage}"
    summary = provenance.summary_prefix(challenge) + summary
    body_parts = [*grounds, challenge.decision_reasons]
    if challenge.outcome == Outcome.MODIFIED:
        body_parts.append(challenge.modification_terms)
    return record_class(
        kind=kind,
        object_id=challenge.pk,
        title=f"{challenge.reference}: {service.title}",
        url=reverse("decisions:detail", args=[challenge.reference]),
        summary=summary,
        body=" ".join(p.strip() for p in body_parts if p and p.strip()),
        date=challenge.decided_on,
        authority=[a.slug for a in authorities],
        authority_names=[a.nice_name for a in authorities],
        region=list(dict.fromkeys(a.region for a in authorities if a.region)),
        category=[service.category.slug] if service.category_id else [],
        outcome=[challenge.outcome],
        ground=[slug for slug in challenge.grounds if slug in dict(law.REJECTION_GROUNDS)],
    )
