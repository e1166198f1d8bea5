"""Procurement notices and transfer agreements as kinds of search/'s registry.

Registered from ProcurementConfig.ready() when search.registry is installed (it is built on its
own branch; without it nothing happens). Records take only the public fields of
procurement.publication; after each committed change procurement.signals.publication_changed
queues the row, and the indexer drops it when it is no longer in the public queryset.
"""

from . import publication, signals

# What every transfer agreement is in law, in the words people search for it with.
AGREEMENT_KIND = "Section 75 partnership agreement (NHS Act 2006)."


def register_kinds() -> bool:
    try:
        from search import indexing
        from search.registry import SearchKind, SearchRecord, register
    except ImportError:
        return False
    from .models import AgreementState
    from .models import State as ExerciseState

    class ProcurementNoticeKind(SearchKind):
        name = "procurement_notice"
        label = "Procurement notice"
        model = "procurement.ProcurementExercise"
        outcome_legend = "Stage of a procurement exercise"
        outcome_labels = dict(ExerciseState.choices)
        signal_kind = "procurement"

        def public_queryset(self):
            return publication.published_exercises()

        def to_record(self, exercise):
            fields = publication.exercise_public_fields(exercise)
            return SearchRecord(
                kind=self.name,
                object_id=exercise.pk,
                title=f"{fields['reference']}: {fields['title']}",
                url=fields["url"],
                summary=fields["summary"],
                # The notices by code and name ("UK4 Tender notice"): people search for both.
                body=" ".join(
                    [
                        publication.searchable_text(fields),
                        *(f"{n['code']} {n['label']}." for n in fields["notices"]),
                    ]
                ),
                date=fields["date"],
                authority=[fields["authority_slug"]],
                authority_names=[fields["authority"]],
                region=[exercise.authority.region] if exercise.authority.region else [],
                category=[fields["category_slug"]] if fields["category_slug"] else [],
                outcome=[fields["state"]],
            )

        def connect(self):
            signals.publication_changed.connect(
                self.changed, dispatch_uid=f"search-{self.name}", weak=False
            )

        def changed(self, sender, kind, pk, **kwargs):
            if kind != self.signal_kind:
                return
            obj = self.get_model().objects.filter(pk=pk).first()
            if obj is None:
                indexing.queue_delete(self.name, pk)
            else:
                indexing.queue_update(obj)

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
                summary=fields["summary"],
                body=f"{publication.searchable_text(fields)} {AGREEMENT_KIND}",
                date=fields["date"],
                authority=[a.slug for a in authorities],
                authority_names=[a.nice_name for a in authorities],
                region=list(dict.fromkeys(a.region for a in authorities if a.region)),
                category=[fields["agreement_type"]],
                outcome=[fields["state"]],
            )

    register(ProcurementNoticeKind())
    register(TransferAgreementKind())
    return True
