"""Search benchmark (make bench): prints ratios, never asserts on time.

(a) indexing throughput of the portal's rebuild against elasticsearch.helpers.bulk on the same
    documents (goal >= 0.8);
(b) /search/ through Django's test client against the raw elasticsearch-dsl query it runs,
    median and p95 (goal <= 2.0);
(c) the same at 10,000 and 100,000 records (growth, goal <= 1.5);
(d) the database backend at 100,000 records against Wagtail's own database search backend on
    the same rows;
(e) the database backend's /search/ (PostgreSQL) at 100,000 records against the raw SQL it runs
    (the page, the highlights and the facet counts, replayed through a cursor), median and p95
    (goal <= 2.0 at p95, and under 250 ms at p95), plus the spelling fallback ("libary").

Needs PostgreSQL and Elasticsearch (scripts/test.sh --bench starts both). BENCH_RECORDS
changes the large size (default 100,000).
"""

import os
import random
import statistics
import time
from datetime import date, timedelta

from django.conf import settings
from django.core.management import call_command
from django.http import QueryDict
from django.test import Client
from django.test.utils import setup_test_environment
from elasticsearch import helpers

from bench.runner import env_int, ready_database
from bench.words import PLACES, SENTENCES, SERVICES
from portal import law
from portal.demo_content import CATEGORIES
from portal.models import Authority, ServiceCategory
from search import params
from search.backends import backend_named
from search.backends.base import SearchQuery
from search.documents import RecordDocument
from search.registry import SearchRecord

