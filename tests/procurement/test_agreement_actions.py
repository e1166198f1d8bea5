"""The agreement's writes that leave its state as it is run through the engine's `act` (issue
19): locked, checked by state, role and conditions, audited with the actor's own role, and told
through the subscription table. An audited write that goes around the engine is refused."""

import pytest

from agreements import workflow as aw
from agreements.models import AgreementState
from messaging import task_list
from messaging.models import EventRecord, Notification
from portal import audit
from portal.roles import DECISION_MAKER, NHS_PARTNER, OFFICER
from portal.workflow import Refused, act

from .agreements_helpers import approve_all, proposed, to_approval


def events(agreement, name):
    return list(
        audit.events_for(agreement).filter(transition=name).values_list("actor_role", flat=True)
    )


def test_an_audited_write_around_the_engine_is_refused(partners):
    agreement = proposed(partners)
    with pytest.raises(audit.EngineBypassed, match="procurement.transferagreement add_party"):
        audit.record(
            agreement,
            transition="add_party",
            from_state=agreement.state,
            to_state=agreement.state,
            actor=partners.officer,
            role=OFFICER,
        )


def test_adding_a_party_is_checked_audited_and_told(partners):
    agreement = proposed(partners)
    trust = partners.trust
    with pytest.raises(Refused) as refused:
        act("agreement", agreement, "add_party", partners.icb_partner, nhs_body=trust)
    assert refused.value.problems == ["Only officers of Trafford can do this"]
    with pytest.raises(Refused) as refused:
        act("agreement", agreement, "add_party", partners.officer)
    assert refused.value.problems == ["Select an authority or an NHS body"]

    party = aw.add_party(agreement, partners.officer, nhs_body=trust)
    assert party.nhs_body == trust
    assert events(agreement, "add_party")[-1] == OFFICER
    assert EventRecord.objects.filter(kind="agreement.add_party", subject_id=agreement.pk).exists()

    with pytest.raises(Refused) as refused:
        aw.add_party(agreement, partners.officer, nhs_body=trust)
    assert refused.value.problems == ["That body is already a party to this agreement"]


def test_a_write_in_the_wrong_state_is_refused_and_leaves_no_trace(partners):
    agreement = to_approval(partners, proposed(partners))
    before = audit.events_for(agreement).count()
    with pytest.raises(Refused) as refused:
        aw.update_terms(agreement, partners.officer, exit_plan="Staff return")
    assert refused.value.problems == [
        "You cannot change the terms now: this agreement is at the stage “Approval”"
    ]
    assert audit.events_for(agreement).count() == before


def test_an_approval_is_audited_in_the_approvers_role_and_tells_the_others(
    partners, django_capture_on_commit_callbacks
):
    agreement = to_approval(partners, proposed(partners))
    icb = agreement.parties.get(nhs_body=partners.icb)
    with django_capture_on_commit_callbacks(execute=True):
        aw.approve(agreement, icb, partners.icb_partner, approval_reference="ICB Board minute 41")
    assert events(agreement, "approve") == [NHS_PARTNER]
    event = EventRecord.objects.get(kind="agreement.approve", subject_id=agreement.pk)
    told = set(Notification.objects.filter(event=event).values_list("user__email", flat=True))
    assert {partners.officer.email, partners.decider.email} <= told
    assert partners.icb_partner.email not in told  # the approver is not told of their own act

    lead = agreement.parties.get(authority=partners.authority)
    aw.approve(agreement, lead, partners.decider, approval_reference="Key decision KD/26/14")
    assert events(agreement, "approve") == [NHS_PARTNER, DECISION_MAKER]


def test_when_every_party_has_approved_the_decision_maker_has_it_to_sign(partners):
    agreement = to_approval(partners, proposed(partners))
    titles = [s.title for s in task_list.sections_for(partners.decider) if hasattr(s, "title")]
    ready = next(
        s
        for s in task_list.sections_for(partners.decider)
        if getattr(s, "title", "") == "Agreements ready to sign"
    )
    assert "Agreements ready to sign" in titles and ready.count == 0
    approve_all(partners, agreement)
    assert agreement.state == AgreementState.APPROVAL
    ready = next(
        s
        for s in task_list.sections_for(partners.decider)
        if getattr(s, "title", "") == "Agreements ready to sign"
    )
    assert ready.count == 1 and ready.tasks[0].label.startswith(agreement.reference)


def test_only_the_local_authorities_of_reg_3_2_are_partners(partners):
    """SI 2000/617 reg 3(2): district, county and London borough councils and the Common Council
    are partners; a fire and rescue authority may neither propose an agreement nor join one."""
    from tests import builders

    fire = builders.authority("EPF", authority_type="FRA", fire_basis="reg3e", gss_code=None)
    fire_officer = builders.staff("officer", fire)
    with pytest.raises(Refused) as refused:
        aw.propose(
            fire_officer, lead_authority=fire, title="Home safety", agreement_type="pooled_fund"
        )
    assert refused.value.problems == [
        f"{fire.nice_name} cannot be a partner to a section 75 agreement: only a district, "
        "county or London borough council or the Common Council of the City of London can "
        "(SI 2000/617 reg 3(2))"
    ]
    agreement = proposed(partners)
    with pytest.raises(Refused) as refused:
        aw.add_party(agreement, partners.officer, authority=fire)
    assert refused.value.problems[0].endswith("(SI 2000/617 reg 3(2))")
    city = builders.authority("LND", authority_type="CC", nice_name="City of London")
    assert aw.add_party(agreement, partners.officer, authority=city).authority == city
