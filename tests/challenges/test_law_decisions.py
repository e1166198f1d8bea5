"""Decisions say what the law says: the grounds in the words of SI 2012/1647 Schedule (keeping
the authority's opinion), ground 5 against the service's record, the well-being consideration of
Localism Act 2011 s.83(4) on acceptance and in the letter, and s.83 cited by subsection."""

import pytest

from challenges.models import State
from portal import law
from portal.workflow import Refused, perform

from .conftest import WELLBEING, advance, decide_through_pages

pytestmark = pytest.mark.django_db

GROUNDS = dict(law.REJECTION_GROUNDS)


def test_grounds_that_turn_on_the_authoritys_view_keep_it():
    """SI 2012/1647 Schedule paragraphs 2 and 5 ("in the opinion of the relevant authority") and
    3, 9 and 10 ("the relevant authority considers")."""
    for slug in ("info_inadequate_or_inaccurate", "nhs_integration_critical"):
        assert "in the opinion of the relevant authority" in GROUNDS[slug]
    for slug in ("body_unsuitable", "frivolous_or_vexatious", "unlawful_or_breach_of_duty"):
        assert "The relevant authority considers" in GROUNDS[slug]
    assert [label.split(".")[0] for label in GROUNDS.values()] == [str(n) for n in range(1, 11)]


def test_the_letter_gives_the_grounds_in_the_schedules_words(world, challenge):
    """SI 2012/1647 Schedule paragraph 2, quoted in the rejection letter (s.83(9), (11))."""
    advance(challenge, world, "submit", "start_assessment")
    advance(challenge, world, "reject", grounds=["info_inadequate_or_inaccurate"], reasons="No.")
    assert "in the opinion of the relevant authority, is in a material particular" in (
        challenge.decision_letter
    )
    assert "(Localism Act 2011 s.83(11))" in challenge.decision_letter


def test_ground_5_on_a_service_without_integrated_nhs_care_needs_confirming(world, challenge):
    """SI 2012/1647 Schedule paragraph 5 applies only where users also receive an integrated NHS
    service; the service's record says they do not, so the decision maker confirms it."""
    assert not world.service.nhs_integrated
    advance(challenge, world, "submit", "start_assessment")
    with pytest.raises(Refused) as refused:
        advance(challenge, world, "reject", grounds=["nhs_integration_critical"], reasons="R.")
    (problem,) = refused.value.problems
    assert "says its users do not also receive an integrated NHS service" in problem
    assert "SI 2012/1647 Schedule paragraph 5" in problem
    advance(
        challenge,
        world,
        "reject",
        grounds=["nhs_integration_critical"],
        reasons="Health visitors run the sessions with us.",
        nhs_ground_confirmed=True,
    )
    assert challenge.state == State.REJECTED


def test_ground_5_on_an_integrated_service_needs_no_confirmation(world, challenge):
    """SI 2012/1647 Schedule paragraph 5 fits a service recorded as integrated with the NHS."""
    world.service.nhs_integrated = True
    world.service.save_revision().publish()
    challenge.service.refresh_from_db()
    advance(challenge, world, "submit", "start_assessment")
    advance(challenge, world, "reject", grounds=["nhs_integration_critical"], reasons="R.")
    assert challenge.state == State.REJECTED


def test_the_decision_page_asks_to_confirm_ground_5_and_says_why(client, world, challenge):
    """SI 2012/1647 Schedule paragraph 5 on the decision page: the question comes back with the
    reason and a box to confirm; ticked, the decision goes to the check page."""
    advance(challenge, world, "submit", "start_assessment")
    client.force_login(world.decider)
    answers = {
        "decision": "reject",
        "grounds": ["nhs_integration_critical"],
        "reasons": "R.",
        "rejection_wellbeing": "W.",
    }
    response = decide_through_pages(client, challenge, answers)
    html = response.content.decode()
    assert response.status_code == 200
    assert "says its users do not also receive an integrated NHS service" in html
    assert 'name="nhs_ground_confirmed"' in html
    done = decide_through_pages(client, challenge, {**answers, "nhs_ground_confirmed": "on"})
    assert done.status_code == 302
    challenge.refresh_from_db()
    assert challenge.state == State.REJECTED


