"""The demo builds challenges in every state through the transitions, with a sound audit chain."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from challenges import evidence
from challenges.models import DECIDED, Challenge, State
from portal import audit
from portal.models import AuditEvent, StoredDocument


@pytest.mark.django_db
def test_seed_demo_makes_every_state_through_the_transitions():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    states = Counter(Challenge.objects.values_list("state", flat=True))
    assert set(states) == set(State.values)
    assert AuditEvent.objects.filter(object_kind="challenges.challenge").count() >= 20
    # Every non-draft state was reached by transitions: each case's events end in its state.
    for challenge in Challenge.objects.exclude(state=State.DRAFT):
        assert list(audit.events_for(challenge))[-1].to_state == challenge.state
    rejected = Challenge.objects.filter(state=State.REJECTED)
    assert len({tuple(c.grounds) for c in rejected}) >= 3
    assert Challenge.objects.filter(outcome="modified").count() == 1
    assert any(c.is_joint and c.state == State.ACCEPTED for c in Challenge.objects.all())
    assert Challenge.objects.overdue().count() == 1
    assert len(set(Challenge.objects.values_list("authority__code", flat=True))) >= 4
    # Evidence for every case and a stored letter for every decision, through the same functions.
    for challenge in Challenge.objects.all():
        kinds = {label for label, _docs in evidence.for_challenge(challenge)}
        assert {"Financial resources", "Capability to run the service"} <= kinds
        letter = evidence.decision_letter(challenge)
        assert (letter is not None) is (challenge.state in DECIDED)
        if letter:
            decision = AuditEvent.objects.filter(
                object_id=str(challenge.pk), changes__decision_letter__document=str(letter.pk)
            ).get()
            assert decision.changes["decision_letter"]["sha256"] == letter.sha256
    replies = StoredDocument.objects.filter(kind=evidence.REPLY)
    assert replies.count() == 1 and replies.get().owner.challenge.state == State.UNDER_ASSESSMENT
    checked, broken, _ = audit.verify_chain()
    assert broken is None and checked >= 20
    # A second run adds nothing.
    call_command("seed_demo", stdout=StringIO())
    assert Challenge.objects.count() == sum(states.values())
