"""Procurement notices as a kind of search/'s registry (agreements/search_kinds.py subclasses it).

Registered from ProcurementConfig.ready(). Records take only the public fields of
procurement.publication; after each committed change procurement.signals.publication_changed
queues the row, and the indexer drops it when it is no longer in the public queryset.
"""

from procurement import publication, signals
from procurement.models import State as ExerciseState
from search import indexing
from search.registry import SearchKind, SearchRecord, register


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
            summary=fields["provenance_mark"] + fields["summary"],
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


def register_kinds() -> bool:
    register(ProcurementNoticeKind())
    return True
