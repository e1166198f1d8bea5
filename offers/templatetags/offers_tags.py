"""The law's wording about offers, in any template: {% offer_law "OFFER_NOT_STATUTORY" %}."""

from django import template

from portal import law

register = template.Library()

SHOWN = {"OFFER_NOT_STATUTORY", "OFFER_STATUTORY_ROUTE", "OFFER_FAIR_COMPETITION_SOURCE"}


@register.simple_tag
def offer_law(name: str) -> str:
    return getattr(law, name) if name in SHOWN else ""
