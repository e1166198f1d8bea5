"""The written notice of a decision (Localism Act 2011 s.84(8)): reasons, grounds, next
steps and the dates that apply. Rendered from a template as HTML, shown on the case and in the
register, and made into the PDF that is stored with the decision (fpdf2, from the same HTML)."""

from html import unescape
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from portal import law
from portal.models import ChallengeWindow

COMMITTEE = "committee"  # challenges.models.DecisionRoute.COMMITTEE (the models import this module)


def recommendation_of(challenge):
    """The case's recommendation (challenges.models.Recommendation), or None."""
    try:
        return challenge.recommendation
    except ObjectDoesNotExist:
        return None


def signature(challenge) -> dict | None:
    """{"name", "role", "authority"} of the decision (None before one), for the letter, the case
    page and the register."""
    recommendation = recommendation_of(challenge)
    if recommendation is not None and recommendation.is_signed:
        name = recommendation.signed_by.get_full_name()
        if recommendation.route == COMMITTEE:
            minute = recommendation.minute_reference
            basis = (
                f"decision of {recommendation.committee} at its meeting on "
                f"{recommendation.meeting_date:%-d %B %Y}, minute {minute}"
            )
            if recommendation.authority_reference:
                basis += f" ({recommendation.authority_reference})"
            return {"name": name, "role": "recorded for the committee", "authority": basis}
        basis = (
            f"delegated authority: {recommendation.authority_reference}"
            if recommendation.authority_reference
            else "no scheme of delegation recorded in the portal"
        )
        return {"name": name, "role": recommendation.signed_as, "authority": basis}
    if challenge.decided_by_id:
        return {
            "name": challenge.decided_by.get_full_name(),
            "role": "Decision maker",
            "authority": "no scheme of delegation recorded in the portal",
        }
    return None


def render_decision_letter(challenge) -> str:
    """The decision letter as an HTML fragment. It is published: the only person it names is
    the one who decided, with their role and the authority they decided under (issue 19)."""
    authority = challenge.authority
    recommendation = recommendation_of(challenge)
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
            "latest_procurement": challenge.latest_procurement_start(),
            # s.82(1)-(2): with no period specified, a challenge may be made at any time.
            "has_windows": ChallengeWindow.objects.for_service(challenge.service).exists(),
            "signature": signature(challenge),
            "departure_reasons": recommendation.departure_reasons if recommendation else "",
        },
    ).strip()


def letter_as_text(letter_html: str) -> str:
    """The letter for a plain-text email: no tags, and characters rather than HTML entities."""
    lines = [line.strip() for line in unescape(strip_tags(letter_html)).splitlines()]
    text, blank = [], False
    for line in lines:
        if line or not blank:
            text.append(line)
        blank = not line
    return "\n".join(text).strip() + "\n"


# Helvetica (built into every PDF reader) prints Latin-1; a letter with other characters (curly
# quotes, dashes, names in other scripts) embeds DejaVu Sans, shipped with the code (fonts/, with
# its licence) so that every machine writes the same letter.
FONTS = Path(__file__).resolve().parent / "fonts"
LETTER_FONTS = {"": FONTS / "DejaVuSans.ttf", "B": FONTS / "DejaVuSans-Bold.ttf"}


def decision_letter_title(challenge) -> str:
    return f"Decision on expression of interest {challenge.reference}"


def render_decision_letter_pdf(challenge) -> bytes:
    """The decision letter as a PDF: real text, the title in its metadata and its language, and
    the letter's headings as the document's headings (and bookmarks)."""
    from fpdf import FPDF, ViewerPreferences

    html = render_decision_letter(challenge)
    # On a page the letter sits under the page's h1; as a document of its own it is one level up.
    html = html.replace("<h3", "<h2").replace("</h3>", "</h2>")
    html = html.replace('<h2 class="govuk-heading-m"', '<h1 class="govuk-heading-m"', 1)
    html = html.replace("</h2>", "</h1>", 1)
    pdf = FPDF(format="A4")
    pdf.set_title(decision_letter_title(challenge))
    pdf.set_author(challenge.authority.name)
    pdf.set_subject("Decision under the Localism Act 2011 s.83")
    pdf.set_lang("en-GB")
    pdf.set_creator("Challenge and Transfer Portal")
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)  # show the title, not a name
    pdf.set_margins(20, 20, 20)
    family = _letter_font(pdf, html)
    pdf.set_font(family, size=11)
    pdf.add_page()
    pdf.write_html(html, font_family=family)
    return bytes(pdf.output())


def _letter_font(pdf, html: str) -> str:
    """Helvetica when it can print every character (fast and small); DejaVu when it cannot."""
    try:
        html.encode("latin-1")
        return "Helvetica"
    except UnicodeEncodeError:
        pass
    for style, path in LETTER_FONTS.items():
        pdf.add_font("DejaVu", style, str(path))
    return "DejaVu"
