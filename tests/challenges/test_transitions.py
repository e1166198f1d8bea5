"""Every transition of the challenge machine, allowed and refused (wrong role, wrong state, and
each condition), each writing exactly one audit event."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from challenges import workflow
from challenges.models import Challenge, Outcome, Partner, State
from portal import audit
from portal.workflow import Refused, perform
from tests import builders

from .conftest import WELLBEING, advance, draft

pytestmark = pytest.mark.django_db(transaction=False)


def events(challenge):
    return list(audit.events_for(challenge).values_list("transition", flat=True))


def refused(challenge, name, person, **kwargs) -> list[str]:
    before = (challenge.state, len(events(challenge)))
    with pytest.raises(Refused) as caught:
        perform("challenge", challenge, name, person, **kwargs)
    fresh = Challenge.objects.get(pk=challenge.pk)
    assert (fresh.state, len(events(fresh))) == before
    return caught.value.problems


def test_submit_gives_reference_clock_and_one_event(
    world, challenge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        perform("challenge", challenge, "submit", world.provider)
    challenge.refresh_from_db()
    year = timezone.localdate().year
    assert challenge.state == State.SUBMITTED
    assert challenge.reference == f"TRF-CH-{year}-0001"
    window = world.service.windows[0]
    start = max(timezone.localdate(), window.closes_on)
    assert challenge.window_closes_on == window.closes_on
    assert challenge.decision_due == builders_due(start, world.authority)
    assert events(challenge) == ["submit"]
    # The body's acknowledgement, on its own (officers' emails: tests/events).
    (receipt,) = [m for m in mail.outbox if m.to == [world.provider.email]]
    assert challenge.reference in receipt.subject
    second = draft(world.service, world.organisation, world.provider)
    perform("challenge", second, "submit", world.provider)
    assert second.reference == f"TRF-CH-{year}-0002"


def builders_due(start, authority):
    from portal.working_days import add_period

    return add_period(start, authority.decision_period, authority.decision_period_unit)


def test_state_is_protected(challenge):
    with pytest.raises(AttributeError):
        challenge.state = State.ACCEPTED


def test_submit_refused_for_stranger_and_officer(world, challenge):
    assert refused(challenge, "submit", world.stranger) == [
        f"Only members of {world.organisation.name} can do this"
    ]
    refused(challenge, "submit", world.officer)


def test_submit_refused_outside_window(world, challenge):
    window = world.service.windows[0]
    window.opens_on = date.today() - timedelta(days=60)
    window.closes_on = date.today() - timedelta(days=30)
    window.save()
    challenge.service.__dict__.pop("windows", None)
    problems = refused(challenge, "submit", world.provider)
    assert any("not accepting challenges" in p for p in problems)


def test_submit_at_any_time_when_no_windows(world, challenge):
    world.service.own_windows.all().delete()
    challenge.service.__dict__.pop("windows", None)
    perform("challenge", challenge, "submit", world.provider)
    assert challenge.window_closes_on is None
    assert challenge.decision_due == builders_due(timezone.localdate(), world.authority)


def test_submit_refused_for_excluded_service(world):
    excluded = builders.service(
        world.authority, "Named person", excluded=True, excluded_reason="named_person_complex_needs"
    )
    challenge = draft(excluded, world.organisation, world.provider)
    problems = refused(challenge, "submit", world.provider)
    assert any("cannot be challenged" in p for p in problems)


def test_submit_refused_names_each_missing_part(world):
    challenge = draft(
        world.service,
        world.organisation,
        world.provider,
        financial_resources="",
        outcomes_user_needs=" ",
        has_partners=None,
    )
    problems = refused(challenge, "submit", world.provider)
    assert problems == [
        "Enter information about your organisation's financial resources",
        "Enter how you will meet the needs of the service's users",
        "Say whether you will work with consortium members or subcontractors, and give each "
        "one's financial resources and capability",
    ]


def test_partners_and_employee_engagement_are_required_when_they_apply(world):
    staff_group = builders.provider(
        "Day Services Staff Mutual", "employee_group", employer=world.authority, employee_count=9
    )[1]
    challenge = draft(world.service, staff_group, world.provider, has_partners=True)
    from portal.models import Membership

    Membership.objects.create(
        user=world.provider, organisation=staff_group, role="admin", approved=True
    )
    assert refused(challenge, "submit", world.provider) == [
        "Enter how you will engage other affected employees",
        "Say whether you will work with consortium members or subcontractors, and give each "
        "one's financial resources and capability",
    ]
    Partner.objects.create(
        challenge=challenge,
        name="Acme Catering Ltd",
        role="subcontractor",
        partner_type="commercial",
        financial_resources="Turnover £2m",
        capability="Runs 30 cafés",
    )
    challenge.employee_engagement = "Monthly staff meetings and a ballot."
    challenge.save()
    perform("challenge", challenge, "submit", world.provider)
    assert challenge.state == State.SUBMITTED


def test_assessment_and_clarification_round(world, challenge):
    advance(challenge, world, "submit")
    assert refused(challenge, "start_assessment", world.provider)
    advance(challenge, world, "start_assessment")
    assert challenge.assessing_officer == world.officer
    assert refused(challenge, "request_clarification", world.officer, question="  ") == [
        "Enter your question for the body"
    ]
    advance(challenge, world, "request_clarification")
    assert challenge.state == State.CLARIFICATION_REQUESTED
    assert refused(challenge, "answer_clarification", world.officer, answer="x")
    assert refused(challenge, "answer_clarification", world.provider, answer="")
    advance(challenge, world, "answer_clarification")
    assert challenge.state == State.UNDER_ASSESSMENT
    assert [m.from_authority for m in challenge.messages.all()] == [True, False]
    assert events(challenge) == [
        "submit",
        "start_assessment",
        "request_clarification",
        "answer_clarification",
    ]


def test_clarification_straight_from_submitted(world, challenge):
    advance(challenge, world, "submit", "request_clarification")
    assert challenge.assessing_officer == world.officer


def test_officer_of_another_authority_is_refused(world, challenge, manchester):
    advance(challenge, world, "submit")
    outsider = builders.staff("officer", manchester)
    assert refused(challenge, "start_assessment", outsider) == [
        "Only officers of the authorities that run this service can do this"
    ]


def test_accept_only_by_decision_maker_and_sends_letter(
    world, challenge, django_capture_on_commit_callbacks
):
    advance(challenge, world, "submit", "start_assessment")
    assert "decision maker" in refused(challenge, "accept", world.officer)[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        advance(challenge, world, "accept")
    challenge.refresh_from_db()
    assert challenge.state == State.ACCEPTED and challenge.outcome == Outcome.ACCEPTED
    assert challenge.decided_by == world.decider
    assert "we accept your expression of interest" in challenge.decision_letter
    (letter,) = [m for m in mail.outbox if m.to == [world.provider.email]]
    assert "Decision: we accept" in letter.body
    assert world.decider.email not in {m.to[0] for m in mail.outbox}  # not about their own act
    assert world.decider.get_full_name() not in challenge.decision_letter or not (
        world.decider.get_full_name()
    )


def test_reject_needs_grounds_reasons_and_wellbeing(world, challenge):
    """SI 2012/1647 Schedule and Localism Act 2011 s.84(8)(b); s.83(8): the area's well-being is
    considered "in considering an expression of interest", so a rejection records it too."""
    advance(challenge, world, "submit", "start_assessment")
    assert refused(challenge, "reject", world.decider, grounds=[], reasons="") == [
        "Select at least one statutory ground for rejection",
        "Enter the reasons for the decision",
        "Enter how you considered whether accepting the challenge would promote or improve the "
        "social, economic or environmental well-being of the area (Localism Act 2011 s.83(8))",
    ]
    assert refused(
        challenge, "reject", world.decider, grounds=["too_expensive"], reasons="x", wellbeing="W"
    ) == ["Select grounds from the statutory list only"]
    perform(
        "challenge",
        challenge,
        "reject",
        world.decider,
        grounds=["body_unsuitable", "frivolous_or_vexatious"],
        reasons="No safeguarding policy.",
        wellbeing="An unsafe service would harm the area's social well-being.",
    )
    assert challenge.wellbeing_consideration == (
        "An unsafe service would harm the area's social well-being."
    )
    assert challenge.state == State.REJECTED
    assert challenge.grounds == ["body_unsuitable", "frivolous_or_vexatious"]
    # SI 2012/1647 Schedule paragraph 9, in its words (the authority's view kept).
    assert (
        "The relevant authority considers that the expression of interest is frivolous or "
        "vexatious" in challenge.decision_letter
    )


def test_separate_decision_maker_rule(world, challenge):
    challenge.authority.separate_decision_maker = True
    challenge.authority.save()
    from portal.models import RoleAssignment

    RoleAssignment.objects.create(user=world.decider, role="officer", authority=world.authority)
    advance(challenge, world, "submit")
    perform("challenge", challenge, "start_assessment", world.decider)
    problems = refused(challenge, "accept", world.decider, wellbeing=WELLBEING)
    assert "does not decide it" in problems[0]
    perform("challenge", challenge, "accept", world.other_decider, wellbeing=WELLBEING)
    assert challenge.state == State.ACCEPTED


def test_modification_agreed_and_declined(world, challenge):
    advance(challenge, world, "submit", "start_assessment")
    assert refused(
        challenge,
        "propose_modification",
        world.officer,
        terms="x",
        grounds=["non_compliant"],
        reasons="y",
    )
    assert refused(
        challenge, "propose_modification", world.decider, terms="", grounds=[], reasons=""
    ) == [
        "Enter the modification you propose",
        "Select at least one statutory ground for rejection",
        "Enter the reasons for the decision",
        "Enter how you considered whether accepting the challenge would promote or improve the "
        "social, economic or environmental well-being of the area (Localism Act 2011 s.83(8))",
    ]
    advance(challenge, world, "propose_modification")
    assert challenge.state == State.MODIFICATION_PROPOSED
    assert refused(challenge, "agree_modification", world.decider)
    advance(challenge, world, "agree_modification")
    assert challenge.state == State.ACCEPTED and challenge.outcome == Outcome.MODIFIED
    assert challenge.body_agreed_at is not None
    assert "Cover Partington only." in challenge.decision_letter

    other = draft(world.service, world.organisation, world.provider)
    advance(
        other, world, "submit", "start_assessment", "propose_modification", "decline_modification"
    )
    assert other.state == State.REJECTED and other.outcome == Outcome.REJECTED
    assert other.grounds == ["info_inadequate_or_inaccurate"]


def test_withdraw_before_decision_only(world, challenge):
    advance(challenge, world, "submit", "start_assessment")
    assert refused(challenge, "withdraw", world.officer)
    advance(challenge, world, "withdraw")
    assert challenge.state == State.WITHDRAWN
    decided = draft(world.service, world.organisation, world.provider)
    advance(decided, world, "submit", "start_assessment", "accept")
    assert "you cannot withdraw" in refused(decided, "withdraw", world.provider)[0]


def test_wrong_state_is_refused(world, challenge):
    assert "is draft" in refused(challenge, "accept", world.decider)[0]
    assert refused(
        challenge,
        "start_procurement",
        world.officer,
        started_on=date.today(),
        procurement_reference="x",
    )
    with pytest.raises(TransitionNotAllowed):
        challenge.accept(user=world.decider)


def test_procurement_not_before_minimum_period_then_close(world, challenge):
    advance(challenge, world, "submit", "start_assessment", "accept")
    earliest = challenge.earliest_procurement_start()
    assert earliest > timezone.localdate()
    problems = refused(
        challenge,
        "start_procurement",
        world.officer,
        started_on=timezone.localdate(),
        procurement_reference="FTS-001",
    )
    assert "Procurement cannot start before" in problems[0]
    # The acceptance happened long enough ago: move the decision back past the minimum period.
    Challenge.objects.filter(pk=challenge.pk).update(
        decided_at=timezone.now() - timedelta(days=200)
    )
    challenge.refresh_from_db()
    assert refused(
        challenge,
        "start_procurement",
        world.provider,
        started_on=timezone.localdate(),
        procurement_reference="FTS-001",
    )
    perform(
        "challenge",
        challenge,
        "start_procurement",
        world.officer,
        started_on=timezone.localdate(),
        procurement_reference="FTS-001",
    )
    assert challenge.state == State.PROCUREMENT_STARTED
    assert refused(challenge, "close", world.officer, result="") == [
        "Select the outcome of the procurement"
    ]
    perform("challenge", challenge, "close", world.officer, result="challenger_won")
    assert challenge.state == State.CLOSED
    assert events(challenge)[-2:] == ["start_procurement", "close"]


def test_joint_challenge_needs_each_partner_authority(world, manchester):
    joint = builders.service(manchester, "Shared youth justice support")
    joint.partner_authorities.set([world.authority])
    joint.save_revision().publish()
    manchester_officer = builders.staff("officer", manchester)
    manchester_decider = builders.staff("decision_maker", manchester)
    challenge = draft(joint, world.organisation, world.provider)
    perform("challenge", challenge, "submit", world.provider)
    # Officers of each authority see it.
    assert Challenge.objects.for_officer(world.officer).filter(pk=challenge.pk).exists()
    assert Challenge.objects.for_officer(manchester_officer).filter(pk=challenge.pk).exists()
    perform("challenge", challenge, "start_assessment", manchester_officer)
    # Only the lead authority decides; the partner must have agreed first.
    assert refused(challenge, "accept", world.decider)
    assert refused(challenge, "accept", manchester_decider, wellbeing=WELLBEING) == [
        "Trafford has not recorded its agreement to accept this joint challenge"
    ]
    with pytest.raises(Refused):
        workflow.record_agreement(challenge, manchester_officer, Outcome.ACCEPTED)
    workflow.record_agreement(challenge, world.decider, Outcome.ACCEPTED)
    perform("challenge", challenge, "accept", manchester_decider, wellbeing=WELLBEING)
    assert challenge.state == State.ACCEPTED
    assert events(challenge) == ["submit", "start_assessment", "record_agreement", "accept"]
    assert "run jointly by Manchester and Trafford" in challenge.decision_letter


def test_members_of_a_body_get_their_own_emails_with_no_one_elses_details(
    world, challenge, django_capture_on_commit_callbacks
):
    from portal.models import Membership

    colleague = builders.user(first_name="Sam", last_name="Colleague")
    Membership.objects.create(
        user=colleague, organisation=world.organisation, role=Membership.MEMBER, approved=True
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        advance(challenge, world, "submit", "start_assessment", "request_clarification")
    with django_capture_on_commit_callbacks(execute=True):
        advance(challenge, world, "answer_clarification")
    with django_capture_on_commit_callbacks(execute=True):
        advance(challenge, world, "reject")
    body = [m for m in mail.outbox if m.to in ([world.provider.email], [colleague.email])]
    subjects = {m.subject.split(" ")[0] for m in body}
    # Receipt, assessment started, question and letter to each member on their own; the
    # colleague is also told of the answer the provider gave (not the provider: their own act).
    assert subjects == {"We", "The", world.authority.nice_name, "A", "Decision"}
    assert len(body) == 9
    for message in body:
        assert message.to in ([world.provider.email], [colleague.email]) and not message.cc
        text = message.message().as_string()  # headers and every part
        other = colleague.email if message.to == [world.provider.email] else world.provider.email
        for detail in (other, world.officer.email, world.decider.email):
            assert detail not in text
        # the question goes to the body's members, with the question asked (issue 19)
        asks = message.subject.startswith(world.authority.nice_name)
        assert ("How many staff would transfer?" in message.body) is asks
        for person in (world.officer, world.decider):
            assert not person.get_full_name() or person.get_full_name() not in text
