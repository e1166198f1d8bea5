from django import template
from django.utils.html import format_html

from challenges.models import State

register = template.Library()

COLOURS = {
    State.DRAFT: "grey",
    State.SUBMITTED: "blue",
    State.UNDER_ASSESSMENT: "light-blue",
    State.CLARIFICATION_REQUESTED: "yellow",
    State.MODIFICATION_PROPOSED: "orange",
    State.ACCEPTED: "green",
    State.REJECTED: "red",
    State.WITHDRAWN: "grey",
    State.PROCUREMENT_STARTED: "turquoise",
    State.CLOSED: "purple",
}


@register.filter
def state_tag(challenge):
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        COLOURS.get(challenge.state, "grey"),
        challenge.get_state_display(),
    )


@register.filter
def decision_signature(challenge):
    """Who decided, as what, under what authority (challenges.sign_off.signature)."""
    from challenges.sign_off import signature

    return signature(challenge)
