"""Officers' queue and case pages, the decision through the pages, and the public register."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from challenges.models import Challenge, State
from tests import builders

from .conftest import advance, decide_through_pages, draft

pytestmark = pytest.mark.django_db


def test_queue_is_scoped_and_filtered(client, world, manchester):
    mine = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    assessed = advance(
        draft(world.service, world.organisation, world.provider),
        world,
        "submit",
        "start_assessment",
    )
    Challenge.objects.filter(pk=assessed.pk).update(
        decision_due=timezone.localdate() - timedelta(days=1)
    )
    other_service = builders.service(manchester, "Manchester libraries")
    builders.open_window(manchester, other_service)
    theirs = advance(draft(other_service, world.organisation, world.provider), world, "submit")
    draft(world.service, world.organisation, world.provider)  # a draft: never in the queue

    client.force_login(world.officer)
    html = client.get("/casework/").content.decode()
    assert mine.reference in html and assessed.reference in html
    assert theirs.reference not in html
    assert "2 challenges" in html
    overdue = client.get("/casework/?overdue=yes").content.decode()
    assert assessed.reference in overdue and mine.reference not in overdue
    assert "Overdue" in overdue
    by_state = client.get("/casework/?state=submitted").content.decode()
    assert mine.reference in by_state and assessed.reference not in by_state
    by_officer = client.get(f"/casework/?officer={world.officer.pk}").content.decode()
    assert assessed.reference in by_officer and mine.reference not in by_officer
    unassigned = client.get("/casework/?officer=none").content.decode()
    assert mine.reference in unassigned and assessed.reference not in unassigned
    by_service = client.get(f"/casework/?service={world.service.pk}").content.decode()
    assert "2 challenges" in by_service
    assert client.get(f"/casework/{theirs.pk}/").status_code == 404

    client.force_login(world.provider)
    assert client.get("/casework/").status_code == 403


def test_the_queue_is_headed_for_what_the_person_does(client, world):
    """An officer assesses; a decision maker decides (issue 19: officers read "to decide")."""
    headings = {}
    for person in (world.officer, world.decider):
        client.force_login(person)
        html = client.get("/casework/").content.decode()
        assert "<title>Case work – Challenge and Transfer Portal</title>" in html
        headings[person] = html.split('<h1 class="govuk-heading-l">')[1].split("</h1>")[0]
    assert headings == {
        world.officer: "Challenges to assess",
        world.decider: "Challenges to assess and decide",
    }


def test_officer_assesses_clarifies_and_decision_maker_rejects(
    client, world, challenge, django_capture_on_commit_callbacks
):
    advance(challenge, world, "submit")
    client.force_login(world.officer)
    client.post(reverse("challenges:casework-assess", args=[challenge.pk]))
    url = reverse("challenges:casework-clarify", args=[challenge.pk])
    asked = {"question": "Which parks?"}
    response = client.post(url, asked)  # no date to reply by
    assert "Enter the date you ask the body to reply by" in response.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {**asked, "reply_by_0": "3", "reply_by_1": "2", "reply_by_2": "2099"}
        )
    assert response.status_code == 302
    (email,) = [m for m in mail.outbox if world.provider.email in m.to]
    assert "Which parks?" in email.body and "Please answer by 3 February 2099" in email.body
    challenge.refresh_from_db()
    advance(challenge, world, "answer_clarification")
    page = client.get(f"/casework/{challenge.pk}/").content.decode()
    assert "Which parks?" in page and "Twelve, under TUPE." in page
    assert "Reply by 3 February 2099" in page
    assert "data-audit-trail" in page and "Request clarification" in page
    # An officer cannot decide: the page says so and the post is refused.
    response = client.post(
        reverse("challenges:casework-decide", args=[challenge.pk]), {"decision": "accept"}
    )
    assert "decision maker" in response.content.decode()

    client.force_login(world.decider)
    url = reverse("challenges:casework-decide", args=[challenge.pk])
    response = client.post(url, {"decision": "reject", "reasons": ""})
    html = response.content.decode()
    assert "Select at least one statutory ground for rejection" in html
    assert "Enter the reasons for rejecting the challenge" in html
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = decide_through_pages(
            client,
            challenge,
            {
                "decision": "reject",
                "grounds": ["already_in_procurement", "third_party_negotiations"],
                "reasons": "A tender for the service was published in May.",
                "rejection_wellbeing": "A service being tendered gains nothing for the area.",
            },
        )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.state == State.REJECTED
    (letter,) = [m for m in mail.outbox if m.to == [world.provider.email]]
    assert "already the subject of a procurement exercise" in letter.body
    assert "A tender for the service was published in May." in letter.body


def test_procurement_start_refused_early_through_the_page(client, world, challenge):
    advance(challenge, world, "submit", "start_assessment", "accept")
    client.force_login(world.officer)
    url = reverse("challenges:casework-procurement", args=[challenge.pk])
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "started_on_0": "31",
            "started_on_1": "2",
            "started_on_2": str(today.year),
            "procurement_reference": "FTS-1",
        },
    )
    html = response.content.decode()
    assert "Date the procurement exercise started must be a real date" in html
    assert 'href="#id_started_on_0"' in html
    response = client.post(
        url,
        {
            "started_on_0": str(today.day),
            "started_on_1": str(today.month),
            "started_on_2": str(today.year),
            "procurement_reference": "FTS-1",
        },
    )
    html = response.content.decode()
    assert "Procurement cannot start before" in html
    assert 'value="FTS-1"' in html  # nothing entered is lost
    assert f'value="{today.day}"' in html


def test_register_shows_decided_only_and_no_personal_data(client, world):
    world.provider.first_name, world.provider.last_name = "Priya", "Personal"
    world.provider.save()
    world.decider.first_name, world.decider.last_name = "Dana", "Decider"
    world.decider.save()
    accepted = advance(
        draft(world.service, world.organisation, world.provider),
        world,
        "submit",
        "start_assessment",
        "accept",
    )
    rejected = advance(
        draft(world.service, world.organisation, world.provider),
        world,
        "submit",
        "start_assessment",
        "reject",
    )
    submitted = advance(draft(world.service, world.organisation, world.provider), world, "submit")
    withdrawn = advance(
        draft(world.service, world.organisation, world.provider), world, "submit", "withdraw"
    )
    a_draft = draft(world.service, world.organisation, world.provider)

    html = client.get("/decisions/").content.decode()
    assert accepted.reference in html and rejected.reference in html
    assert submitted.reference not in html and withdrawn.reference not in html
    assert "2 decisions" in html
    for reference in (submitted.reference, withdrawn.reference, "TRF-CH-2026-9999"):
        assert client.get(f"/decisions/{reference}/").status_code == 404
    assert a_draft.reference is None

    detail = client.get(f"/decisions/{rejected.reference}/").content.decode()
    assert "No safeguarding policy." in detail
    assert world.organisation.name in detail
    assert "data-public-timeline" in detail
    # Issue 19: the decision names who decided, in what role, under what authority; nobody else.
    assert "Dana Decider, Decision maker<br>Under: no scheme of delegation recorded" in detail
    for page in (html, detail, client.get(f"/decisions/{accepted.reference}/").content.decode()):
        for personal in (
            "Priya",
            "Personal",
            world.provider.email,
            world.decider.email,
            world.officer.email,
        ):
            assert personal not in page

    only_rejected = client.get("/decisions/?outcome=rejected").content.decode()
    assert rejected.reference in only_rejected and accepted.reference not in only_rejected
    by_ground = client.get("/decisions/?ground=body_unsuitable").content.decode()
    assert rejected.reference in by_ground and accepted.reference not in by_ground
    other_ground = client.get("/decisions/?ground=frivolous_or_vexatious").content.decode()
    assert "0 decisions" in other_ground
    year = timezone.localdate().year
    assert "2 decisions" in client.get(f"/decisions/?year={year}").content.decode()
    assert "0 decisions" in client.get(f"/decisions/?year={year - 1}").content.decode()
    assert "2 decisions" in client.get("/decisions/?authority=trafford").content.decode()


def test_register_paginates(client, world):
    for _ in range(21):
        advance(
            draft(world.service, world.organisation, world.provider),
            world,
            "submit",
            "start_assessment",
            "accept",
        )
    first = client.get("/decisions/").content.decode()
    assert "21 decisions" in first and "govuk-pagination" in first
    second = client.get("/decisions/?page=2").content.decode()
    assert second.count('class="govuk-heading-s govuk-!-margin-bottom-1"') == 1


def test_joint_case_agreement_through_the_pages(client, world, manchester):
    joint = builders.service(manchester, "Shared youth justice support")
    joint.partner_authorities.set([world.authority])
    joint.save_revision().publish()
    builders.open_window(manchester, joint)
    lead_decider = builders.staff("decision_maker", manchester)
    challenge = advance(draft(joint, world.organisation, world.provider), world, "submit")
    client.force_login(world.decider)  # Trafford: the partner authority
    page = client.get(f"/casework/{challenge.pk}/").content.decode()
    assert "Record your authority" in page
    client.post(reverse("challenges:casework-agreement", args=[challenge.pk]), {"outcome": ""})
    assert not challenge.agreements.exists()
    client.post(
        reverse("challenges:casework-agreement", args=[challenge.pk]), {"outcome": "accepted"}
    )
    assert challenge.agreements.get().authority == world.authority
    client.force_login(lead_decider)
    client.post(reverse("challenges:casework-assess", args=[challenge.pk]))
    response = decide_through_pages(
        client, challenge, {"decision": "accept", "wellbeing": "Local jobs and volunteering."}
    )
    assert response.status_code == 302
    detail = client.get(f"/decisions/{challenge.reference}/").content.decode()
    assert "Partner authorities' agreement" in detail and "Trafford: accepted" in detail
    # The register lists a joint decision under each of its authorities.
    for slug in ("trafford", "manchester"):
        listed = client.get(f"/decisions/?authority={slug}").content.decode()
        assert challenge.reference in listed
        assert f'<option value="{slug}"' in listed


def test_accepted_case_offers_the_procurement_exercise(client, world, challenge):
    advance(challenge, world, "submit", "start_assessment", "accept")
    client.force_login(world.officer)
    html = client.get(reverse("challenges:casework-case", args=[challenge.pk])).content.decode()
    assert f'href="/procurement/manage/new/?challenge={challenge.pk}"' in html
    assert "Record the start of procurement run elsewhere" in html