def test_the_ground_5_confirmation_sits_in_each_section_that_cites_grounds(
    client, world, challenge
):
    """Issue 19: shown from the start (not only after an error), inside the Reject and Modify
    sections, as a GOV.UK checkbox with no "(optional)"; a proposed modification on ground 5
    is confirmed in its own section."""
    advance(challenge, world, "submit", "start_assessment")
    client.force_login(world.decider)
    url = f"/casework/{challenge.pk}/decide/"
    html = client.get(url).content.decode()
    reject = html.split('id="conditional-reject"')[1].split('id="conditional-', 1)[0]
    modify = html.split('id="conditional-modify"')[1].split('id="conditional-', 1)[0]
    assert 'class="govuk-checkboxes__input" id="id_nhs_ground_confirmed"' in reject
    assert 'id="id_modification_nhs_ground_confirmed"' in modify
    assert 'class="govuk-label govuk-checkboxes__label" for="id_nhs_ground_confirmed"' in reject
    assert "(optional)" not in reject + modify
    answers = {
        "decision": "modify",
        "terms": "Run it with the youth service.",
        "modification_grounds": ["nhs_integration_critical"],
        "modification_reasons": "R.",
        "modification_wellbeing": "W.",
    }
    refused = client.post(url, answers).content.decode()
    assert "says its users do not also receive an integrated NHS service" in refused
    asked = client.post(url, {**answers, "modification_nhs_ground_confirmed": "on"})
    assert asked.status_code == 302 and asked["Location"].endswith("/decide/check/")


def test_acceptance_records_the_wellbeing_consideration_and_the_letter_says_it(world, challenge):
    """Localism Act 2011 s.83(4): an acceptance records how the authority considered whether it
    would promote or improve the area's social, economic or environmental well-being."""
    advance(challenge, world, "submit", "start_assessment")
    with pytest.raises(Refused) as refused:
        perform("challenge", challenge, "accept", world.decider, wellbeing="  ")
    assert refused.value.problems == [
        "Enter how you considered whether accepting the challenge would promote or improve the "
        "social, economic or environmental well-being of the area (Localism Act 2011 s.83(8))"
    ]
    advance(challenge, world, "accept")
    challenge.refresh_from_db()
    assert challenge.wellbeing_consideration == WELLBEING
    assert "(Localism Act 2011 s.83(8))" in challenge.decision_letter
    assert WELLBEING.replace("'", "&#x27;") in challenge.decision_letter
    assert "well-being of our area (s.83(9))" in challenge.decision_letter


def test_the_decision_page_asks_for_the_wellbeing_consideration(client, world, challenge):
    """Localism Act 2011 s.83(4) on the decision page: an acceptance without it is refused."""
    advance(challenge, world, "submit", "start_assessment")
    client.force_login(world.decider)
    response = decide_through_pages(client, challenge, {"decision": "accept"})
    assert response.status_code == 200
    assert "Enter how you considered whether accepting the challenge" in (response.content.decode())
    done = decide_through_pages(
        client, challenge, {"decision": "accept", "wellbeing": "More local jobs."}
    )
    assert done.status_code == 302
    challenge.refresh_from_db()
    assert challenge.state == State.ACCEPTED
    assert challenge.wellbeing_consideration == "More local jobs."


def test_a_modification_records_the_wellbeing_consideration_for_its_acceptance(world, challenge):
    """Localism Act 2011 s.83(4) and (6): an agreed modification is an acceptance, and its letter
    gives the consideration too."""
    advance(challenge, world, "submit", "start_assessment", "propose_modification")
    advance(challenge, world, "agree_modification")
    assert challenge.state == State.ACCEPTED
    assert "(Localism Act 2011 s.84(2)(b))" in challenge.decision_letter
    assert "(Localism Act 2011 s.83(8))" in challenge.decision_letter


def test_letters_cite_s83_by_subsection(world, challenge):
    """Localism Act 2011 s.83(1) (decision), s.84(9) (publication), s.83(4)(a) and (b) (minimum
    and maximum periods before procurement), s.83(9) (well-being in the procurement)."""
    advance(challenge, world, "submit", "start_assessment", "accept")
    letter = challenge.decision_letter
    assert "(Localism Act 2011 s.83(1))" in letter
    assert "(Localism Act 2011 s.84(9))" in letter
    assert "(s.83(4)(a))" in letter and "(s.83(4)(b), (7))" in letter
    assert "of our area (s.83(9))" in letter
    assert "s.83(5) asks" not in letter and "(s.84)" not in letter
