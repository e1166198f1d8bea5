"""The one query interface both backends implement."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search import query_text
from search.registry import FACET_NAMES, SearchRecord

# Backends mark highlighted words with these private-use characters; snippet_html() escapes
# everything else and turns only these into <mark> elements.
MARK_START, MARK_END = "\ue000", "\ue001"
MAX_RESULT_WINDOW = 10_000  # the deepest result either backend returns (CSV limit too)


@dataclass
class SearchQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet name -> values (OR)
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"  # or "date" (newest first)
    page: int = 1
    per_page: int = 20
    # Only records with every word as typed: no similar spellings or partial matches (alerts
    # and feeds, where a near miss would be sent to people as news).
    strict: bool = False

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def selected(self, facet: str) -> list[str]:
        return self.filters.get(facet, [])


@dataclass
class Hit:
    kind: str
    object_id: str
    title: str
    url: str
    summary: str
    date: date | None
    authority_names: list[str]
    snippet: str = ""  # plain text with MARK_START / MARK_END around matches
    region: list[str] = field(default_factory=list)
    category: list[str] = field(default_factory=list)
    outcome: list[str] = field(default_factory=list)

    @property
    def synthetic(self) -> bool:
        """A synthetic demonstration record (its kind's summary begins with the mark)."""
        from portal.models.provenance import SYNTHETIC_MARK

        return self.summary.startswith(SYNTHETIC_MARK)

    @property
    def snippet_html(self) -> SafeString:
        return snippet_html(self.snippet or self.summary)


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]  # facet -> [(value, count)], most frequent first
    suggestion: str = ""  # "Did you mean": the query spelt as the indexed words are
    approximate: bool = False  # nothing matched as typed: these match similar spellings
    partial: bool = False  # nothing had every word: these have some of them


class Match:
    """How a query's words must match, from strict to lenient (SearchBackend.search)."""

    ALL = "all"  # every word (or a synonym of it)
    FUZZY = "fuzzy"  # every word, allowing a typing slip in each (Elasticsearch)
    SOME = "some"  # the best partial matches: not every word


def snippet_html(text: str) -> SafeString:
    escaped = escape(text)  # the marks are not HTML-special, so they survive escaping
    # Unbalanced marks (a cut-off fragment) must not leave an open element.
    opened, out = False, []
    for char in escaped:
        if char == MARK_START and not opened:
            out.append("<mark>")
            opened = True
        elif char == MARK_END and opened:
            out.append("</mark>")
            opened = False
        elif char not in (MARK_START, MARK_END):
            out.append(char)
    if opened:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308  (everything but our marks is escaped above)


def strip_marks(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")


class SearchBackend(ABC):
    """One query interface; each backend implements all of it."""

    name = ""
    fuzzy = False  # True: the engine matches misspelt words itself (Match.FUZZY)

    def search(self, query: SearchQuery, size: int | None = None) -> SearchResults:
        """Every word first; when that finds nothing, similar spellings (the engine's fuzzy
        matching, or the "Did you mean" words), then the records with most of the words."""
        text = query_text.normalise(query.text)
        results = self.run(query, text, size, Match.ALL)
        if results.total or not text or query.strict or query_text.reference(text):
            return results
        suggestion = self.did_you_mean(text) or ""
        attempts = [(text, Match.FUZZY)] if self.fuzzy else []
        attempts += [(suggestion, Match.ALL)] if suggestion else []
        for attempt_text, match in attempts:
            approximate = self.run(query, attempt_text, size, match)
            if approximate.total:
                approximate.suggestion, approximate.approximate = suggestion, True
                return approximate
        partial = self.run(query, suggestion or text, size, Match.SOME)
        if partial.total and len(query_text.words(text)) > 1:
            partial.suggestion, partial.partial = suggestion, True
            return partial
        results.suggestion = suggestion
        return results

    @abstractmethod
    def run(self, query: SearchQuery, text: str, size: int | None, match: str) -> SearchResults:
        """One query: `text` (normalised) matched as `match` says, with the query's filters."""

    @abstractmethod
    def did_you_mean(self, text: str) -> str | None:
        """The query with misspelt words replaced by indexed ones, or None."""

    @abstractmethod
    def suggest(self, prefix: str, limit: int = 8) -> list[str]: ...

    @abstractmethod
    def upsert(self, records: Iterable[SearchRecord]) -> int: ...

    @abstractmethod
    def delete(self, doc_ids: Iterable[str]) -> None: ...

    @abstractmethod
    def rebuild(self, records: Iterable[SearchRecord], before_swap=None) -> int:
        """Replace the whole index with these records; searches keep working throughout."""

    def ensure_index(self) -> None:  # noqa: B027 (an optional hook)
        """Create an empty index when there is none."""

    @abstractmethod
    def health(self) -> dict: ...


FACETS = FACET_NAMES
