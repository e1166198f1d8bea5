"""The written notice (s.83): the outcome, grounds, reasons, next steps and the dates that apply."""

from pathlib import Path

import pytest
from django.utils import timezone

from challenges.letters import letter_as_text, render_decision_letter

from .conftest import advance

pytestmark = pytest.mark.django_db


def test_acceptance_letter_gives_dates_and_next_steps(world, challenge):
    advance(challenge, world, "submit", "start_assessment", "accept")
    letter = render_decision_letter(challenge)
    assert letter == challenge.decision_letter
    text = letter_as_text(letter)
    earliest = challenge.earliest_procurement_start()
    assert f"We will not start the exercise before {earliest:%-d %B %Y}" in text
    assert f"was due by {challenge.decision_due:%-d %B %Y}" in text
    assert f"on {timezone.localdate():%-d %B %Y}" in text
    assert "open to any bidder" in text
    assert "To: Riverside Youth Trust" in text
    assert world.decider.email not in text and "<" not in text


def test_the_plain_text_letter_has_characters_not_html_entities(world, challenge):
    """A decision email is plain text: "Children's & families'", never "Children&#x27;s"."""
    challenge.service.title = "Children's & families' support"
    challenge.service.save()
    advance(challenge, world, "submit", "start_assessment", "accept")
    assert "&#x27;" in challenge.decision_letter or "&#39;" in challenge.decision_letter
    text = letter_as_text(challenge.decision_letter)
    assert "Children's & families' support" in text
    assert "&#" not in text and "&amp;" not in text


def test_rejection_and_modification_letters(world, challenge):
    advance(challenge, world, "submit", "start_assessment", "propose_modification")
    advance(challenge, world, "decline_modification")
    text = letter_as_text(challenge.decision_letter)
    assert "we reject your expression of interest" in text
    # SI 2012/1647 Schedule paragraph 2, in its words.
    assert (
        "in the opinion of the relevant authority, is in a material particular inadequate or "
        "inaccurate" in text
    )
    assert "The plan for Sale West is not costed." in text
    assert "We proposed a modification, which you did not agree to." in text
    # s.82(2): the world's Trafford has specified periods (windows) for the service.
    assert (
        "during a future period that Trafford specifies for this service (Localism Act 2011 "
        "s.82(2))." in text
    )


def test_a_rejection_where_the_authority_specified_no_periods_says_any_time(world, challenge):
    """s.82(1): with no period specified, a new expression of interest may be made at any time,
    so the letter promises no "future window"."""
    from portal.models import ChallengeWindow

    advance(challenge, world, "submit", "start_assessment")
    ChallengeWindow.objects.filter(authority=world.authority).delete()
    advance(challenge, world, "reject")
    text = letter_as_text(challenge.decision_letter)
    assert (
        "You may submit a new expression of interest that addresses these reasons at any time: "
        "Trafford has specified no periods for expressions of interest (Localism Act 2011 "
        "s.82(1))." in text
    )
    assert "window" not in text and "future period" not in text


def test_names_in_any_script_reach_the_pdf_with_the_font_shipped_with_the_code(world, challenge):
    """Every machine writes the same letter: the font comes from the repository, not the system,
    and names outside Latin-1 are printed as they are, never as "?"."""
    import io

    from pypdf import PdfReader

    from challenges import letters

    names = ["Zoë Łukasiewicz-Nowak", "Ōsaka Ωmega", "Ŵyn a Ŷd"]
    world.organisation.name = f"{names[0]} Trust"
    world.organisation.save()
    advance(challenge, world, "submit", "start_assessment")
    advance(
        challenge, world, "reject", reasons=f"{names[1]} and {names[2]}: the plan — not costed."
    )
    pdf = letters.render_decision_letter_pdf(challenge)

    repository = Path(letters.__file__).resolve().parents[1]
    for path in letters.LETTER_FONTS.values():
        assert path.is_file() and repository in path.parents
    assert (repository / "challenges" / "fonts" / "LICENSE").is_file()
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for name in names:
        assert name in text
    assert "—" in text and "?" not in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in font for font in fonts), fonts
    assert b"/FontFile2" in pdf  # embedded, so any reader shows the same letters


def test_a_letter_in_latin_1_stays_in_the_reader_s_own_font(world, challenge):
    from challenges import letters

    advance(challenge, world, "submit", "start_assessment", "accept")
    pdf = letters.render_decision_letter_pdf(challenge)
    assert b"/Helvetica" in pdf and b"/FontFile2" not in pdf
