"""The provider journey through the pages: start, sections, partners, check, submit, refusals."""

import pytest
from django.urls import reverse

from challenges.models import Challenge, State
from tests import builders

from .conftest import CONTENTS, advance, draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, world):
    client.force_login(world.provider)
    return client


def test_url_names_of_the_contract():
    assert reverse("challenges:new") == "/challenges/new/"
    assert reverse("challenges:mine") == "/challenges/"
    assert reverse("challenges:casework") == "/casework/"


def test_service_page_links_to_the_journey(client, world):
    response = client.get(world.service.url)
    assert f"/challenges/new/?service={world.service.pk}" in response.content.decode()


def test_whole_journey_keeps_drafts_and_submits(signed_in, world):
    response = signed_in.get(f"/challenges/new/?service={world.service.pk}")
    assert response.status_code == 200
    response = signed_in.post(
        f"/challenges/new/?service={world.service.pk}", {"organisation": world.organisation.pk}
    )
    challenge = Challenge.objects.get()
    assert response["Location"] == f"/challenges/{challenge.pk}/"
    task_list = signed_in.get(response["Location"]).content.decode()
    assert "You have completed 1 of 7 sections" not in task_list
    assert "Engaging other employees" not in task_list  # not an employee group
    # An empty answer is refused with the error summary; nothing is saved.
    url = reverse("challenges:section", args=[challenge.pk, "financial_resources"])
    response = signed_in.post(url, {"financial_resources": ""})
    assert "There is a problem" in response.content.decode()
    for slug, field in [
        ("financial_resources", "financial_resources"),
        ("capability_evidence", "capability_evidence"),
        ("service_and_area", "service_area"),
        ("outcomes_wellbeing", "outcomes_wellbeing"),
        ("outcomes_user_needs", "outcomes_user_needs"),
    ]:
        url = reverse("challenges:section", args=[challenge.pk, slug])
        assert signed_in.post(url, {field: CONTENTS[field]}).status_code == 302
    # Draft kept between visits.
    challenge.refresh_from_db()
    assert challenge.capability_evidence == CONTENTS["capability_evidence"]
    # Partners: say yes, then add one.
    url = reverse("challenges:section", args=[challenge.pk, "consortium_members"])
    response = signed_in.post(url, {"has_partners": "yes"})
    assert response["Location"] == reverse("challenges:partners", args=[challenge.pk])
    response = signed_in.post(
        response["Location"],
        {
            "name": "Acme Catering Ltd",
            "role": "subcontractor",
            "partner_type": "commercial",
            "financial_resources": "Turnover £2m",
            "capability": "Runs 30 cafés",
        },
    )
    assert response.status_code == 302 and challenge.partners.count() == 1
    # Answering "No" later removes the listed ones; "Yes" again starts an empty list.
    signed_in.post(url, {"has_partners": "no"})
    assert challenge.partners.count() == 0
    signed_in.post(url, {"has_partners": "yes"})
    signed_in.post(
        reverse("challenges:partners", args=[challenge.pk]),
        {
            "name": "Acme Catering Ltd",
            "role": "subcontractor",
            "partner_type": "commercial",
            "financial_resources": "Turnover £2m",
            "capability": "Runs 30 cafés",
        },
    )
    check = signed_in.get(reverse("challenges:check", args=[challenge.pk])).content.decode()
    assert "Acme Catering Ltd" in check and CONTENTS["service_area"] in check
    response = signed_in.post(reverse("challenges:check", args=[challenge.pk]))
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.state == State.SUBMITTED
    page = signed_in.get(f"/challenges/{challenge.pk}/").content.decode()
    assert challenge.reference in page and "Decision due" in page
    mine = signed_in.get("/challenges/").content.decode()
    assert challenge.reference in mine


