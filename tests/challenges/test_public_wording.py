"""Public pages speak plainly: the timeline in plain words (never state or transition names),
grounds in full, and the register's filters keep decisions apart from other kinds of outcome."""

import re

import pytest

from portal.workflow import machines

from .conftest import advance, draft

pytestmark = pytest.mark.django_db

RAW_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b")  # under_assessment, request_clarification, …


def test_every_state_and_transition_of_every_machine_has_plain_words():
    for machine in machines():
        for transition in machine.transitions:
            words = machine.public_event(transition.name)
            assert words and not RAW_NAME.search(words), (machine.name, transition.name)
        for state in machine.states.values:
            words = machine.public_state(state)
            assert words and not RAW_NAME.search(words), (machine.name, state)


def test_the_public_timeline_tells_the_story_in_plain_words(client, world):
    challenge = draft(world.service, world.organisation, world.provider)
    advance(challenge, world, "submit", "start_assessment", "request_clarification")
    advance(challenge, world, "answer_clarification", "reject")
    html = client.get(f"/decisions/{challenge.reference}/").content.decode()
    timeline = html[html.index("data-public-timeline") :]
    timeline = timeline[: timeline.index("</ol>")]
    for words in (
        "Challenge submitted to the council",
        "The council started assessing the challenge",
        "The council asked the body a question",
        "The body answered the council",
        "The council rejected the challenge",
        "Stage: being assessed by the council",
    ):
        assert words in timeline
    for raw in ("→", "Draft (", "Body member", "Under assessment", "Request clarification"):
        assert raw not in timeline
    assert not RAW_NAME.search(re.sub(r"<[^>]+>", " ", timeline))
    assert "How many staff would transfer?" not in timeline  # questions may hold names


def test_the_register_shows_every_ground_in_full(client, world):
    from portal import law

    challenge = draft(world.service, world.organisation, world.provider)
    grounds = ["info_inadequate_or_inaccurate", "body_unsuitable"]
    advance(challenge, world, "submit", "start_assessment")
    advance(challenge, world, "reject", grounds=grounds)
    html = client.get("/decisions/").content.decode()
    labels = [dict(law.REJECTION_GROUNDS)[slug] for slug in grounds]
    assert len(labels[0].split()) > 6  # longer than the tags used to show
    for label in labels:
        assert f"<li>{label}</li>" in html.replace("&#x27;", "'")
    assert "…" not in html[html.index("Grounds for rejection") :]


def test_the_outcome_filter_keeps_decisions_apart_from_stages():
    from search.views import _outcome_groups

    values = ["accepted", "awarded", "in_force", "tender_open", "rejected", "modified"]
    options = [{"value": v, "label": v, "count": 1, "checked": False} for v in values]
    html = str(_outcome_groups(options))
    groups = {
        legend: set(re.findall(r'value="([^"]+)"', body))
        for legend, body in re.findall(r"<legend[^>]*>(.*?)</legend>(.*?)</fieldset>", html, re.S)
    }
    assert groups == {
        "Decision": {"accepted", "rejected", "modified"},
        "Stage of a procurement exercise": {"awarded", "tender_open"},
        "Stage of an agreement": {"in_force"},
    }
    ids = re.findall(r'id="(outcome-\d+)"', html)
    assert len(ids) == len(set(ids)) == len(values)  # every box has its own label target
