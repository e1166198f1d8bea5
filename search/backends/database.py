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
from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from search import highlights, query_text, spelling, synonyms
from search.models import SearchEntry, SearchFacetValue
from search.registry import FACET_NAMES, SearchRecord

from .base import (
    MARK_END,
    MARK_START,
    MAX_RESULT_WINDOW,
    Hit,
    Match,
    SearchBackend,
    SearchQuery,
    SearchResults,
)

# ts_rank with the default weights (A 1.0, B 0.4, C 0.2, D 0.1), divided by 1 + log(length):
# otherwise a notice or decision that repeats a service's words outranks the service itself.
RANK_OPTIONS = {"normalization": 1}
FACET_SIZES = {"authority": 400, "region": 20, "year": 50}
CHUNK = 2000
VECTOR = (
    SearchVector("title", weight="A", config="english")
    + SearchVector("summary", weight="B", config="english")
    + SearchVector("body", weight="C", config="english")
    + SearchVector("authority_names", weight="D", config="english")
)


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())[:32]


def _terms(text: str) -> list[str]:
    """The words and "quoted phrases" of a query, each on its own."""
    return re.findall(r'"[^"]+"|[^\s"]+', text)[:32]


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
            ids = [e.pk for e in entries]
            SearchEntry.objects.filter(pk__in=ids).update(vector=VECTOR)
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE search_searchentry e SET facets = ARRAY(SELECT f.facet || '=' || "
                    "f.value FROM search_searchfacetvalue f WHERE f.entry_id = e.id ORDER BY "
                    "f.id) WHERE e.id = ANY(%s)",
                    [ids],
                )
        spelling.add_words(records)
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
            spelling.clear()
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
    def _text_filter(self, qs: QuerySet, text: str, match: str) -> tuple[QuerySet, object | None]:
        if not text:
            return qs, None
        reference = query_text.reference(text)
        if reference:  # exactly that record: its title starts with its reference
            return qs.filter(title__istartswith=f"{reference}:"), None
        phrasings = [text, *synonyms.expansions(text, quote=True)]
        if _postgres():
            tsquery = None
            for phrasing in phrasings:
                # Match.SOME: any word, or any phrase of the synonyms, of each phrasing
                parts = _terms(phrasing) if match == Match.SOME else [phrasing]
                for part in (PgQuery(p, search_type="websearch", config="english") for p in parts):
                    tsquery = part if tsquery is None else tsquery | part
            return qs.filter(vector=tsquery), tsquery
        condition = Q(pk__in=[])
        for phrasing in phrasings:
            terms = _terms(phrasing) if match == Match.SOME else [phrasing]
            for term in terms:  # Match.SOME: any of them; else the one phrasing
                every_word = Q()
                for word in _words(term):
                    pattern = r"\b" + re.escape(_stem(word))  # a word that starts with its stem
                    every_word &= (
                        Q(title__iregex=pattern)
                        | Q(summary__iregex=pattern)
                        | Q(body__iregex=pattern)
                        | Q(authority_names__iregex=pattern)
                    )
                if every_word:
                    condition |= every_word
        return qs.filter(condition), None

    def _facet_filter(self, qs: QuerySet, facet: str, values: list[str]) -> QuerySet:
        if _postgres():  # the entry's facets array has any of them (GIN index)
            tokens = [f"{facet}={v}" for v in values]
            has = RawSQL('"search_searchentry"."facets" && %s::text[]', (tokens,), BooleanField())
            return qs.alias(**{f"has_{facet}": has}).filter(**{f"has_{facet}": True})
        matching = SearchFacetValue.objects.filter(facet=facet, value__in=values)
        return qs.filter(pk__in=matching.values("entry_id"))

    def did_you_mean(self, text: str) -> str | None:
        return spelling.did_you_mean(text)

    def run(self, query: SearchQuery, text: str, size: int | None, match: str) -> SearchResults:
        base = SearchEntry.objects.all()
        if query.date_from:
            base = base.filter(date__gte=query.date_from)
        if query.date_to:
            base = base.filter(date__lte=query.date_to)
        base, tsquery = self._text_filter(base, text, match)
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
        if query.sort == "date" or not text:
            results = results.order_by(F("date").desc(nulls_last=True), "title", "pk")
        elif tsquery is not None:
            results = results.annotate(
                rank=SearchRank(F("vector"), tsquery, **RANK_OPTIONS)
            ).order_by("-rank", F("date").desc(nulls_last=True), "pk")
        else:  # SQLite: more of the words in the title first, then the newest
            in_title = Value(0)
            for word in _words(text):
                pattern = r"\b" + re.escape(_stem(word))
                in_title += Case(When(title__iregex=pattern, then=Value(1)), default=Value(0))
            results = results.alias(in_title=in_title).order_by(
                "-in_title", F("date").desc(nulls_last=True), "pk"
            )

        if size is None:
            start, stop = query.offset, query.offset + query.per_page
        else:
            start, stop = 0, size
        stop = min(stop, MAX_RESULT_WINDOW)
        page = list(results[start:stop]) if start < stop else []
        if _postgres():
            everything = not (text or query.date_from or query.date_to)
            facet_counts = self._postgres_facet_counts(filtered, selected, everything)
        else:
            facet_counts = self._facet_counts(filtered, selected)
        snippets = self._snippets(page, text, tsquery)
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
        kinds = facet_counts["kind"]
        chosen = set(selected.get("kind", [])) or {value for value, _n in kinds}
        # Every entry has exactly one kind, so the kind counts add up to the total.
        total = sum(n for value, n in kinds if value in chosen)
        return SearchResults(total=total, hits=hits, facets=facet_counts)

    def _postgres_facet_counts(self, filtered, selected, everything: bool):
        """PostgreSQL: each scope's facet counts from the matching entries' facets arrays, in
        one scan (no join with the facet values table); the scope of every record (no words,
        dates or other selections) straight from that table."""
        counted: dict[str, list[tuple[str, int]]] = {name: [] for name in FACET_NAMES}
        scopes = [(None, [n for n in FACET_NAMES if n not in selected])]
        scopes += [(name, [name]) for name in selected]
        for except_facet, names in scopes:
            others = [n for n in selected if n != except_facet]
            if everything and not others:
                rows = (
                    SearchFacetValue.objects.filter(facet__in=names)
                    .values_list("facet", "value")
                    .annotate(n=Count("id"))
                    .order_by()
                )
                for facet, value, n in rows:
                    counted[facet].append((value, n))
                continue
            scope = filtered(except_facet=except_facet).annotate(
                fa=RawSQL('"search_searchentry"."facets"', ())
            )
            sql, params = scope.values("fa").query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT t, count(*) FROM ({sql}) m, unnest(m.fa) t "  # noqa: S608
                    "WHERE split_part(t, '=', 1) = ANY(%s) GROUP BY t",
                    [*params, names],
                )
                for token, n in cursor.fetchall():
                    facet, _, value = token.partition("=")
                    counted[facet].append((value, n))
        for name, counts in counted.items():
            counts.sort(key=lambda pair: (-pair[1], pair[0]))
            del counts[FACET_SIZES.get(name, 30) :]
        return counted

    def _facet_counts(self, filtered, selected) -> dict[str, list[tuple[str, int]]]:
        """One query for every facet nobody filtered on, one per facet with a selection (whose
        counts ignore its own selection: disjunctive facets)."""
        groups: dict[str, list[tuple[str, int]]] = {name: [] for name in FACET_NAMES}
        scopes = [(filtered(), [n for n in FACET_NAMES if n not in selected])]
        scopes += [(filtered(except_facet=name), [name]) for name in selected]
        for scope, names in scopes:
            rows = (
                SearchFacetValue.objects.filter(facet__in=names, entry__in=scope.values("pk"))
                .values_list("facet", "value")
                .annotate(n=Count("id"))
                .order_by()
            )
            for facet, value, n in rows:
                groups[facet].append((value, n))
        for name, counts in groups.items():
            counts.sort(key=lambda pair: (-pair[1], pair[0]))
            del counts[FACET_SIZES.get(name, 30) :]
        return groups

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
            # The field that matched: the summary, else the body; neither (a title or authority
            # match): the summary as it is.
            result = {}
            for pk, body, summary in rows:
                summary = highlights.drop_stray_marks(summary or "", text)
                body = highlights.drop_stray_marks(body or "", text)
                result[pk] = body if MARK_START not in summary and MARK_START in body else summary
            return result
        result = {}
        for e in entries:  # SQLite: the summary if it has a word of the query, else the body
            summary = highlights.drop_stray_marks(_mark_words(e.summary, text), text)
            body = highlights.drop_stray_marks(_mark_words(e.body, text), text)
            result[e.pk] = body if MARK_START not in summary and MARK_START in body else summary
        return result

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Whole titles with a word that starts with the prefix ("swim" finds "Leisure centres
        and swimming pools"); titles that start with it first. Only whole titles, so a
        suggestion always finds its record."""
        prefix = " ".join(prefix.split())[:100]
        if not prefix:
            return []
        word_start = r"(^|[^0-9a-z])" + re.escape(prefix)
        rows = (
            SearchEntry.objects.filter(title__iregex=word_start)
            .annotate(
                at_start=Case(When(title__istartswith=prefix, then=Value(0)), default=Value(1)),
                not_service=Case(When(kind="service", then=Value(0)), default=Value(1)),
            )
            .order_by("at_start", "not_service", "title")
            .values_list("title", flat=True)[: limit * 4]
        )
        return list(dict.fromkeys(rows))[:limit]

    def health(self) -> dict:
        return {"backend": self.name, "engine": connection.vendor, "documents": self.count()}


def _mark_words(text: str, query: str, width: int = 220) -> str:
    """A window of the text around the first match, with every word of the query or of its
    synonyms marked."""
    phrasings = [query, *synonyms.expansions(query)]
    words = list(dict.fromkeys(_stem(w) for p in phrasings for w in _words(p) if len(w) > 1))
    if not words:
        return text[:width]
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - 60) if first else 0
    window = text[start : start + width]
    marked = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", window)
    return ("…" if start else "") + marked
