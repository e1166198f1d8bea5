"""Elasticsearch through elasticsearch-dsl: one index of every public kind, behind an alias."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch_dsl import Q, Search

from search import query_text
from search.documents import RecordDocument, replica_settings
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

log = logging.getLogger(__name__)

BOOSTS = {"title": 5.0, "summary": 2.0, "body": 1.0, "authority_names": 1.0}  # title boosting
FUZZINESS = "AUTO:4,7"
FACET_SIZES = {"authority": 400, "region": 20, "year": 50}
BULK_CHUNK = 1000


class SearchIndexRed(Exception):
    """The portal's index has a primary shard that no node holds: some records cannot be found."""


def hosts(url: str) -> list[str]:
    """ELASTICSEARCH_URL names one node or several of one cluster, comma-separated."""
    return [part.strip() for part in url.split(",") if part.strip()]


def _fuzzy_word(word: str) -> Q:
    """One word, a typing slip allowed: short words stay exact (AUTO:4,7 allows no edit below
    four letters, one up to six, two from seven), and the first letter must be right."""
    return Q(
        "multi_match",
        query=word,
        fields=[f"{field}^{boost:g}" for field, boost in BOOSTS.items()],
        fuzziness=FUZZINESS,
        prefix_length=1,
        max_expansions=20,
    )


