"""The written notice of a decision (Localism Act 2011 s.83(4)): reasons, grounds, next steps and
the dates that apply. Rendered from a template as HTML so that a PDF can be made from it later."""

from django.template.loader import render_to_string
from django.utils.html import strip_tags

from portal import law


def render_decision_letter(challenge) -> str:
    """The decision letter as an HTML fragment. It names no individual: it is published."""
    authority = challenge.authority
    return render_to_string(
        "challenges/letters/decision_letter.html",
        {
            "challenge": challenge,
            "authority": authority,
            "partners": list(challenge.partner_authorities),
            "grounds": [
                (slug, law.label(law.REJECTION_GROUNDS, slug)) for slug in challenge.grounds
            ],
            "earliest_procurement": challenge.earliest_procurement_start(),
        },
    ).strip()


def letter_as_text(letter_html: str) -> str:
    lines = [line.strip() for line in strip_tags(letter_html).splitlines()]
    text, blank = [], False
    for line in lines:
        if line or not blank:
            text.append(line)
        blank = not line
    return "\n".join(text).strip() + "\n"
