"""The decision check page's preview: the challenge as it would read once decided, never saved.

The draft letter and the register entry are rendered from an in-memory copy with the decision's
fields set as the transition would set them (Challenge.accept, .reject, and for a modification
.agree_modification, since the decision is published only once the body agrees).
"""

import copy

from django.utils import timezone

from .letters import render_decision_letter
from .models import Outcome, State
from .sign_off import TRANSITION_OUTCOMES, recommendation_of, sign_off_fields

SESSION_KEY = "casework-decision-{pk}"


def preview(challenge, transition: str, kwargs: dict, user=None):
    draft = _detached(challenge)
    now = timezone.now()
    if user is not None:
        draft.decided_by = user
    recommendation = recommendation_of(challenge)
    if recommendation is not None and challenge.state == State.RECOMMENDED and user is not None:
        signed = _detached(recommendation)
        outcome = TRANSITION_OUTCOMES[transition]
        for name, value in sign_off_fields(challenge, user, outcome, kwargs).items():
            setattr(signed, name, value)
        draft._state.fields_cache["recommendation"] = signed
    draft.decided_at = now
    draft.grounds = list(kwargs.get("grounds", []))
    draft.decision_reasons = kwargs.get("reasons", "")
    draft.wellbeing_consideration = kwargs.get("wellbeing", "")
    if transition == "accept":
        draft.outcome = Outcome.ACCEPTED
    elif transition == "reject":
        draft.outcome = Outcome.REJECTED
    else:
        draft.outcome = Outcome.MODIFIED
        draft.modification_terms = kwargs["terms"]
        draft.body_agreed_at = now
    draft.decision_letter = render_decision_letter(draft)
    return draft


def _detached(obj):
    """A copy with its own cache of related objects, so that what is set on the copy (the
    signed recommendation, its signer) never reaches the original."""
    twin = copy.copy(obj)
    twin._state = copy.copy(obj._state)
    twin._state.fields_cache = dict(obj._state.fields_cache)
    return twin
