"""/search/ on both backends: facets, state in the query string, snippets, CSV, bad input."""

import csv
import io
import re
from datetime import date

import pytest

from tests import builders

from .conftest import record


@pytest.fixture
def corpus(backend, trafford, manchester):
    builders.category("libraries", "Libraries")
    builders.category("youth", "Youth services")
    records = [
        record(n, f"Library branch {n}", summary=f"Branch {n} lends books.", date=date(2025, 3, n))
        for n in range(1, 24)
    ]
    records += [
        record(
            30,
            "Youth service <b>north</b>",
            summary="Clubs for young people & families.",
            authority=["manchester"],
            authority_names=["Manchester"],
            category=["youth"],
            date=date(2026, 1, 5),
        ),
        record(31, '=HYPERLINK("http://evil")', summary="A formula", date=date(2024, 1, 1)),
    ]
    backend.rebuild(records)
    return records


def page_text(response):
    return response.content.decode()


def test_facets_are_checkboxes_with_counts_and_keep_state(client, corpus):
    response = client.get("/search/", {"q": "branch", "authority": "trafford"})
    assert response.status_code == 200
    html = page_text(response)
    assert "<strong>23</strong> results for &lsquo;branch&rsquo;, showing 1 to 20" in html
    assert re.search(r'value="trafford" checked>\s*<label[^>]*>Trafford <span[^>]*>\(23\)', html)
    assert re.search(r'value="libraries">\s*<label[^>]*>Libraries <span[^>]*>\(23\)', html)
    assert 'value="branch"' in html  # the search box keeps the words
    # Pagination keeps every parameter: the query string is the whole state.
    assert 'href="?q=branch&amp;authority=trafford&amp;page=2"' in html
    second = page_text(client.get("/search/", {"q": "branch", "authority": "trafford", "page": 2}))
    assert "showing 21 to 23" in second


def test_filters_combine(client, corpus):
    html = page_text(
        client.get("/search/", {"authority": ["manchester", "trafford"], "category": "youth"})
    )
    assert "<strong>1</strong> result" in html
    assert "Youth service &lt;b&gt;north&lt;/b&gt;" in html
    html = page_text(client.get("/search/", {"from": "2026-01-01", "to": "31/12/2026"}))
    assert "<strong>1</strong> result" in html
    html = page_text(client.get("/search/", {"year": "2024"}))
    assert "<strong>1</strong> result" in html


def test_snippets_highlight_and_escape(client, corpus):
    html = page_text(client.get("/search/", {"q": "young"}))
    assert "<mark>young</mark> people &amp; families" in html
    assert "<b>north</b>" not in html


def test_sort_by_date(client, corpus):
    html = page_text(client.get("/search/", {"sort": "date"}))
    titles = re.findall(
        r'<h2 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]*">([^<]*)<', html
    )
    assert titles[:3] == [
        "Youth service &lt;b&gt;north&lt;/b&gt;",
        "Library branch 23",
        "Library branch 22",
    ]


def test_no_results_page_helps(client, corpus):
    html = page_text(client.get("/search/", {"q": "submarine", "authority": "trafford"}))
    assert "No results for &lsquo;submarine&rsquo;" in html
    assert "checking your spelling" in html
    assert 'href="/search/?q=submarine">removing the filters' in html
    assert "browse the service directory" in html


def test_csv_downloads_the_current_results(client, corpus):
    response = client.get("/search/", {"q": "branch", "format": "csv", "page": "2"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "type",
        "title",
        "url",
        "authorities",
        "region",
        "category",
        "outcome",
        "date",
        "synthetic",
    ]
    assert len(rows) == 24  # every match, not one page
    assert {r[8] for r in rows[1:]} == {"no"}  # the corpus's records are not synthetic
    assert rows[1][0] == "Service specification" and rows[1][2].startswith("http://testserver/")
    formula = client.get("/search/", {"q": "formula", "format": "csv"}).content.decode()
    assert "'=HYPERLINK" in formula


def test_csv_stops_at_ten_thousand_rows(client, backend):
    backend.rebuild(record(n, f"Notice {n}") for n in range(1, 10_006))
    response = client.get("/search/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 10_001
    html = page_text(client.get("/search/"))
    assert "<strong>10005</strong> results" in html and "first 10,000" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2026-02-30"}, "The &#x27;from&#x27; date must be a real date"),
        ({"to": "yesterday"}, "The &#x27;to&#x27; date must be a real date"),
        ({"from": "2026-05-01", "to": "2026-01-01"}, "we swapped them"),
        ({"page": "-3"}, "The page number must be a whole number from 1"),
        ({"page": "two"}, "The page number must be a whole number from 1"),
        ({"page": "99999"}, "Only the first 500 pages can be shown"),
        ({"page": "40"}, "There are only 2 pages of results"),
        ({"q": '"library branch'}, "A quotation mark was not closed"),
        ({"q": "library " * 625}, "200 characters or fewer"),
        ({"sort": "sideways"}, "Sort by relevance or by date"),
    ],
)
def test_malformed_parameters_give_a_normal_page(client, corpus, params, message):
    response = client.get("/search/", params)
    assert response.status_code == 200
    html = page_text(response)
    assert "There is a problem with your search" in html
    assert message in html
    assert "result" in html


def test_odd_but_valid_input_is_searched(client, corpus):
    for q in ["(library AND -", "library\x1f", "libr*", "💡", "<script>alert(1)</script>"]:
        response = client.get("/search/", {"q": q, "authority": "x" * 500, "kind": ["a"] * 60})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in page_text(response)


def test_suggestions_and_health(client, corpus, backend):
    assert client.get("/search/suggest", {"q": "Library br"}).json()["suggestions"][:1] == [
        "Library branch 1"
    ]
    health = client.get("/readyz").json()["components"]["search"]
    assert health["status"] == "ok"
    assert health["backend"] == backend.name
    assert health["documents"] == 25


def test_did_you_mean_and_partial_matches_are_said_on_the_page(client, corpus):
    html = page_text(client.get("/search/", {"q": "libary branch"}))
    assert 'Did you mean <a class="govuk-link" href="?q=library+branch">library branch</a>?' in html
    assert "No results match &lsquo;libary branch&rsquo; exactly" in html
    assert "<strong>23</strong> results" in html

    partial = page_text(client.get("/search/", {"q": "branch submarine"}))
    assert "No results contain every word of &lsquo;branch submarine&rsquo;" in partial
    assert "<strong>23</strong> results" in partial and "Did you mean" not in partial

    exact = page_text(client.get("/search/", {"q": "library branch"}))
    assert "Did you mean" not in exact and "exactly" not in exact and "every word" not in exact


def test_suggestions_are_whole_titles_with_the_word_inside(client, corpus):
    data = client.get("/search/suggest", {"q": "serv"}).json()
    assert data == {"suggestions": ["Youth service <b>north</b>"]}