def text_query(text: str, match: str = Match.ALL) -> list:
    """Every word (or its synonym) somewhere in the record, quoted phrases as phrases.

    combined_fields scores title, summary, body and authority names as one field (BM25F) in
    which a word of the title counts five times: title boosting without a clause per field,
    which cost four times as much on 100,000 records. Match.FUZZY requires every word with a
    typing slip allowed; Match.SOME only half of them (the best partial matches).
    """
    if not text:
        return []
    reference = query_text.reference(text)
    if reference:  # exactly that record: its title starts with its reference
        return [Q("prefix", **{"title.raw": f"{reference}:"})]
    phrases = re.findall(r'"([^"]+)"', text)
    words = re.sub(r'"[^"]*"', " ", text).strip()
    must = [Q("match_phrase", all_text=phrase) for phrase in phrases]
    should = [Q("match_phrase", title={"query": phrase, "boost": 4.0}) for phrase in phrases]
    if words and match == Match.FUZZY:
        must += [_fuzzy_word(w) for w in re.findall(r"[^\W_]+", words)[:16]]
    elif words:
        options = {"operator": "and"}
        if match == Match.SOME:
            options = {"operator": "or", "minimum_should_match": "1<50%"}
        must.append(
            Q(
                "combined_fields",
                query=words,
                fields=[f"{field}^{boost:g}" for field, boost in BOOSTS.items()],
                **options,
            )
        )
    return [Q("bool", must=must, should=should)]


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"
    fuzzy = True

    def __init__(self, url: str, prefix: str, replicas: str = "0-1"):
        self.url = url
        self.alias = f"{prefix}-public"
        self.replicas = replicas
        nodes = hosts(url)
        # The client spreads requests over the nodes; one that refuses a connection is set
        # aside for a while and the request is retried on the next, so one node down costs no
        # failed search. All of them down fails at once (the outbox keeps the writes).
        self.client = Elasticsearch(
            nodes, request_timeout=30, max_retries=max(1, len(nodes) - 1), retry_on_timeout=False
        )

    # --- the index -------------------------------------------------------------------------
    def _index_template(self, name: str):
        index = RecordDocument._index.clone(name)
        index.settings(
            number_of_shards=1, max_result_window=10_000, **replica_settings(self.replicas)
        )
        return index

    def _new_index_name(self) -> str:
        return f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"

    def current_indices(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def ensure_index(self) -> None:
        if self.current_indices():
            return
        name = self._new_index_name()
        self._index_template(name).create(using=self.client)
        self.client.indices.put_alias(index=name, name=self.alias)

    def rebuild(
        self, records: Iterable[SearchRecord], before_swap: Callable[[], None] | None = None
    ) -> int:
        """Build a timestamped index, bulk-load it, swap the alias atomically, drop the old."""
        name = self._new_index_name()
        self._index_template(name).create(using=self.client)
        try:
            self.client.indices.put_settings(index=name, settings={"refresh_interval": "-1"})
            count = self._bulk(records, index=name)
            self.client.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
            self.client.indices.refresh(index=name)
            if before_swap:
                before_swap()
            old = self.current_indices()
            actions = [{"remove": {"index": i, "alias": self.alias}} for i in old]
            actions.append({"add": {"index": name, "alias": self.alias}})
            self.client.indices.update_aliases(actions=actions)
        except Exception:
            self.client.indices.delete(index=name, ignore_unavailable=True)
            raise
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        return count

    def _actions(self, records: Iterable[SearchRecord], index: str):
        for record in records:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": record.doc_id,
                "_source": RecordDocument.source(record),
            }

    def _bulk(self, records: Iterable[SearchRecord], index: str, refresh=False) -> int:
        ok, _errors = helpers.bulk(
            self.client,
            self._actions(records, index),
            chunk_size=BULK_CHUNK,
            refresh=refresh,
            raise_on_error=True,
        )
        return ok

    def upsert(self, records: Iterable[SearchRecord], refresh: bool = True) -> int:
        self.ensure_index()
        return self._bulk(records, index=self.alias, refresh=refresh)

    def delete(self, doc_ids: Iterable[str], refresh: bool = True) -> None:
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": i} for i in doc_ids]
        if not actions:
            return
        self.ensure_index()
        helpers.bulk(self.client, actions, refresh=refresh, raise_on_error=False)

    def count(self) -> int:
        return self.client.count(index=self.alias)["count"]

    # --- queries ---------------------------------------------------------------------------
    def build_search(
        self,
        query: SearchQuery,
        size: int | None = None,
        text: str | None = None,
        match: str = Match.ALL,
    ) -> Search:
        """The elasticsearch-dsl query the search page runs (the benchmark runs it raw too)."""
        text = query_text.normalise(query.text) if text is None else text
        s = Search(using=self.client, index=self.alias)
        must = text_query(text, match)
        dates = {}
        if query.date_from:
            dates["gte"] = query.date_from.isoformat()
        if query.date_to:
            dates["lte"] = query.date_to.isoformat()
        filters = [Q("range", date=dates)] if dates else []
        s = s.query(Q("bool", must=must or [Q("match_all")], filter=filters))
        # Hits carry what the results show; the body (long) and the suggester's input stay in the
        # index (the highlighter still reads the body there).
        s = s.source(excludes=["body", "suggest"])

        facet_filters = {
            name: Q("terms", **{name: values})
            for name, values in query.filters.items()
            if values and name in FACET_NAMES
        }
        if facet_filters:
            s = s.post_filter(Q("bool", filter=list(facet_filters.values())))
        for name in FACET_NAMES:
            # Disjunctive facets: each facet's counts ignore its own selection.
            others = [f for other, f in facet_filters.items() if other != name]
            terms = {"field": name, "size": FACET_SIZES.get(name, 30)}
            if others:
                bucket = s.aggs.bucket(f"f_{name}", "filter", Q("bool", filter=others))
                bucket.bucket("counts", "terms", **terms)
            else:  # nothing else selected: count the matching documents directly
                s.aggs.bucket(f"f_{name}", "terms", **terms)

        if query.sort == "date" or not text:
            s = s.sort({"date": {"order": "desc", "missing": "_last"}}, "_score", "title.raw")
        else:
            s = s.sort("_score", {"date": {"order": "desc", "missing": "_last"}}, "title.raw")
        if text:
            s = s.highlight_options(
                pre_tags=[MARK_START],
                post_tags=[MARK_END],
                fragment_size=220,
                number_of_fragments=1,
            ).highlight("summary", "body")
        if size is None:  # one page of results
            start, size = query.offset, query.per_page
        else:  # every result up to `size` (the CSV download)
            start = 0
        size = max(0, min(size, MAX_RESULT_WINDOW - start))
        return s.extra(from_=min(start, MAX_RESULT_WINDOW), size=size, track_total_hits=True)

    def run(self, query: SearchQuery, text: str, size: int | None, match: str) -> SearchResults:
        try:
            response = self.build_search(query, size, text, match).execute()
        except NotFoundError:  # no index yet: nothing has been published
            return SearchResults(total=0, hits=[], facets={name: [] for name in FACET_NAMES})
        hits = []
        for h in response.hits:
            hl = getattr(h.meta, "highlight", None)
            snippet = ""
            if hl is not None:
                for part in ("summary", "body"):  # the field that matched
                    if part in hl:
                        snippet = hl[part][0]
                        break
            hits.append(
                Hit(
                    kind=h.kind,
                    object_id=h.object_id,
                    title=h.title,
                    url=h.url,
                    summary=h.summary or "",
                    date=datetime.fromisoformat(h.date).date() if h.date else None,
                    authority_names=list(h.authority_names or []),
                    snippet=snippet,
                    region=list(h.region or []),
                    category=list(h.category or []),
                    outcome=list(h.outcome or []),
                )
            )
        facets = {}
        for name in FACET_NAMES:
            agg = response.aggregations[f"f_{name}"]
            buckets = agg["counts"]["buckets"] if "counts" in agg else agg["buckets"]
            facets[name] = [(b.key, b.doc_count) for b in buckets]
        return SearchResults(total=response.hits.total.value, hits=hits, facets=facets)

    def did_you_mean(self, text: str) -> str | None:
        """The term suggester on the words as written (all_text.words, not stemmed)."""
        s = Search(using=self.client, index=self.alias).extra(size=0)
        s = s.suggest(
            "spelling",
            text,
            term={
                "field": "all_text.words",
                "suggest_mode": "missing",  # only words the index does not have
                "sort": "score",
                "prefix_length": 1,
                "min_word_length": 4,  # shorter words stay as typed
                "max_edits": 2,
                "string_distance": "damerau_levenshtein",
            },
        )
        try:
            response = s.execute()
        except NotFoundError:
            return None
        out, at, changed = [], 0, False
        for entry in response.suggest.spelling:
            if entry.options:
                out += [text[at : entry.offset], entry.options[0].text]
                at, changed = entry.offset + entry.length, True
        if not changed:
            return None
        return ("".join(out) + text[at:]).lower()

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Whole titles with a word that starts with the prefix (the completion suggester on
        each title from each of its words on); never a cut-off title."""
        prefix = " ".join(prefix.split())[:100]
        if not prefix:
            return []
        s = Search(using=self.client, index=self.alias).source(["title"])
        s = s.suggest("titles", prefix, completion={"field": "suggest", "size": limit * 3})
        try:
            response = s.execute()
        except NotFoundError:
            return []
        titles = [o._source.title for o in response.suggest.titles[0].options]
        return list(dict.fromkeys(titles))[:limit]

    def health(self) -> dict:
        """The cluster's status and size, and the index's. Yellow (a replica missing, e.g. while
        a node is down) still serves every record; red for the portal's index does not."""
        cluster = self.client.cluster.health()
        indices = self.current_indices()
        index_status = "none"
        if indices:
            index_status = cluster["status"]
            if index_status != "green":  # the cluster's colour may come from other indices
                index_status = self.client.cluster.health(index=self.alias)["status"]
            if index_status == "red":
                raise SearchIndexRed(self.alias)
        return {
            "backend": self.name,
            "cluster": cluster["status"],
            "nodes": cluster["number_of_nodes"],
            "index": self.alias,
            "index_status": index_status,
            "documents": self.count() if indices else 0,
        }
