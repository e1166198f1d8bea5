"""The GOV.UK date input: day, month and year boxes with the Design System's error messages, for
every date people type (forms, and the search page's filters)."""

from datetime import date

import pytest
from django import forms
from django.http import QueryDict

from portal.date_input import GovukDateField
from portal.forms import GovukFormMixin
from search import params


class AwardForm(GovukFormMixin, forms.Form):
    awarded_on = GovukDateField(label="Date of the award")
    ends_on = GovukDateField(label="If renewed: the new end date", required=False)


def post(day="", month="", year="", **more):
    return AwardForm({"awarded_on_0": day, "awarded_on_1": month, "awarded_on_2": year, **more})


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("3", "", "2026", "Date of the award must include a month"),
        ("", "", "2026", "Date of the award must include a day and month"),
        ("31", "2", "2026", "Date of the award must be a real date"),
        ("3", "13", "2026", "Date of the award must be a real date"),
        ("3", "x", "2026", "Date of the award must be a real date"),
        ("3", "3", "26", "Year must include 4 numbers"),
        ("-1", "3", "2026", "Date of the award must be a real date"),
        ("3", "3", "9" * 5000, "Year must include 4 numbers"),
        ("9" * 5000, "3", "2026", "Date of the award must be a real date"),
        ("3", "3", "２０２６", "Date of the award must be a real date"),
    ],
)
def test_the_messages_say_what_is_wrong(day, month, year, message):
    form = post(day, month, year)
    assert not form.is_valid()
    assert form.errors["awarded_on"] == [message]


def test_an_empty_required_date_asks_for_it():
    form = post()
    assert not form.is_valid()
    assert form.errors["awarded_on"][0].startswith("Enter ")


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [("3", "3", "2026"), (" 03 ", "03", "2026"), ("3", "March", "2026"), ("3", "mar", "2026")],
)
def test_what_people_type_for_a_real_date_is_that_date(day, month, year):
    form = post(day, month, year)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["awarded_on"] == date(2026, 3, 3)
    assert form.cleaned_data["ends_on"] is None  # optional and empty: no date, no error


def test_an_optional_date_is_still_checked_and_named_without_its_question():
    form = post("3", "3", "2026", ends_on_0="30", ends_on_2="2027")
    assert not form.is_valid()
    assert form.errors["ends_on"] == ["The new end date must include a month"]


def test_only_the_boxes_in_error_are_marked_and_the_message_is_shown():
    form = post("3", "", "2026")
    form.is_valid()
    html = str(form["awarded_on"].as_field_group())
    assert "govuk-form-group--error" in html
    assert 'id="id_awarded_on-error"' in html and "must include a month" in html
    boxes = html.split('<input class="')[1:]
    assert ["govuk-input--error" in box.split('"')[0] for box in boxes] == [False, True, False]
    assert 'value="3"' in html and 'value="2026"' in html  # what was typed is kept
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Date of the award' in (
        html
    )


def test_the_error_summary_links_to_the_first_box_in_error():
    from django.template.loader import render_to_string

    form = post("", "3", "2026")
    form.is_valid()
    summary = render_to_string("includes/error_summary.html", {"form": form})
    assert 'href="#id_awarded_on_0">Date of the award must include a day</a>' in summary
    form = post("3", "", "2026")
    form.is_valid()
    summary = render_to_string("includes/error_summary.html", {"form": form})
    assert 'href="#id_awarded_on_1">Date of the award must include a month</a>' in summary


def test_search_date_filters_read_the_three_boxes_and_the_canonical_iso_form():
    parsed = params.parse(QueryDict("from-day=1&from-month=3&from-year=2026&to=2026-04-30"))
    assert parsed.problems == []
    assert (parsed.query.date_from, parsed.query.date_to) == (date(2026, 3, 1), date(2026, 4, 30))
    assert [b["value"] for b in parsed.date_boxes["to"]] == ["30", "4", "2026"]
    assert params.canonical(parsed.query) == "from=2026-03-01&to=2026-04-30"


def test_search_date_filter_problems_link_to_the_box_in_error():
    parsed = params.parse(QueryDict("q=club&from-day=1&from-year=2026"))
    assert [(p.field, p.message) for p in parsed.problems] == [
        ("from-month", "The 'from' date must include a month")
    ]
    assert [b["invalid"] for b in parsed.date_boxes["from"]] == [False, True, False]
    assert parsed.query.date_from is None and parsed.query.text == "club"


def test_a_search_date_that_is_not_real_is_shown_as_typed_with_its_message():
    parsed = params.parse(QueryDict("from=2026-02-30"))
    assert [b["value"] for b in parsed.date_boxes["from"]] == ["30", "02", "2026"]
    assert all(b["invalid"] for b in parsed.date_boxes["from"])
    assert parsed.date_errors == {"from": "The 'from' date must be a real date"}
