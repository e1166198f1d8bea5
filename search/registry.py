"""The registry of searchable kinds: how `search` learns about the apps without importing them.

A kind is one sort of public record (service specification, decision, procurement notice,
transfer agreement). The app that owns the model registers its kind from its AppConfig.ready():

    from search.registry import SearchKind, SearchRecord, register

    class DecisionKind(SearchKind):
        name = "decision"                       # stored value, used in ?kind=
        label = "Challenge decision"            # what people read
        model = "challenges.Challenge"          # app_label.ModelName

        def public_queryset(self):
            # PUBLIC rows only: decided and published; never drafts or cases in progress.
            return Challenge.objects.filter(state__in=[...], published_at__isnull=False)

        def to_record(self, obj) -> SearchRecord:
            # Published, public fields only: never names, emails or addresses of people.
            return SearchRecord(kind=self.name, object_id=obj.pk, title=..., url=..., ...)

    register(DecisionKind())

and, after each change that can alter what is public (a transition, a publication), calls
`search.indexing.queue_update(obj)` (or `queue_delete(kind_name, pk)` when the row is deleted),
inside the transaction that made the change. The indexer reloads the row through
`public_queryset()` once the transaction commits: a row that is no longer public is removed from
the index, so a kind never has to decide between "update" and "delete" itself.

Facets are shared across kinds (FACETS below); a kind fills the ones that mean something for it
and leaves the rest empty. Values are stable slugs (authority slugs, law.py slugs), labels come
from the facet's labeller at display time.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db import models


@dataclass
class SearchRecord:
    """One public document, the same for every backend. Text fields are plain text."""

    kind: str
    object_id: int | str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    date: date | None = None
    authority: list[str] = field(default_factory=list)  # authority slugs (joint cases: several)
    region: list[str] = field(default_factory=list)
    category: list[str] = field(default_factory=list)
    outcome: list[str] = field(default_factory=list)
    ground: list[str] = field(default_factory=list)
    authority_names: list[str] = field(default_factory=list)  # shown in results and the CSV

    @property
    def doc_id(self) -> str:
        return f"{self.kind}-{self.object_id}"

    def facet_values(self, facet: str) -> list[str]:
        if facet == "kind":
            return [self.kind]
        if facet == "year":
            return [str(self.date.year)] if self.date else []
        return list(getattr(self, facet))


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter
    label: str  # the filter's legend


# The filters beside the results, in the order shown. Dates also filter by range (from= / to=).
FACETS = [
    Facet("kind", "Type of record"),
    Facet("authority", "Authority"),
    Facet("region", "Region"),
    Facet("category", "Service category"),
    Facet("outcome", "Outcome"),
    Facet("ground", "Ground for rejection"),
    Facet("year", "Year"),
]
FACET_NAMES = [f.name for f in FACETS]


class SearchKind(ABC):
    """Subclass and register one per public model. See the module docstring."""

    name: str = ""
    label: str = ""
    model: str = ""  # "app_label.ModelName"
    # The outcomes its records carry (value -> label), shown together under their own legend in
    # the Outcome filter, so that decisions are not mixed up with procurement or agreement stages.
    outcome_legend: str = ""
    outcome_labels: dict[str, str] = {}  # noqa: RUF012  (a class default, never mutated)

    def get_model(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @abstractmethod
    def public_queryset(self) -> models.QuerySet:
        """The rows the public may see (never drafts)."""

    @abstractmethod
    def to_record(self, obj) -> SearchRecord:
        """The public fields of one row."""

    def records(self, chunk_size: int = 500) -> Iterable[SearchRecord]:
        """Every public row as a record (used by a rebuild)."""
        for obj in self.public_queryset().iterator(chunk_size=chunk_size):
            yield self.to_record(obj)

    def record_for(self, object_id) -> SearchRecord | None:
        """The record for one row, or None when the row is gone or no longer public."""
        obj = self.public_queryset().filter(pk=object_id).first()
        return self.to_record(obj) if obj is not None else None

    def connect(self) -> None:  # noqa: B027 (an optional hook)
        """Connect the signals that queue updates (optional: apps may call queue_update)."""

    def handles(self, obj) -> bool:
        return isinstance(obj, self.get_model())


_KINDS: dict[str, SearchKind] = {}


def register(kind: SearchKind) -> SearchKind:
    if not kind.name or not kind.label or not kind.model:
        raise ValueError("A search kind needs a name, a label and a model")
    _KINDS[kind.name] = kind
    kind.connect()
    return kind


def unregister(name: str) -> None:
    _KINDS.pop(name, None)


def get(name: str) -> SearchKind | None:
    return _KINDS.get(name)


def all_kinds() -> list[SearchKind]:
    return list(_KINDS.values())


def kind_for(obj) -> SearchKind | None:
    for kind in _KINDS.values():
        if kind.handles(obj):
            return kind
    return None


# Names reserved for the kinds the other apps will register, so links and labels agree with them.
PLANNED_KINDS = {
    "service": "Service specification",
    "decision": "Challenge decision",
    "procurement_notice": "Procurement notice",
    "transfer_agreement": "Transfer agreement",
}


def kind_label(name: str) -> str:
    kind = _KINDS.get(name)
    return kind.label if kind else PLANNED_KINDS.get(name, name)


def outcome_groups() -> list[tuple[str, dict[str, str]]]:
    """(legend, {value: label}) of each kind that declares its outcomes, in registration order."""
    return [(k.outcome_legend, dict(k.outcome_labels)) for k in all_kinds() if k.outcome_labels]
