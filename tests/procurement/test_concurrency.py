"""Races on PostgreSQL with real threads: every party approving at once, signing against the last
approval, two people running the same stage, and references handed out at once."""

import pytest
from django.utils import timezone

from agreements import workflow as aw
from agreements.models import AgreementState, TransferAgreement
from portal import audit
from portal.workflow import Refused, perform
from procurement import exercise_workflow as ew
from procurement.models import ProcurementExercise
from tests import builders, components
from tests.challenges.test_concurrency import run_together

from .agreements_helpers import nhs_body, nhs_partner, proposed, to_approval
from .conftest import TODAY, open_plain

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgres_only():
    components.require("postgresql")  # row locks


@pytest.fixture
def many_parties(partners):
    """Trafford, its ICB, the trust and two more NHS bodies, each with its own approver."""
    agreement = proposed(partners)
    aw.add_party(agreement, partners.officer, nhs_body=partners.trust)
    approvers = {
        agreement.parties.get(authority=partners.authority).pk: partners.decider,
        agreement.parties.get(nhs_body=partners.icb).pk: partners.icb_partner,
        agreement.parties.get(nhs_body=partners.trust).pk: partners.trust_partner,
    }
    for ods, name in (("RT2", "Pennine Care NHS Foundation Trust"), ("RW6", "Northern Care")):
        body = nhs_body(name, ods, "foundation_trust")
        party = aw.add_party(agreement, partners.officer, nhs_body=body)
        approvers[party.pk] = nhs_partner(body)
    to_approval(partners, agreement)
    return agreement, approvers


def _approve(agreement_pk, party_pk, person):
    def job():
        agreement = TransferAgreement.objects.get(pk=agreement_pk)
        party = agreement.parties.get(pk=party_pk)
        return aw.approve(agreement, party, person, approval_reference=f"Decision {party_pk}")

    return job


def test_every_party_approving_at_once_is_recorded(many_parties, partners):
    agreement, approvers = many_parties
    results = run_together(*(_approve(agreement.pk, pk, who) for pk, who in approvers.items()))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert agreement.parties.filter(approved_at__isnull=True).count() == 0
    events = audit.events_for(agreement).filter(transition="approve")
    assert events.count() == len(approvers) == 5
    perform(
        "agreement",
        TransferAgreement.objects.get(pk=agreement.pk),
        "sign",
        partners.decider,
        signed_on=TODAY(),
    )
    assert TransferAgreement.objects.get(pk=agreement.pk).state == AgreementState.SIGNED
    checked, broken, _ = audit.verify_chain()
    assert broken is None


def test_signing_races_the_last_approval(many_parties, partners):
    agreement, approvers = many_parties
    *first, (last_pk, last_person) = approvers.items()
    for pk, who in first:
        _approve(agreement.pk, pk, who)()

    def sign():
        current = TransferAgreement.objects.get(pk=agreement.pk)
        return perform("agreement", current, "sign", partners.decider, signed_on=TODAY())

    results = run_together(sign, _approve(agreement.pk, last_pk, last_person))
    signed = TransferAgreement.objects.get(pk=agreement.pk)
    approved = agreement.parties.filter(approved_at__isnull=False).count()
    if isinstance(results[0], Refused):
        # The signing ran first and counted four approvals: nothing signed.
        assert signed.state == AgreementState.APPROVAL
        assert "has not approved" in str(results[0])
    else:
        # The signing waited for the approval's lock and counted it.
        assert signed.state == AgreementState.SIGNED
        assert approved == 5
    # Never signed with an approval missing.
    assert not (signed.state == AgreementState.SIGNED and approved < 5)


def test_one_party_approving_twice_at_once_counts_once(many_parties):
    agreement, approvers = many_parties
    pk, person = next(iter(approvers.items()))
    results = run_together(_approve(agreement.pk, pk, person), _approve(agreement.pk, pk, person))
    assert sum(isinstance(r, Refused) for r in results) == 1
    assert audit.events_for(agreement).filter(transition="approve").count() == 1


def test_two_decision_makers_cancel_and_confirm_at_once(world):
    exercise = open_plain(world)
    perform("exercise", exercise, "begin_market_engagement", world.officer, published_on=TODAY())

    def cancel(person):
        def job():
            current = ProcurementExercise.objects.get(pk=exercise.pk)
            return perform(
                "exercise",
                current,
                "cancel",
                person,
                published_on=TODAY(),
                reason="Budget withdrawn",
            )

        return job

    results = run_together(cancel(world.decider), cancel(world.other_decider))
    assert sum(isinstance(r, Refused) for r in results) == 1
    assert ProcurementExercise.objects.get(pk=exercise.pk).notices.filter(code="UK12").count() == 1
    assert audit.events_for(exercise).filter(transition="cancel").count() == 1


def test_references_are_unique_when_opened_at_once(world):
    officers = [builders.staff("officer", world.authority) for _ in range(5)]

    def opener(person):
        def job():
            return ew.open_exercise(
                person,
                service=world.service,
                title="Youth clubs",
                description="Clubs",
                contract_kind="works",
                regime="competitive",
                estimated_value=6_000_000,
            ).reference

        return job

    results = run_together(*(opener(p) for p in officers))
    year = timezone.localdate().year
    assert sorted(results) == [f"TRF-PR-{year}-{n:04d}" for n in range(1, 6)]
