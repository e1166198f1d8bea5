"""Each transition, from its source state: refused to the wrong person and in a wrong state (with
nothing changed and no audit event), then allowed to the right person (one audit event)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from challenges.models import Challenge, State
from portal import audit
from portal.workflow import Refused, perform

from .conftest import advance, draft

pytestmark = pytest.mark.django_db

ASSESSING = ["submit", "start_assessment"]
MODIFYING = [*ASSESSING, "propose_modification"]
ACCEPTED = [*ASSESSING, "accept"]
# transition: (path to its source state, the wrong person, the right person, arguments)
TABLE = {
    "submit": ([], "officer", "provider", {}),
    "start_assessment": (["submit"], "provider", "officer", {}),
    "request_clarification": (ASSESSING, "provider", "officer", {"question": "Which sites?"}),
    "answer_clarification": (
        ["submit", "request_clarification"],
        "officer",
        "provider",
        {"answer": "All."},
    ),
    "propose_modification": (
        ASSESSING,
        "officer",
        "decider",
        {
            "terms": "Evenings only.",
            "grounds": ["non_compliant"],
            "reasons": "Not costed.",
            "wellbeing": "Local jobs.",
        },
    ),
    "agree_modification": (MODIFYING, "decider", "provider", {}),
    "decline_modification": (MODIFYING, "officer", "provider", {}),
    "accept": (ASSESSING, "officer", "decider", {"wellbeing": "Local jobs."}),
    "reject": (
        ASSESSING,
        "provider",
        "decider",
        {"grounds": ["body_unsuitable"], "reasons": "No plan.", "wellbeing": "None."},
    ),
    "withdraw": (ASSESSING, "officer", "provider", {}),
    "start_procurement": (
        ACCEPTED,
        "provider",
        "officer",
        {"started_on": "today", "procurement_reference": "FTS-1"},
    ),
    "close": ([*ACCEPTED, "start_procurement"], "provider", "officer", {"result": "not_awarded"}),
}


def arguments(kwargs):
    return {k: timezone.localdate() if v == "today" else v for k, v in kwargs.items()}


def to_source(world, path) -> Challenge:
    challenge = draft(world.service, world.organisation, world.provider)
    for name in path:
        if name == "start_procurement":
            Challenge.objects.filter(pk=challenge.pk).update(
                decided_at=timezone.now() - timedelta(days=365)
            )
            challenge.refresh_from_db()
            perform("challenge", challenge, name, world.officer, **arguments(TABLE[name][3]))
        else:
            advance(challenge, world, name)
    return challenge


def count(challenge) -> int:
    return audit.events_for(challenge).count()


@pytest.mark.parametrize("name", sorted(TABLE))
def test_transition_refused_then_allowed(world, name):
    path, wrong, right, kwargs = TABLE[name]
    kwargs = arguments(kwargs)
    challenge = to_source(world, path)
    if name == "start_procurement":
        Challenge.objects.filter(pk=challenge.pk).update(
            decided_at=timezone.now() - timedelta(days=365)
        )
        challenge.refresh_from_db()
    before_state, before_events = challenge.state, count(challenge)

    with pytest.raises(Refused) as wrong_role:
        perform("challenge", challenge, name, getattr(world, wrong), **kwargs)
    assert "Only" in wrong_role.value.problems[0]

    withdrawn = draft(world.service, world.organisation, world.provider)
    advance(withdrawn, world, "withdraw")
    with pytest.raises(Refused) as wrong_state:
        perform("challenge", withdrawn, name, getattr(world, right), **kwargs)
    assert "This challenge is withdrawn" in wrong_state.value.problems[0]

    fresh = Challenge.objects.get(pk=challenge.pk)
    assert (fresh.state, count(fresh)) == (before_state, before_events)

    perform("challenge", challenge, name, getattr(world, right), **kwargs)
    assert challenge.state != before_state
    assert count(challenge) == before_events + 1
    last = audit.events_for(challenge).last()
    assert (last.transition, last.from_state, last.to_state) == (
        name,
        before_state,
        challenge.state,
    )
    assert challenge.state in State.values
