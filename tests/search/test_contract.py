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


PEOPLE_CORPUS = [
    record(
        11,
        "Community libraries",
        summary="Eleven neighbourhood libraries with lending and reading groups.",
        authority=["stockport"],
        authority_names=["Stockport"],
    ),
    record(
        12,
        "Youth clubs and detached youth work",
        summary="Evening youth clubs in Partington and Sale West.",
        category=["youth-services"],
    ),
    record(
        13,
        "Community transport for disabled people",
        summary="Door-to-door minibus trips for people who cannot use public transport.",
        authority=["stockport"],
        authority_names=["Stockport"],
        category=["community-transport"],
    ),
    record(
        14,
        "Day opportunities for older people",
        summary="Community-run day opportunities for older people in villages.",
        body="People told us they value the lunch club.",
        category=["adult-social-care"],
    ),
    record(
        15,
        "TRF-TA-2026-0001: Better Care Fund pooled budget",
        summary="Adult social care and community health in one pooled fund.",
        body="Section 75 partnership agreement (NHS Act 2006).",
        kind="transfer_agreement",
        category=["pooled_fund"],
    ),
    record(
        16,
        "TRF-PR-2026-0004: Leisure centres: contract from 2027",
        summary="Six leisure centres and four pools.",
        body="UK2 Preliminary market engagement notice. UK4 Tender notice.",
        kind="procurement_notice",
        category=["leisure"],
    ),
    record(
        17,
        "TRF-PR-2026-0014: Swimming pools: contract from 2027",
        summary="Four pools.",
        body="UK2 Preliminary market engagement notice.",
        kind="procurement_notice",
        category=["leisure"],
    ),
    record(18, "Home library service", summary="Books delivered to people at home."),
]


def test_typing_slips_find_what_was_meant_and_say_did_you_mean(backend):
    backend.rebuild(PEOPLE_CORPUS)
    for text, suggestion, title in [
        ("libary", "library", "Community libraries"),
        ("yuoth club", "youth club", "Youth clubs and detached youth work"),
        ("comunity transport", "community transport", "Community transport for disabled people"),
    ]:
        results = backend.search(SearchQuery(text=text))
        assert results.approximate and not results.partial, text
        assert results.suggestion == suggestion
        assert title in titles(results)[:2]
    # Words spelt right are never "corrected"; short words stay exact.
    assert backend.search(SearchQuery(text="library")).suggestion == ""
    assert backend.search(SearchQuery(text="dau")).total == 0


def test_authority_names_possessives_codes_and_legal_shorthand(backend):
    backend.rebuild(PEOPLE_CORPUS)
    assert set(titles(backend.search(SearchQuery(text="Stockport")))) == {
        "Community libraries",
        "Community transport for disabled people",
    }
    assert titles(backend.search(SearchQuery(text="Stockport's libraries"))) == [
        "Community libraries"
    ]
    assert titles(backend.search(SearchQuery(text="youth club Trafford")))[0] == (
        "Youth clubs and detached youth work"
    )
    agreement = ["TRF-TA-2026-0001: Better Care Fund pooled budget"]
    for text in ["section 75", "s.75", "s75", "Section 75 agreement", "s. 75 partnership"]:
        assert titles(backend.search(SearchQuery(text=text))) == agreement, text
    assert titles(backend.search(SearchQuery(text="UK4"))) == [
        "TRF-PR-2026-0004: Leisure centres: contract from 2027"
    ]


def test_a_reference_finds_exactly_its_record(backend):
    backend.rebuild(PEOPLE_CORPUS)
    for text in ["TRF-PR-2026-0004", "trf-pr-2026-0004", " TRF-PR-2026-0004: "]:
        results = backend.search(SearchQuery(text=text))
        assert titles(results) == ["TRF-PR-2026-0004: Leisure centres: contract from 2027"]
    # A reference that is not there finds nothing, not a record that shares its parts.
    nothing = backend.search(SearchQuery(text="TRF-PR-2026-0005"))
    assert nothing.total == 0 and not nothing.partial


def test_synonym_phrases_mark_only_the_phrase(backend):
    backend.rebuild(PEOPLE_CORPUS)
    results = backend.search(SearchQuery(text="elderly"))
    assert titles(results) == ["Day opportunities for older people"]
    snippet = results.hits[0].snippet
    assert f"{MARK_START}older{MARK_END} {MARK_START}people{MARK_END}" in snippet or (
        f"{MARK_START}older people{MARK_END}" in snippet
    )
    # "People told us..." has "people" but not "older people": nothing marked there.
    assert f"{MARK_START}People{MARK_END}" not in snippet


def test_suggestions_match_words_inside_titles_and_always_find_their_record(backend):
    backend.rebuild(PEOPLE_CORPUS)
    assert backend.suggest("swim") == ["TRF-PR-2026-0014: Swimming pools: contract from 2027"]
    assert "Community transport for disabled people" in backend.suggest("transp")
    assert backend.suggest("day o") == ["Day opportunities for older people"]
    assert backend.suggest("detached y") == ["Youth clubs and detached youth work"]
    # A title that starts with the prefix comes before one that has it further in.
    assert backend.suggest("commun")[:2] == [
        "Community libraries",
        "Community transport for disabled people",
    ]
    for prefix in ["comm", "pool", "you", "le", "day", "tr"]:
        for suggestion in backend.suggest(prefix):
            found = backend.search(SearchQuery(text=suggestion))
            assert suggestion in titles(found), (prefix, suggestion)
            assert not found.partial and not found.approximate


def test_strict_queries_never_fall_back(backend):
    """Alerts and feeds send what matches the words as typed: no near misses."""
    backend.rebuild(PEOPLE_CORPUS)
    for text in ["libary", "library submarine"]:
        assert backend.search(SearchQuery(text=text, strict=True)).total == 0
        assert backend.search(SearchQuery(text=text)).total > 0
