from django import template
from django.utils.html import format_html

register = template.Library()

COLOURS = {
    "planned": "grey",
    "market_engagement": "light-blue",
    "tender_open": "blue",
    "evaluation": "yellow",
    "award_proposed": "orange",
    "standstill": "orange",
    "awarded": "green",
    "in_delivery": "turquoise",
    "closed": "purple",
    "cancelled": "red",
    "draft": "grey",
    "submitted": "blue",
    "under_evaluation": "yellow",
    "shortlisted": "light-blue",
    "not_shortlisted": "pink",
    "successful": "green",
    "unsuccessful": "red",
    "withdrawn": "grey",
    "proposed": "grey",
    "consultation": "light-blue",
    "negotiation": "yellow",
    "approval": "orange",
    "signed": "blue",
    "in_force": "green",
    "under_review": "yellow",
    "terminated": "red",
    "abandoned": "grey",
}


@register.simple_tag
def state_tag(state, label):
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', COLOURS.get(state, "grey"), label
    )
