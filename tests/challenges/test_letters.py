"""The written notice (s.83): the outcome, grounds, reasons, next steps and the dates that apply."""

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
    assert "future window" in text
