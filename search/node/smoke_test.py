"""End-to-end check of the Maven-built test search node with the project's Python client.

    scripts/search-node.sh start 9250 /tmp/search-node
    .venv/bin/python search/node/smoke_test.py http://127.0.0.1:9250
    scripts/search-node.sh stop /tmp/search-node

Covers what the portal relies on: custom English analysis chain with a search-time
synonym_graph, completion suggester, highlighting, terms aggregation, bulk helper,
atomic alias swap, plus the built-in `english` analyzer and elasticsearch-dsl.
"""

import sys

from elasticsearch import Elasticsearch, helpers
from elasticsearch_dsl import Search

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:9250"
es = Elasticsearch(URL, request_timeout=30)

INDEX_SETTINGS = {
    "analysis": {
        "filter": {
            "english_stop": {"type": "stop", "stopwords": "_english_"},
            "english_stemmer": {"type": "stemmer", "language": "english"},
            "portal_synonyms": {
                "type": "synonym_graph",
                "synonyms": ["youth club, youth service", "council => local authority"],
            },
        },
        "analyzer": {
            "portal_text": {
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "english_stop", "english_stemmer"],
            },
            "portal_search": {
                "tokenizer": "standard",
                "filter": [
                    "lowercase",
                    "asciifolding",
                    "english_stop",
                    "english_stemmer",
                    "portal_synonyms",
                ],
            },
        },
    }
}
MAPPINGS = {
    "properties": {
        "title": {
            "type": "text",
            "analyzer": "portal_text",
            "search_analyzer": "portal_search",
        },
        "body": {
            "type": "text",
            "analyzer": "portal_text",
            "search_analyzer": "portal_search",
        },
        "summary": {"type": "text", "analyzer": "english"},
        "authority": {"type": "keyword"},
        "suggest": {"type": "completion"},
    }
}
DOCS = [
    {
        "_id": "1",
        "title": "Youth service transfer",
        "body": "Proposal to run the youth service from the community centre.",
        "summary": "Running youth services",
        "authority": "Leeds",
        "suggest": ["Youth service transfer"],
    },
    {
        "_id": "2",
        "title": "Library challenge",
        "body": "Volunteers want to take over the branch libraries.",
        "summary": "Libraries run by volunteers",
        "authority": "Leeds",
        "suggest": ["Library challenge"],
    },
    {
        "_id": "3",
        "title": "Park café",
        "body": "A local authority asset: the park café and its kitchen.",
        "summary": "Cafes in parks",
        "authority": "York",
        "suggest": ["Park cafe"],
    },
]


def check(cond, msg):
    if not cond:
        raise SystemExit(f"FAIL: {msg}")
    print(f"ok   {msg}")


def main():
    info = es.info()
    check(info["version"]["number"].startswith("8."), f"info(): ES {info['version']['number']}")
    check(es.ping(), "ping() (HEAD /)")

    health = es.cluster.health(wait_for_status="green", timeout="10s")
    check(health["status"] == "green", "cluster green")

    for name in ("smoke-v1", "smoke-v2"):
        es.indices.delete(index=name, ignore_unavailable=True)
    es.indices.create(index="smoke-v1", settings=INDEX_SETTINGS, mappings=MAPPINGS)
    es.indices.create(index="smoke-v2", settings=INDEX_SETTINGS, mappings=MAPPINGS)
    s = es.indices.get_settings(index="smoke-v1")["smoke-v1"]["settings"]["index"]
    check(
        (s["number_of_shards"], s["number_of_replicas"]) == ("1", "0"),
        "default 1 shard / 0 replicas",
    )
    es.cluster.health(index="smoke-v1,smoke-v2", wait_for_status="green", timeout="30s")

    ok, errors = helpers.bulk(es, ({"_index": "smoke-v1", **d} for d in DOCS), refresh="wait_for")
    check(ok == len(DOCS) and not errors, f"helpers.bulk indexed {ok} docs")

    tokens = es.indices.analyze(index="smoke-v1", analyzer="portal_search", text="Youth Clubs")
    toks = [t["token"] for t in tokens["tokens"]]
    check(set(toks) == {"youth", "club", "servic"}, f"_analyze portal_search (graph): {toks}")

    # Synonym at search time: the query says "youth clubs", the doc says "youth service".
    r = es.search(
        index="smoke-v1",
        query={"match": {"body": "youth clubs"}},
        highlight={"fields": {"body": {}}},
        aggs={"by_authority": {"terms": {"field": "authority"}}},
    )
    hits = r["hits"]["hits"]
    check([h["_id"] for h in hits] == ["1"], "'youth clubs' finds the 'youth service' doc")
    hl = hits[0]["highlight"]["body"][0]
    check("<em>" in hl, f"highlight: {hl}")
    buckets = {b["key"]: b["doc_count"] for b in r["aggregations"]["by_authority"]["buckets"]}
    check(buckets == {"Leeds": 1}, f"terms agg on hits: {buckets}")

    r = es.search(index="smoke-v1", size=0, aggs={"a": {"terms": {"field": "authority"}}})
    buckets = {b["key"]: b["doc_count"] for b in r["aggregations"]["a"]["buckets"]}
    check(buckets == {"Leeds": 2, "York": 1}, f"terms agg over all: {buckets}")

    # One-way rule + stemming + asciifolding: "councils" -> "local authority", "cafe" == "café".
    r = es.search(index="smoke-v1", query={"match_phrase": {"body": "council"}})
    check([h["_id"] for h in r["hits"]["hits"]] == ["3"], "'council => local authority' rule")
    r = es.search(index="smoke-v1", query={"match": {"title": "cafe"}})
    check([h["_id"] for h in r["hits"]["hits"]] == ["3"], "asciifolding: cafe matches café")

    # Built-in `english` analyzer.
    r = es.search(index="smoke-v1", query={"match": {"summary": "library"}})
    check([h["_id"] for h in r["hits"]["hits"]] == ["2"], "english analyzer: library ~ libraries")

    # Completion suggester.
    r = es.search(
        index="smoke-v1",
        suggest={"s": {"prefix": "you", "completion": {"field": "suggest"}}},
        source=False,
    )
    opts = [o["text"] for o in r["suggest"]["s"][0]["options"]]
    check(opts == ["Youth service transfer"], f"completion suggester: {opts}")

    # Atomic alias swap.
    es.indices.put_alias(index="smoke-v1", name="smoke")
    es.index(index="smoke-v2", id="9", document={"title": "Only in v2"}, refresh=True)
    es.indices.update_aliases(
        actions=[
            {"remove": {"index": "smoke-v1", "alias": "smoke"}},
            {"add": {"index": "smoke-v2", "alias": "smoke"}},
        ]
    )
    check(list(es.indices.get_alias(name="smoke")) == ["smoke-v2"], "alias swapped atomically")
    check(es.count(index="smoke")["count"] == 1, "alias now reads smoke-v2")

    # elasticsearch-dsl against the same node.
    s = Search(using=es, index="smoke-v1").query("match", title="youth club")
    check([h.meta.id for h in s.execute()] == ["1"], "elasticsearch-dsl Search")

    for name in ("smoke-v1", "smoke-v2"):
        es.indices.delete(index=name)
    print("all smoke checks passed")


if __name__ == "__main__":
    main()
