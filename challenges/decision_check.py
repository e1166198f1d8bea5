"""The decision check page's preview: the challenge as it would read once decided, never saved.

The draft letter and the register entry are rendered from an in-memory copy with the decision's
fields set as the transition would set them (Challenge.accept, .reject, and for a modification
.agree_modification, since the decision is published only once the body agrees).
"""

import copy

from django.utils import timezone

from .letters import render_decision_letter
from .models import Outcome

SESSION_KEY = "casework-decision-{pk}"


def preview(challenge, transition: str, kwargs: dict):
    draft = copy.copy(challenge)
    now = timezone.now()
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