def test_refused_submission_names_each_problem_and_keeps_answers(signed_in, world):
    world.service.own_windows.all().delete()
    builders.open_window(world.authority, world.service).delete()
    from datetime import date, timedelta

    world.authority.windows.create(
        service=world.service,
        opens_on=date.today() - timedelta(days=90),
        closes_on=date.today() - timedelta(days=60),
    )
    challenge = draft(world.service, world.organisation, world.provider, financial_resources="")
    response = signed_in.post(reverse("challenges:check", args=[challenge.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "is not accepting challenges to" in html
    assert "Enter information about your organisation&#x27;s financial resources" in html
    assert reverse("challenges:section", args=[challenge.pk, "financial_resources"]) in html
    challenge.refresh_from_db()
    assert challenge.state == State.DRAFT
    assert challenge.capability_evidence == CONTENTS["capability_evidence"]


def test_other_people_cannot_see_a_draft(client, world, challenge):
    client.force_login(world.stranger)
    assert client.get(f"/challenges/{challenge.pk}/").status_code == 404
    client.force_login(world.officer)
    assert client.get(f"/casework/{challenge.pk}/").status_code == 404  # drafts are private


def test_answer_clarification_and_reply_to_modification(signed_in, world, challenge):
    advance(challenge, world, "submit", "request_clarification")
    page = signed_in.get(f"/challenges/{challenge.pk}/").content.decode()
    assert "How many staff would transfer?" in page
    response = signed_in.post(reverse("challenges:answer", args=[challenge.pk]), {"answer": ""})
    assert "There is a problem" in response.content.decode()
    signed_in.post(reverse("challenges:answer", args=[challenge.pk]), {"answer": "Twelve."})
    challenge.refresh_from_db()
    assert challenge.state == State.UNDER_ASSESSMENT
    advance(challenge, world, "propose_modification")
    page = signed_in.get(reverse("challenges:modification", args=[challenge.pk])).content.decode()
    assert "Cover Partington only." in page
    signed_in.post(reverse("challenges:modification", args=[challenge.pk]), {"reply": "agree"})
    challenge.refresh_from_db()
    assert challenge.state == State.ACCEPTED and challenge.outcome == "modified"


def test_withdraw(signed_in, world, challenge):
    advance(challenge, world, "submit")
    response = signed_in.post(reverse("challenges:withdraw", args=[challenge.pk]), {"reason": ""})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.state == State.WITHDRAWN
    response = signed_in.post(reverse("challenges:withdraw", args=[challenge.pk]), {})
    html = response.content.decode()
    assert "you cannot withdraw" in html


def test_unknown_service_and_no_organisation(client, world):
    client.force_login(world.stranger)
    assert client.get("/challenges/new/?service=999999").status_code == 404
    assert client.get("/challenges/new/?service=abc").status_code == 404
    page = client.get(f"/challenges/new/?service={world.service.pk}").content.decode()
    assert "You need to belong to an organisation" in page


def test_a_second_submit_lands_on_the_case(signed_in, world, challenge):
    check = reverse("challenges:check", args=[challenge.pk])
    assert signed_in.post(check).status_code == 302
    response = signed_in.post(check)
    assert response.status_code == 302
    assert response["Location"] == reverse("challenges:case", args=[challenge.pk])
    section = reverse("challenges:section", args=[challenge.pk, "financial_resources"])
    assert signed_in.get(section)["Location"] == reverse("challenges:case", args=[challenge.pk])
    challenge.refresh_from_db()
    assert challenge.state == State.SUBMITTED


def test_an_empty_post_is_a_submission_that_shows_the_error_summary(signed_in, world, client):
    """A POST with no fields at all (not even an empty one) is validated, not shown as blank."""
    challenge = draft(world.service, world.organisation, world.provider, financial_resources="")
    for slug in ("financial_resources", "consortium_members"):
        url = reverse("challenges:section", args=[challenge.pk, slug])
        html = signed_in.post(url, {}).content.decode()
        assert "govuk-error-summary" in html and "There is a problem" in html, slug
    url = reverse("challenges:section", args=[challenge.pk, "financial_resources"])
    assert "govuk-error-summary" not in signed_in.get(url).content.decode()
    challenge.refresh_from_db()
    assert challenge.financial_resources == "" and challenge.has_partners is False
    html = signed_in.post(reverse("challenges:partners", args=[challenge.pk]), {}).content
    assert b"govuk-error-summary" in html

    Challenge.objects.filter(pk=challenge.pk).update(
        financial_resources=CONTENTS["financial_resources"]
    )
    challenge.refresh_from_db()
    advance(challenge, world, "submit", "start_assessment")
    client.force_login(world.decider)
    for name in ("casework-decide", "casework-clarify"):
        html = client.post(reverse(f"challenges:{name}", args=[challenge.pk]), {}).content
        assert b"govuk-error-summary" in html, name
    challenge.refresh_from_db()
    assert challenge.state == State.UNDER_ASSESSMENT
