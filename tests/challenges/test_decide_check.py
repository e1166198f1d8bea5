"""Deciding with care (issue 11 item 4): the questions, a check page with the draft letter and the
register entry, then a confirm step; nothing is recorded before it, and it records once."""

import re

from django.core import mail
from django.urls import reverse

from challenges.models import Challenge, State
from messaging.models import OutboxMessage
from portal.models import AuditEvent

from .conftest import advance

REJECTION = {
    "decision": "reject",
    "grounds": ["already_in_procurement"],
    "reasons": "A tender for the service was published in May.",
    "rejection_wellbeing": "A service already being tendered gains nothing for the area.",
}


def decide_url(challenge):
    return reverse("challenges:casework-decide", args=[challenge.pk])


def check_url(challenge):
    return reverse("challenges:casework-decide-check", args=[challenge.pk])


def decisions(challenge):
    return AuditEvent.objects.filter(
        object_id=str(challenge.pk), transition__in=["accept", "reject", "propose_modification"]
    )


def stored(challenge) -> Challenge:
    return Challenge.objects.get(pk=challenge.pk)


def test_the_check_page_shows_the_letter_and_register_and_records_nothing(
    client, world, challenge, django_capture_on_commit_callbacks
):
    advance(challenge, world, "submit", "start_assessment")
    queued, sent = OutboxMessage.objects.count(), len(mail.outbox)
    client.force_login(world.decider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(challenge), REJECTION)
        assert response.status_code == 302 and response["Location"] == check_url(challenge)
        page = client.get(check_url(challenge)).content.decode()

    letter = page.split("data-draft-letter>")[1].split("</div>")[0]
    assert "we reject your expression of interest" in letter
    assert "A tender for the service was published in May." in letter
    register = page.split("data-register-preview>")[1].split("</dl>")[0]
    assert "Rejected" in register
    # The ground in its full statutory wording, and the reasons, as the register will show them.
    assert "The relevant service is already the subject of a procurement exercise" in register
    assert "A tender for the service was published in May." in register
    assert world.organisation.name in register
    assert "Confirm and record the decision" in page
    assert page.count(f'href="{decide_url(challenge)}"') >= 3  # "Change" links

    # Nothing recorded, published or sent before the confirm.
    assert stored(challenge).state == State.UNDER_ASSESSMENT and not stored(challenge).outcome
    assert not decisions(challenge).exists()
    assert OutboxMessage.objects.count() == queued and len(mail.outbox) == sent
    client.logout()
    assert client.get(f"/decisions/{stored(challenge).reference}/").status_code == 404


def test_confirm_records_the_decision_once(
    client, world, challenge, django_capture_on_commit_callbacks
):
    advance(challenge, world, "submit", "start_assessment")
    client.force_login(world.decider)
    client.post(decide_url(challenge), REJECTION)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(check_url(challenge))
    assert response.status_code == 302
    assert response["Location"] == reverse("challenges:casework-case", args=[challenge.pk])
    decided = stored(challenge)
    assert decided.state == State.REJECTED
    assert decided.grounds == ["already_in_procurement"]
    assert decided.decision_reasons == REJECTION["reasons"]
    assert decisions(challenge).count() == 1
    sent = len(mail.outbox)  # the body's decision, and the authority's staff told of it
    assert [m.to for m in mail.outbox].count([world.provider.email]) == 1

    # A second confirm (a double click, the back button) records nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(check_url(challenge))
    assert again.status_code == 302 and again["Location"] == decide_url(challenge)
    assert decisions(challenge).count() == 1 and len(mail.outbox) == sent


def test_grounds_left_ticked_under_reject_are_ignored_by_an_acceptance(client, world, challenge):
    """Grounds ticked under "Reject" and hidden once "Accept" is chosen are not part of the
    acceptance (the walk found them blocking it): the check page shows an acceptance alone."""
    advance(challenge, world, "submit", "start_assessment")
    client.force_login(world.decider)
    response = client.post(
        decide_url(challenge),
        {"decision": "accept", "grounds": ["body_unsuitable"], "wellbeing": "Local jobs."},
    )
    assert response.status_code == 302 and response["Location"] == check_url(challenge)
    page = client.get(check_url(challenge)).content.decode()
    assert "based on the information in the expression of" not in page
    assert stored(challenge).state == State.UNDER_ASSESSMENT  # nothing decided until confirmed