LARGE = env_int("BENCH_RECORDS", 100_000, smoke_size=200)
SMALL = max(1, LARGE // 10)
ROUNDS = env_int("BENCH_ROUNDS", 5, smoke_size=1)

KINDS = [("service", 40), ("decision", 30), ("procurement_notice", 20), ("transfer_agreement", 10)]
QUERIES = [
    "q=youth+club",
    "q=day+centre",
    "q=library&sort=date",
    "q=leisure+centre&kind=service",
    "q=home+care&authority={a1}",
    "q=volunteers",
    "kind=decision&outcome=rejected",
    "q=community+transport&region=North+West",
    "q=parks&from=2020-01-01&to=2024-12-31",
    "category=libraries&year=2025",
    "q=safeguarding+complaints&page=3",
    "q=%22short+breaks%22",
    "",
    "q=homelessness&kind=procurement_notice&kind=transfer_agreement",
    "q=sexual+health&authority={a1}&authority={a2}",
]


def generate(n: int, authorities: list[Authority], seed: int = 2011) -> list[SearchRecord]:
    rng = random.Random(seed)
    kinds = [k for k, w in KINDS for _ in range(w)]
    # the councils' categories that bench.words names services for (fire and rescue has none)
    categories = [slug for slug, _ in CATEGORIES if slug in SERVICES]
    grounds = [slug for slug, _ in law.REJECTION_GROUNDS]
    start = date(2013, 1, 1)
    records = []
    for i in range(1, n + 1):
        kind = rng.choice(kinds)
        category = rng.choice(categories)
        service = rng.choice(SERVICES[category])
        owners = rng.sample(authorities, 2 if rng.random() < 0.1 else 1)
        outcome, ground = [], []
        if kind == "decision":
            outcome = [rng.choice(["accepted", "rejected", "accepted_modified", "withdrawn"])]
            if outcome == ["rejected"]:
                ground = rng.sample(grounds, rng.randint(1, 2))
            title = f"Challenge to {service.lower()}, {rng.choice(PLACES)}"
        elif kind == "procurement_notice":
            outcome = [rng.choice(["awarded", "cancelled"])] if rng.random() < 0.6 else []
            title = f"{service}: {rng.choice(['tender', 'contract award', 'market engagement'])}"
        elif kind == "transfer_agreement":
            outcome = [rng.choice(["in_force", "terminated"])]
            title = f"Section 75 agreement: {service.lower()}"
        else:
            title = f"{service} ({rng.choice(PLACES)})"
        records.append(
            SearchRecord(
                kind=kind,
                object_id=i,
                title=title,
                url=f"/{kind}/{i}/",
                summary=f"{service} for {owners[0].nice_name}. {rng.choice(SENTENCES)}",
                body=" ".join(rng.sample(SENTENCES, rng.randint(2, 4))),
                date=start + timedelta(days=rng.randint(0, 4900)),
                authority=[a.slug for a in owners],
                authority_names=[a.nice_name for a in owners],
                region=list(dict.fromkeys(a.region for a in owners)),
                category=[category],
                outcome=outcome,
                ground=ground,
            )
        )
    return records


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def p95(values):
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def es_indexing(es, records) -> tuple[float, float]:
    """(portal rebuild docs/s, helpers.bulk docs/s) on the same documents."""
    sources = [(r.doc_id, RecordDocument.source(r)) for r in records]
    baseline_index = f"{es.alias}-baseline"

    def baseline():
        es.client.indices.delete(index=baseline_index, ignore_unavailable=True)
        es._index_template(baseline_index).create(using=es.client)
        helpers.bulk(
            es.client,
            ({"_index": baseline_index, "_id": i, "_source": s} for i, s in sources),
            chunk_size=1000,
        )
        es.client.indices.refresh(index=baseline_index)

    # Alternate, best of two each, so neither side gets all the warm caches.
    ours, theirs = [], []
    for _ in range(2):
        theirs.append(timed(baseline))
        ours.append(timed(lambda: es.rebuild(records)))
    es.client.indices.delete(index=baseline_index, ignore_unavailable=True)
    return len(records) / min(ours), len(records) / min(theirs)


def view_vs_raw(es, client, authorities) -> dict:
    a1, a2 = authorities[0].slug, authorities[1].slug
    urls = [q.format(a1=a1, a2=a2) for q in QUERIES]
    view, raw = [], []
    for _ in range(2):  # warm up
        for url in urls:
            client.get(f"/search/?{url}")
    for _ in range(ROUNDS):
        for url in urls:
            query = params.parse(QueryDict(url)).query
            raw.append(timed(lambda q=query: es.build_search(q).execute()))
            started = time.perf_counter()
            response = client.get(f"/search/?{url}")
            view.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
    return {
        "view_median": statistics.median(view),
        "view_p95": p95(view),
        "raw_median": statistics.median(raw),
        "raw_p95": p95(raw),
    }


def database_vs_wagtail(records) -> dict:
    from wagtail.search.backends import get_search_backend

    from bench.wagtail_entry import BenchEntry

    db = backend_named("database")
    load = timed(lambda: db.rebuild(records))
    wagtail = get_search_backend("default")
    wagtail_load = timed(lambda: wagtail.add_bulk(BenchEntry, list(BenchEntry.objects.all())))
    texts = [
        "youth club", "day centre", "library", "volunteers", "home care", "short breaks",
        "community transport", "safeguarding complaints", "leisure centre", "homelessness",
    ]  # fmt: skip
    ours, theirs = [], []
    for text in texts:  # warm up
        db.search(SearchQuery(text=text))
        list(wagtail.search(text, BenchEntry)[:20])
    for _ in range(3):
        for text in texts:
            ours.append(timed(lambda t=text: db.search(SearchQuery(text=t))))

            def wagtail_page(t=text):
                results = wagtail.search(t, BenchEntry)
                list(results[:20])
                results.count()

            theirs.append(timed(wagtail_page))
    return {
        "load_s": load,
        "wagtail_load_s": wagtail_load,
        "ours_median": statistics.median(ours),
        "ours_p95": p95(ours),
        "wagtail_median": statistics.median(theirs),
        "wagtail_p95": p95(theirs),
    }


def database_view_vs_raw(client, authorities) -> dict:
    """/search/ on the database backend against replaying the SQL statements it runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    db = backend_named("database")
    a1, a2 = authorities[0].slug, authorities[1].slug
    urls = [q.format(a1=a1, a2=a2) for q in QUERIES]
    statements = {}
    for url in urls:
        query = params.parse(QueryDict(url)).query
        with CaptureQueriesContext(connection) as captured:
            db.search(query)
        statements[url] = [q["sql"] for q in captured.captured_queries]

    def replay(sqls):
        with connection.cursor() as cursor:
            for sql in sqls:
                cursor.execute(sql)
                cursor.fetchall()

    view, raw = [], []
    for _ in range(2):  # warm up
        for url in urls:
            client.get(f"/search/?{url}")
            replay(statements[url])
    for _ in range(ROUNDS):
        for url in urls:
            raw.append(timed(lambda u=url: replay(statements[u])))
            started = time.perf_counter()
            response = client.get(f"/search/?{url}")
            view.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
    typo = [timed(lambda: client.get("/search/?q=libary+servise")) for _ in range(ROUNDS)]
    return {
        "view_median": statistics.median(view),
        "view_p95": p95(view),
        "raw_median": statistics.median(raw),
        "raw_p95": p95(raw),
        "queries": max(len(s) for s in statements.values()),
        "typo_median": statistics.median(typo),
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main():
    if not settings.ELASTICSEARCH_URL:
        print("ELASTICSEARCH_URL is not set: run through `bash scripts/test.sh --bench`")
        return
    setup_test_environment()
    ready_database("search")  # with the shared cache table signals write to
    if Authority.objects.count() < 100:
        call_command("load_authorities", verbosity=0)
    for slug, name in CATEGORIES:
        ServiceCategory.objects.get_or_create(slug=slug, defaults={"name": name})
    settings.SEARCH_INDEX_PREFIX = f"bench-{int(time.time())}"
    authorities = list(Authority.objects.order_by("code"))
    es = backend_named("elasticsearch")
    client = Client()

    started = time.perf_counter()
    records = generate(LARGE, authorities)
    print(f"generated {len(records):,} records in {time.perf_counter() - started:.1f} s")
    if os.environ.get("BENCH_ONLY_DATABASE"):
        database(records, authorities, client)
        return

    # (a) indexing at the large size (it also warms the JVM for what follows)
    ours, baseline = es_indexing(es, records)
    print(
        f"(a) indexing {len(records):,} docs: portal rebuild {ours:,.0f} docs/s, "
        f"helpers.bulk {baseline:,.0f} docs/s, ratio {ours / baseline:.2f} (goal >= 0.8)"
    )

    # (c) the small size, then (b) the large one, each on a freshly rebuilt index
    es.rebuild(records[:SMALL])
    small = view_vs_raw(es, client, authorities)
    es.rebuild(records)
    # (b) view against raw query at the large size
    large = view_vs_raw(es, client, authorities)
    print(
        f"(b) /search/ at {LARGE:,}: median {ms(large['view_median'])}, p95 "
        f"{ms(large['view_p95'])}; raw elasticsearch-dsl median {ms(large['raw_median'])}, p95 "
        f"{ms(large['raw_p95'])}; ratio median "
        f"{large['view_median'] / large['raw_median']:.2f}, p95 "
        f"{large['view_p95'] / large['raw_p95']:.2f} (goal <= 2.0)"
    )
    small_ratio = small["view_median"] / small["raw_median"]
    large_ratio = large["view_median"] / large["raw_median"]
    print(
        f"(c) /search/ at {SMALL:,}: median {ms(small['view_median'])}, p95 "
        f"{ms(small['view_p95'])}; raw median {ms(small['raw_median'])}, p95 "
        f"{ms(small['raw_p95'])}; ratio median {small_ratio:.2f}"
    )
    print(
        f"    growth {SMALL:,} -> {LARGE:,} (goal <= 1.5): /search/ time median "
        f"{large['view_median'] / small['view_median']:.2f}, p95 "
        f"{large['view_p95'] / small['view_p95']:.2f}; raw query time median "
        f"{large['raw_median'] / small['raw_median']:.2f}; /search/-to-raw ratio "
        f"{large_ratio / small_ratio:.2f}"
    )
    for index in es.current_indices():
        es.client.indices.delete(index=index, ignore_unavailable=True)

    if os.environ.get("BENCH_SKIP_DATABASE"):
        return
    database(records, authorities, client)


def database(records, authorities, client):
    if os.environ.get("BENCH_SKIP_WAGTAIL"):  # load the rows for (e) only
        db = backend_named("database")
        load = timed(lambda: db.rebuild(records))
        print(f"    database backend loaded {LARGE:,} records in {load:.0f} s")
    else:
        database_vs_wagtail_report(records)
    database_report(client, authorities)


def database_vs_wagtail_report(records):
    # (d) the database backend against Wagtail's database backend, same rows
    d = database_vs_wagtail(records)
    print(
        f"(d) database backend at {LARGE:,} ({d['load_s']:.0f} s to load; Wagtail's index "
        f"{d['wagtail_load_s']:.0f} s): ours median {ms(d['ours_median'])}, p95 "
        f"{ms(d['ours_p95'])} (results, total, highlights and 7 facet counts); Wagtail "
        f"median {ms(d['wagtail_median'])}, p95 {ms(d['wagtail_p95'])} (first 20 and total); "
        f"ratio median {d['ours_median'] / d['wagtail_median']:.2f}"
    )


def database_report(client, authorities):
    # (e) the database backend's /search/ against the raw SQL it runs, same rows (loaded by (d))
    from django.db import connection

    with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum would leave
        cursor.execute("ANALYZE search_searchentry; ANALYZE search_searchfacetvalue")
    url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = ""  # /search/ uses the database backend
    try:
        e = database_view_vs_raw(client, authorities)
    finally:
        settings.ELASTICSEARCH_URL = url
    print(
        f"(e) database /search/ at {LARGE:,}: median {ms(e['view_median'])}, p95 "
        f"{ms(e['view_p95'])} (goal < 250 ms); raw SQL it runs ({e['queries']} statements at "
        f"most: page, highlights, facets) median {ms(e['raw_median'])}, p95 "
        f"{ms(e['raw_p95'])}; ratio median {e['view_median'] / e['raw_median']:.2f}, p95 "
        f"{e['view_p95'] / e['raw_p95']:.2f} (goal <= 2.0); a misspelt query (fallbacks) "
        f"median {ms(e['typo_median'])}"
    )
