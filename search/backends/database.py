"""The database backend: PostgreSQL full-text search (ranking, ts_headline), or on SQLite a
simpler match of every word. The embedded default when ELASTICSEARCH_URL is not set."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import islice

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchRank,
    SearchVector,
)
from django.contrib.postgres.search import SearchQuery as PgQuery
from django.db import connection, transaction
from django.db.models import Case, Count, F, Q, QuerySet, Value, When

from search import synonyms
from search.models import SearchEntry, SearchFacetValue
from search.registry import FACET_NAMES, SearchRecord

from .base import (
    MARK_END,
    MARK_START,
    MAX_RESULT_WINDOW,
    Hit,
    SearchBackend,
    SearchQuery,
    SearchResults,
)

FACET_SIZES = {"authority": 400, "region": 20, "year": 50}
CHUNK = 2000
VECTOR = (
    SearchVector("title", weight="A", config="english")
    + SearchVector("summary", weight="B", config="english")
    + SearchVector("body", weight="C", config="english")
)


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())[:32]


SUFFIXES = ("ies", "ing", "es", "ed", "s", "y")


def _stem(word: str) -> str:
    """A crude English stem for SQLite's simpler match: libraries, library -> librar."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class DatabaseBackend(SearchBackend):
    name = "database"

    # --- writing ---------------------------------------------------------------------------
    def upsert(self, records: Iterable[SearchRecord], refresh: bool = True) -> int:
        total = 0
        iterator = iter(records)
        while chunk := list(islice(iterator, CHUNK)):
            with transaction.atomic():
                SearchEntry.objects.filter(doc_id__in=[r.doc_id for r in chunk]).delete()
                total += self._insert(chunk)
        return total

    def _insert(self, records: list[SearchRecord]) -> int:
        entries = SearchEntry.objects.bulk_create(
            [
                SearchEntry(
                    doc_id=r.doc_id,
                    kind=r.kind,
                    object_id=str(r.object_id),
                    title=r.title[:500],
                    url=r.url[:500],
                    summary=r.summary,
                    body=r.body,
                    date=r.date,
                    authority_names=", ".join(r.authority_names)[:500],
                )
                for r in records
            ]
        )
        SearchFacetValue.objects.bulk_create(
            [
                SearchFacetValue(entry_id=entry.pk, facet=facet, value=value[:120])
                for entry, record in zip(entries, records, strict=True)
                for facet in FACET_NAMES
                for value in dict.fromkeys(record.facet_values(facet))
            ]
        )
        if _postgres():
            SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).update(vector=VECTOR)
        return len(entries)

    def delete(self, doc_ids: Iterable[str], refresh: bool = True) -> None:
        SearchEntry.objects.filter(doc_id__in=list(doc_ids)).delete()

    def rebuild(
        self, records: Iterable[SearchRecord], before_swap: Callable[[], None] | None = None
    ) -> int:
        """One transaction: readers see the old entries until the new ones are committed."""
        with transaction.atomic():
            SearchFacetValue.objects.all().delete()
            SearchEntry.objects.all().delete()
            total = 0
            iterator = iter(records)
            while chunk := list(islice(iterator, CHUNK)):
                total += self._insert(chunk)
            if before_swap:
                before_swap()
        return total

    def count(self) -> int:
        return SearchEntry.objects.count()

    # --- queries ---------------------------------------------------------------------------
    def _text_filter(self, qs: QuerySet, text: str) -> tuple[QuerySet, object | None]:
        if not text:
            return qs, None
        phrasings = [text, *synonyms.expansions(text)]
        if _postgres():
            tsquery = None
            for phrasing in phrasings:
                part = PgQuery(phrasing, search_type="websearch", config="english")
                tsquery = part if tsquery is None else tsquery | part
            return qs.filter(vector=tsquery), tsquery
        condition = Q(pk__in=[])
        for phrasing in phrasings:
            every_word = Q()
            for word in _words(phrasing):
                pattern = r"\b" + re.escape(_stem(word))  # a word that starts with its stem
                every_word &= (
                    Q(title__iregex=pattern) | Q(summary__iregex=pattern) | Q(body__iregex=pattern)
                )
            condition |= every_word
        return qs.filter(condition), None

    def _facet_filter(self, qs: QuerySet, facet: str, values: list[str]) -> QuerySet:
        matching = SearchFacetValue.objects.filter(facet=facet, value__in=values)
        return qs.filter(pk__in=matching.values("entry_id"))

    def search(self, query: SearchQuery, size: int | None = None) -> SearchResults:
        base = SearchEntry.objects.all()
        if query.date_from:
            base = base.filter(date__gte=query.date_from)
        if query.date_to:
            base = base.filter(date__lte=query.date_to)
        base, tsquery = self._text_filter(base, query.text)
        selected = {
            name: values for name, values in query.filters.items() if values and name in FACET_NAMES
        }

        def filtered(except_facet: str | None = None) -> QuerySet:
            qs = base
            for name, values in selected.items():
                if name != except_facet:
                    qs = self._facet_filter(qs, name, values)
            return qs

        results = filtered()
        if tsquery is not None:
            results = results.annotate(rank=SearchRank(F("vector"), tsquery))
        if query.sort == "date" or not query.text:
            results = results.order_by(F("date").desc(nulls_last=True), "title", "pk")
        elif tsquery is not None:
            results = results.order_by("-rank", F("date").desc(nulls_last=True), "pk")
        else:  # SQLite: a title match first, then the newest
            title_match = Q()
            for word in _words(query.text):
                title_match &= Q(title__iregex=r"\b" + re.escape(_stem(word)))
            if title_match:
                results = results.alias(
                    in_title=Case(When(title_match, then=Value(1)), default=Value(0))
                ).order_by("-in_title", F("date").desc(nulls_last=True), "pk")
            else:
                results = results.order_by(F("date").desc(nulls_last=True), "pk")

        if size is None:
            start, stop = query.offset, query.offset + query.per_page
        else:
            start, stop = 0, size
        stop = min(stop, MAX_RESULT_WINDOW)
        page = list(results[start:stop]) if start < stop else []
        snippets = self._snippets(page, query.text, tsquery)
        facet_counts = {}
        for name in FACET_NAMES:
            scope = filtered(except_facet=name)
            rows = (
                SearchFacetValue.objects.filter(facet=name, entry__in=scope.values("pk"))
                .values("value")
                .annotate(n=Count("id"))
                .order_by("-n", "value")[: FACET_SIZES.get(name, 30)]
            )
            facet_counts[name] = [(row["value"], row["n"]) for row in rows]
        values = self._facet_values(page)
        hits = [
            Hit(
                kind=e.kind,
                object_id=e.object_id,
                title=e.title,
                url=e.url,
                summary=e.summary,
                date=e.date,
                authority_names=[n for n in e.authority_names.split(", ") if n],
                snippet=snippets.get(e.pk, ""),
                region=values.get((e.pk, "region"), []),
                category=values.get((e.pk, "category"), []),
                outcome=values.get((e.pk, "outcome"), []),
            )
            for e in page
        ]
        return SearchResults(total=results.count(), hits=hits, facets=facet_counts)

    def _facet_values(self, entries) -> dict[tuple[int, str], list[str]]:
        values: dict[tuple[int, str], list[str]] = {}
        rows = SearchFacetValue.objects.filter(
            entry__in=[e.pk for e in entries], facet__in=["region", "category", "outcome"]
        ).values_list("entry_id", "facet", "value")
        for entry_id, facet, value in rows:
            values.setdefault((entry_id, facet), []).append(value)
        return values

    def _snippets(self, entries, text: str, tsquery) -> dict[int, str]:
        if not entries or not text:
            return {}
        if tsquery is not None:
            options = {
                "config": "english",
                "start_sel": MARK_START,
                "stop_sel": MARK_END,
                "max_words": 35,
                "min_words": 15,
            }
            rows = (
                SearchEntry.objects.filter(pk__in=[e.pk for e in entries])
                .annotate(
                    headline=SearchHeadline("body", tsquery, **options),
                    summary_headline=SearchHeadline("summary", tsquery, **options),
                )
                .values_list("pk", "headline", "summary_headline")
            )
            result = {}
            for pk, body, summary in rows:
                result[pk] = body if MARK_START in (body or "") else summary
            return result
        return {e.pk: _mark_words(e.body or e.summary, text) for e in entries}

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        prefix = prefix.strip()[:100]
        if not prefix:
            return []
        titles = (
            SearchEntry.objects.filter(title__istartswith=prefix)
            .order_by("title")
            .values_list("title", flat=True)
            .distinct()[:limit]
        )
        return list(titles)

    def health(self) -> dict:
        return {"backend": self.name, "engine": connection.vendor, "documents": self.count()}


def _mark_words(text: str, query: str, width: int = 220) -> str:
    """A window of the text around the first match, with every matching word marked."""
    words = [_stem(w) for w in _words(query) if len(w) > 1]
    if not words:
        return text[:width]
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - 60) if first else 0
    window = text[start : start + width]
    marked = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", window)
    return ("…" if start else "") + marked
