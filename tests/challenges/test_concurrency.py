"""Races on PostgreSQL with real threads: unique references, and one winner of two decisions."""

import threading

import pytest
from django.db import connections

from challenges import evidence
from challenges.models import Challenge, State
from documents import storage
from documents import stored as documents
from portal import audit
from portal.workflow import Refused, perform
from tests import components

from .conftest import draft

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(*jobs):
    """Start the jobs at the same moment; return what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def runner(i, job):
        try:
            barrier.wait()
            results[i] = job()
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


@pytest.fixture(autouse=True)
def postgres_only():
    components.require("postgresql")  # row locks


def test_references_are_unique_when_submitted_at_once(world):
    drafts = [draft(world.service, world.organisation, world.provider) for _ in range(6)]

    def submit(pk):
        def job():
            challenge = Challenge.objects.get(pk=pk)
            perform("challenge", challenge, "submit", world.provider)
            return challenge.reference

        return job

    results = run_together(*(submit(d.pk) for d in drafts))
    assert all(isinstance(r, str) for r in results), results
    year = results[0].split("-")[2]
    assert sorted(results) == [f"TRF-CH-{year}-{n:04d}" for n in range(1, 7)]


def test_two_decision_makers_deciding_at_once(world):
    challenge = draft(world.service, world.organisation, world.provider)
    perform("challenge", challenge, "submit", world.provider)
    perform("challenge", challenge, "start_assessment", world.officer)

    # Both decision makers opened the case before either decided.
    first, second = Challenge.objects.get(pk=challenge.pk), Challenge.objects.get(pk=challenge.pk)

    def accept():
        return perform("challenge", first, "accept", world.decider, wellbeing="Jobs.").state

    def reject():
        return perform(
            "challenge",
            second,
            "reject",
            world.other_decider,
            grounds=["non_compliant"],
            reasons="Incomplete.",
            wellbeing="None.",
        ).state

    before = {key for key, _ in storage.iter_keys()}
    results = run_together(accept, reject)
    winners = [r for r in results if isinstance(r, str)]
    losers = [r for r in results if isinstance(r, Refused)]
    assert len(winners) == 1 and len(losers) == 1, results
    final = Challenge.objects.get(pk=challenge.pk)
    assert final.state == winners[0]
    assert "Someone else changed this challenge" in losers[0].problems[0]
    assert final.get_state_display().lower() in losers[0].problems[0]
    decisions = [e for e in audit.events_for(final) if e.transition in ("accept", "reject")]
    assert len(decisions) == 1
    assert final.state in (State.ACCEPTED, State.REJECTED)
    # One letter: the loser's PDF, stored before it lost, is gone with its row.
    (letter,) = documents.for_owner(final).filter(kind=evidence.DECISION_LETTER)
    assert decisions[0].changes["decision_letter"]["sha256"] == letter.sha256
    assert {key for key, _ in storage.iter_keys()} - before == {letter.storage_key}
