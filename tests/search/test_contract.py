"""One contract, both backends: what /search/ relies on, whichever engine answers."""

from datetime import date

from search.backends import SearchQuery
from search.backends.base import MARK_END, MARK_START, snippet_html

from .conftest import record

CORPUS = [
    record(1, "Community libraries", summary="Eleven branch libraries with lending."),
    record(
        2,
        "Youth service for the north of the borough",
        summary="Open access sessions for young people.",
        authority=["manchester"],
        authority_names=["Manchester"],
        category=["youth"],
        date=date(2024, 6, 1),
    ),
    record(
        3,
        "Adult day services",
        summary="Day services for adults with learning disabilities.",
        category=["adult-social-care"],
        date=date(2026, 2, 3),
    ),
    record(
        4,
        "Parks and green spaces",
        body="Grounds maintenance, including the library garden and a café.",
        region=["Yorkshire and The Humber"],
        authority=["leeds"],
        authority_names=["Leeds"],
        category=["parks"],
        date=date(2023, 9, 9),
    ),
    record(
        5,
        "Home library service",
        summary="Books delivered to people who cannot reach a library <script>alert(1)</script>.",
        outcome=["accepted"],
        kind="decision",
        ground=["non_compliant"],
        date=date(2025, 11, 30),
    ),
]


def titles(results):
    return [h.title for h in results.hits]


def test_stemming_and_title_boost(backend):
    backend.rebuild(CORPUS)
    results = backend.search(SearchQuery(text="library"))
    assert set(titles(results)) == {
        "Community libraries",
        "Home library service",
        "Parks and green spaces",
    }
    # The word in a title outranks the same word in a body.
    assert titles(results)[-1] == "Parks and green spaces"


def test_service_synonyms(backend):
    backend.rebuild(CORPUS)
    assert titles(backend.search(SearchQuery(text="youth club"))) == [
        "Youth service for the north of the borough"
    ]
    assert titles(backend.search(SearchQuery(text="day centre"))) == ["Adult day services"]


def test_every_word_must_match(backend):
    backend.rebuild(CORPUS)
    assert titles(backend.search(SearchQuery(text="library garden"))) == ["Parks and green spaces"]
    assert backend.search(SearchQuery(text="submarine")).total == 0


def test_best_partial_matches_when_no_record_has_every_word(backend):
    backend.rebuild(CORPUS)
    results = backend.search(SearchQuery(text="library submarine"))
    assert results.partial and not results.approximate
    assert set(titles(results)) == {
        "Community libraries",
        "Home library service",
        "Parks and green spaces",
    }
    assert not backend.search(SearchQuery(text="library garden")).partial


def test_disjunctive_facets_with_counts(backend):
    backend.rebuild(CORPUS)
    everything = backend.search(SearchQuery())
    assert everything.total == 5
    assert dict(everything.facets["kind"]) == {"service": 4, "decision": 1}
    assert dict(everything.facets["authority"]) == {"trafford": 3, "manchester": 1, "leeds": 1}
    assert dict(everything.facets["region"]) == {"North West": 4, "Yorkshire and The Humber": 1}
    assert dict(everything.facets["year"]) == {"2025": 2, "2026": 1, "2024": 1, "2023": 1}

    chosen = backend.search(SearchQuery(filters={"authority": ["trafford"], "kind": ["service"]}))
    assert chosen.total == 2
    # A facet's own counts ignore its own selection (so other values can be added)...
    assert dict(chosen.facets["authority"]) == {"trafford": 2, "manchester": 1, "leeds": 1}
    # ...but respect the other facets' selections.
    assert dict(chosen.facets["kind"]) == {"service": 2, "decision": 1}
    assert dict(chosen.facets["outcome"]) == {}

    either = backend.search(SearchQuery(filters={"authority": ["leeds", "manchester"]}))
    assert set(titles(either)) == {
        "Parks and green spaces",
        "Youth service for the north of the borough",
    }


def test_date_range_and_sort(backend):
    backend.rebuild(CORPUS)
    ranged = backend.search(
        SearchQuery(date_from=date(2024, 1, 1), date_to=date(2025, 12, 31), sort="date")
    )
    assert titles(ranged) == [
        "Home library service",
        "Community libraries",
        "Youth service for the north of the borough",
    ]
    newest = backend.search(SearchQuery(text="library", sort="date"))
    assert titles(newest) == [
        "Home library service",
        "Community libraries",
        "Parks and green spaces",
    ]


def test_pagination(backend):
    backend.rebuild(CORPUS)
    first = backend.search(SearchQuery(sort="date", per_page=2, page=1))
    third = backend.search(SearchQuery(sort="date", per_page=2, page=3))
    assert first.total == third.total == 5
    assert titles(first) == ["Adult day services", "Home library service"]
    assert titles(third) == ["Parks and green spaces"]


def test_highlights_are_marked_and_everything_else_escaped(backend):
    backend.rebuild(CORPUS)
    results = backend.search(SearchQuery(text="reach"))
    [hit] = results.hits
    assert MARK_START + "reach" + MARK_END in hit.snippet
    html = str(hit.snippet_html)
    assert "<mark>reach</mark>" in html
    # Content's own markup is escaped (or, by ts_headline, dropped): never live HTML.
    assert "<script>" not in html and "alert(1)" in html


def test_snippet_html_never_leaves_a_mark_open():
    assert str(snippet_html(f"a {MARK_START}b & c")) == "a <mark>b &amp; c</mark>"
    assert str(snippet_html(f"{MARK_END}<b>")) == "&lt;b&gt;"


def test_malformed_text_never_raises(backend):
    backend.rebuild(CORPUS)
    for text in ['"unbalanced library', "(library AND -", "library~~ ^2 /x/ *", "💡 ü ß", "&&||!"]:
        backend.search(SearchQuery(text=text))


def test_upsert_replaces_and_delete_removes(backend):
    backend.rebuild(CORPUS)
    backend.upsert([record(1, "Mobile library van")])
    assert titles(backend.search(SearchQuery(text="van"))) == ["Mobile library van"]
    assert backend.search(SearchQuery()).total == 5
    backend.delete(["service-1", "service-2"])
    assert backend.search(SearchQuery()).total == 3
    assert backend.search(SearchQuery(text="van")).total == 0


def test_rebuild_replaces_everything(backend):
    backend.rebuild(CORPUS)
    backend.rebuild([record(9, "Only this one")])
    assert titles(backend.search(SearchQuery())) == ["Only this one"]


def test_completion_suggestions(backend):
    backend.rebuild(CORPUS)
    assert backend.suggest("commun") == ["Community libraries"]
    assert set(backend.suggest("Ho")) == {"Home library service"}
    assert backend.suggest("") == []


def test_csv_size_returns_every_result(backend):
    backend.rebuild([record(n, f"Library {n}") for n in range(1, 46)])
    results = backend.search(SearchQuery(text="library", per_page=20), size=10_000)
    assert len(results.hits) == 45
