"""What search needs from procurement: published rows only, public fields only; and, when the
search app's registry is installed, the two kinds registered with records built from them."""

import pytest

from agreements.publication import SEARCH_KINDS as AGREEMENT_KINDS
from procurement.publication import SEARCH_KINDS, searchable_text

from .agreements_helpers import proposed, to_in_force
from .conftest import open_plain

pytestmark = pytest.mark.django_db


def test_published_rows_and_their_public_fields(partners):
    exercise = open_plain(partners)
    draft_agreement = proposed(partners)
    live = to_in_force(partners, proposed(partners))
    exercises, exercise_fields = SEARCH_KINDS["procurement"]
    agreements, agreement_fields = AGREEMENT_KINDS["agreement"]
    assert list(exercises()) == [exercise]
    assert list(agreements()) == [live] and draft_agreement not in agreements()
    text = searchable_text(exercise_fields(exercise)) + searchable_text(agreement_fields(live))
    assert exercise.reference in text and live.reference in text
    assert "NHS Greater Manchester Integrated Care Board" in text
    for person in (partners.officer, partners.decider, partners.icb_partner):
        assert person.email not in text
        assert person.email not in str(agreement_fields(live))


def test_kinds_are_registered_with_search(partners):
    from search.registry import get

    exercise = open_plain(partners)
    record = get("procurement_notice").record_for(exercise.pk)
    assert record.title.startswith(exercise.reference)
    assert record.authority == [partners.authority.slug]
    assert get("transfer_agreement").record_for(proposed(partners).pk) is None