def test_rejecting_without_grounds_or_reasons_is_refused(client, world, challenge):
    advance(challenge, world, "submit", "start_assessment")
    client.force_login(world.decider)
    html = client.post(
        decide_url(challenge), {"decision": "reject", "grounds": ["body_unsuitable"]}
    ).content.decode()
    assert "govuk-error-summary" in html
    assert "Enter the reasons for rejecting the challenge" in html
    html = client.post(
        decide_url(challenge), {"decision": "reject", "reasons": "Not suitable."}
    ).content.decode()
    assert "Select at least one statutory ground for rejection" in html
    assert stored(challenge).state == State.UNDER_ASSESSMENT
    assert not decisions(challenge).exists()


def test_reasons_are_revealed_only_for_a_rejection_or_a_modification(client, world, challenge):
    """Each choice reveals its own questions: reasons for a rejection or a modification, and the
    well-being consideration (Localism Act 2011 s.83(8)) for every decision."""
    advance(challenge, world, "submit", "start_assessment")
    client.force_login(world.decider)
    html = client.get(decide_url(challenge)).content.decode()
    for choice, fields in (
        ("reject", ["grounds", "reasons", "rejection_wellbeing"]),
        ("modify", ["terms", "modification_wellbeing"]),
        ("accept", ["wellbeing"]),
    ):
        radio = re.search(rf'<input[^>]*value="{choice}"[^>]*>', html).group(0)
        assert f'data-aria-controls="conditional-{choice}"' in radio
        block = html.split(f'id="conditional-{choice}"')[1].split("govuk-radios__conditional")[0]
        assert "govuk-radios__conditional--hidden" in html  # hidden only with JavaScript
        for name in fields:
            assert f'name="{name}"' in block
    # Every reasons field sits in a conditional block, none outside.
    outside = re.sub(
        r'<div class="govuk-radios__conditional.*?data-decision-reveals.*?</fieldset>',
        "",
        html,
        flags=re.S,
    )
    assert 'name="reasons"' not in outside.split("<form")[1]


def test_change_keeps_the_answers(client, world, challenge):
    advance(challenge, world, "submit", "start_assessment")
    client.force_login(world.decider)
    client.post(decide_url(challenge), REJECTION)
    html = client.get(decide_url(challenge)).content.decode()
    assert re.search(r'<input[^>]*value="reject"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="already_in_procurement"[^>]*checked', html)
    assert REJECTION["reasons"] in html


def test_a_modification_goes_through_the_check_page(client, world, challenge):
    advance(challenge, world, "submit", "start_assessment")
    client.force_login(world.decider)
    answers = {
        "decision": "modify",
        "terms": "Cover Partington only.",
        "modification_grounds": ["info_inadequate_or_inaccurate"],
        "modification_reasons": "The plan for Sale West is not costed.",
        "modification_wellbeing": "Evening sessions keep local youth workers employed.",
    }
    assert client.post(decide_url(challenge), answers).status_code == 302
    page = client.get(check_url(challenge)).content.decode()
    assert "Cover Partington only." in page and "Confirm and propose the modification" in page
    assert "we accept your expression of interest as modified" in page
    assert stored(challenge).state == State.UNDER_ASSESSMENT
    client.post(check_url(challenge))
    proposed = stored(challenge)
    assert proposed.state == State.MODIFICATION_PROPOSED
    assert proposed.modification_terms == "Cover Partington only."


def test_an_officer_cannot_reach_the_check_page(client, world, challenge):
    advance(challenge, world, "submit", "start_assessment")
    client.force_login(world.officer)
    response = client.post(decide_url(challenge), {"decision": "accept", "wellbeing": "Jobs."})
    assert response.status_code == 200
    assert (
        "Only a decision maker of Trafford can decide this challenge" in response.content.decode()
    )
    assert client.post(check_url(challenge)).status_code == 302
    assert stored(challenge).state == State.UNDER_ASSESSMENT
