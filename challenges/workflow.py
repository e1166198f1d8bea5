"""The challenge machine, declared against the portal's workflow engine (portal.workflow): who
may act, the conditions (one function per rule, citing it), and what each transition stores,
audits and queues. Views, the demo and tests run it with
`portal.workflow.perform("challenge", challenge, name, user, **kwargs)`; nothing writes a state
directly. `record_agreement` (not a change of state) is here too.
"""

from django.utils import timezone

from documents import stored as documents
from portal import law, permissions
from portal.models import ReferenceCounter
from portal.roles import BODY_MEMBER, DECISION_MAKER, OFFICER
from portal.workflow import Action, Machine, Refused, Step, Transition, act, register

from . import eligibility, evidence, sign_off
from .models import (
    AWAITING_DECISION,
    Challenge,
    Outcome,
    PartnerAgreement,
    State,
    is_body_member,
    is_case_officer,
)

REFERENCE_KIND = "CH"  # <code>-CH-<year>-<4 digits>

# --- conditions: one function per rule, each returning the problems that stop the transition ----


def service_open_for_challenges(step: Step) -> list[str]:
    """SI 2012/1313 reg 4, Schedule 2 (excluded services cannot be challenged) and Localism Act
    2011 s.82 (an authority may refuse challenges outside the windows it published)."""
    challenge = step.obj
    service = challenge.service
    if not challenge.authority.is_relevant_authority:
        return []  # challenged_authority_is_relevant says why
    if service.excluded:
        return [
            f"{service.title} cannot be challenged: "
            f"{service.excluded_reason_label.lower()} (SI 2012/1313 Schedule 2)"
        ]
    if not service.accepting_challenges(timezone.localdate()):
        return [
            f"{challenge.authority.nice_name} is not accepting challenges to {service.title} now: "
            "submit during one of its published windows (Localism Act 2011 s.82)"
        ]
    return []


def relevant_authority_problems(authority) -> list[str]:
    """Localism Act 2011 s.81(2) and SI 2012/1647 reg 3: only a relevant authority must consider
    a challenge (law.not_relevant_reason says why one is not)."""
    reason = authority.not_relevant_reason
    if reason:
        return [f"{authority.nice_name} cannot be challenged. {reason}."]
    return []


def challenged_authority_is_relevant(step: Step) -> list[str]:
    """Localism Act 2011 s.81(2) and SI 2012/1647 reg 3: the authority challenged is a relevant
    authority (the City of London Corporation and the Council of the Isles of Scilly are not)."""
    return relevant_authority_problems(step.obj.authority)


def relevant_body_problems(organisation) -> list[str]:
    if organisation.body_type in dict(law.BODY_TYPES):
        return []
    return [
        f"{organisation.name} is registered as {organisation.body_type_label.lower()}: only a "
        "voluntary or community body, a charitable trust, a parish council or two or more of the "
        "authority's employees can challenge (Localism Act 2011 s.81(6)). It can make an "
        "innovation offer instead."
    ]


def body_is_relevant(step: Step) -> list[str]:
    """Localism Act 2011 s.81(6): only a relevant body may express interest (the organisations
    of law.OTHER_ORGANISATION_TYPES may register, and make innovation offers, but not challenge)."""
    return relevant_body_problems(step.obj.organisation)


def employee_group_problems(organisation, authority) -> list[str]:
    """Localism Act 2011 s.81(6)(d): a group of employees is a relevant body only "in relation to
    a relevant authority, two or more employees of that authority"."""
    if organisation.body_type != "employee_group":
        return []
    if organisation.employer_id is None:
        return [
            f"{organisation.name} has not said which authority employs its members. A group of "
            "employees can challenge only its own employer (Localism Act 2011 s.81(6)(d))."
        ]
    if organisation.employer_id != authority.pk:
        return [
            f"{organisation.name} is a group of employees of {organisation.employer.nice_name}, so "
            f"it cannot challenge {authority.nice_name}. A group of employees can challenge only "
            "the authority that employs its members (Localism Act 2011 s.81(6)(d))."
        ]
    if (organisation.employee_count or 0) < law.EMPLOYEE_GROUP_MIN_MEMBERS:
        return [
            f"{organisation.name} must record that it has two or more employees of "
            f"{authority.nice_name} as members (Localism Act 2011 s.81(6)(d))."
        ]
    return []


def employees_challenge_their_employer(step: Step) -> list[str]:
    """Localism Act 2011 s.81(6)(d): a group of two or more employees challenges only the
    authority that employs them."""
    challenge = step.obj
    return employee_group_problems(challenge.organisation, challenge.authority)


def expression_of_interest_complete(step: Step) -> list[str]:
    """Localism Act 2011 s.81(1)(b) and SI 2012/1313 reg 3, Schedule 1: what an expression of
    interest must contain (DOMAIN.md §1, "What an expression of interest must contain")."""
    section_labels = dict(SECTION_PROBLEMS)
    return [
        section_labels[slug] for slug, done in step.obj.contents_status().items() if done is False
    ]


def submission_problems(challenge: Challenge) -> list[str]:
    """Everything that stops a draft being submitted now (for the check-answers page)."""
    step = Step(MACHINE, MACHINE.transition("submit"), challenge, None, {}, challenge.state)
    return (
        challenged_authority_is_relevant(step)
        + body_is_relevant(step)
        + employees_challenge_their_employer(step)
        + service_open_for_challenges(step)
        + expression_of_interest_complete(step)
    )


SECTION_PROBLEMS = [
    ("financial_resources", "Enter information about your organisation's financial resources"),
    ("capability_evidence", "Enter evidence that you will be capable of providing the service"),
    ("service_and_area", "Enter the geographical area your proposal covers"),
    (
        "outcomes_wellbeing",
        "Enter the outcomes you will achieve for the area's social, economic or environmental "
        "well-being",
    ),
    ("outcomes_user_needs", "Enter how you will meet the needs of the service's users"),
    ("employee_engagement", "Enter how you will engage other affected employees"),
    (
        "consortium_members",
        "Say whether you will work with consortium members or subcontractors, and give each "
        "one's financial resources and capability",
    ),
]


def question_given(step: Step) -> list[str]:
    """DESIGN.md "Statutory workflows" (submitted/under_assessment -> clarification_requested):
    a request for clarification states its question."""
    return (
        [] if (step.kwargs.get("question") or "").strip() else ["Enter your question for the body"]
    )


def answer_given(step: Step) -> list[str]:
    """DESIGN.md "Statutory workflows" (clarification_requested -> under_assessment): the body
    answers the question asked."""
    return [] if (step.kwargs.get("answer") or "").strip() else ["Enter your answer"]


def decision_grounds_problems(grounds, reasons) -> list[str]:
    problems = []
    valid = {slug for slug, _ in law.REJECTION_GROUNDS}
    if not grounds:
        problems.append("Select at least one statutory ground for rejection")
    elif not set(grounds) <= valid:
        problems.append("Select grounds from the statutory list only")
    if not (reasons or "").strip():
        problems.append("Enter the reasons for the decision")
    return problems


def statutory_grounds_and_reasons(step: Step) -> list[str]:
    """SI 2012/1647 reg 4 and Schedule (the grounds, law.REJECTION_GROUNDS) and Localism Act 2011
    s.83(11), s.84(2)(a) and s.84(8)(b): a rejection, or a modification (made only where the
    challenge would not otherwise be capable of acceptance), cites at least one statutory ground
    and gives written reasons."""
    return decision_grounds_problems(step.kwargs.get("grounds"), step.kwargs.get("reasons"))


def nhs_ground_problems(service, grounds, confirmed) -> list[str]:
    """SI 2012/1647 Schedule paragraph 5 fits only a service whose users also receive an
    integrated NHS service: where the service's record says they do not, the decision maker
    confirms the ground knowingly."""
    if law.NHS_INTEGRATION_GROUND not in (grounds or []) or service.nhs_integrated or confirmed:
        return []
    return [
        f"The record of {service.title} says its users do not also receive an integrated NHS "
        "service, and ground 5 (SI 2012/1647 Schedule paragraph 5) applies only where they do. "
        "Check the service record, or confirm that the ground applies."
    ]


def nhs_ground_fits_service_record(step: Step) -> list[str]:
    """SI 2012/1647 Schedule paragraph 5 (the NHS integration ground): not recorded against the
    service's own record (no integrated NHS service) unless the decision maker confirms it."""
    return nhs_ground_problems(
        step.obj.service, step.kwargs.get("grounds"), step.kwargs.get("nhs_ground_confirmed")
    )


def wellbeing_considered(step: Step) -> list[str]:
    """Localism Act 2011 s.83(8): "in considering an expression of interest" the authority must
    consider whether accepting it would promote or improve the social, economic or environmental
    well-being of its area: every decision records how it did, a rejection as much as an
    acceptance or a modification (and so does the officer's recommendation)."""
    if (step.kwargs.get("wellbeing") or "").strip():
        return []
    return [
        "Enter how you considered whether accepting the challenge would promote or improve the "
        "social, economic or environmental well-being of the area "
        f"({law.cite_act('wellbeing_in_decision')})"
    ]


def modification_terms_given(step: Step) -> list[str]:
    """Localism Act 2011 s.84(1), (2)(b): the body must be able to agree to the modification, so
    it is stated."""
    if not (step.kwargs.get("terms") or "").strip():
        return ["Enter the modification you propose"]
    return []


def separation_of_duties(step: Step) -> list[str]:
    """DESIGN.md "Who uses it" (decision makers are named officers) and the authority's own
    setting `separate_decision_maker`: then the assessing officer does not decide."""
    challenge, user = step.obj, step.user
    if challenge.authority.separate_decision_maker and challenge.assessing_officer_id == user.pk:
        return [
            f"{challenge.authority.nice_name} requires that the officer who assessed a challenge "
            "does not decide it: ask another decision maker"
        ]
    return []


def _partners_agree(challenge: Challenge, outcome: str) -> list[str]:
    problems = []
    agreed = {a.authority_id: a.outcome for a in challenge.agreements.all()}
    for partner in challenge.partner_authorities:
        if agreed.get(partner.pk) != outcome:
            problems.append(
                f"{partner.nice_name} has not recorded its agreement to "
                f"{'accept' if outcome != Outcome.REJECTED else 'reject'} this joint challenge"
            )
    return problems


def partners_agree_to_accept(step: Step) -> list[str]:
    """Localism Act 2011 s.83 read with DESIGN.md "Who uses it" (a case may be joint): every
    authority of a joint service agrees to the decision, here to accept."""
    return _partners_agree(step.obj, Outcome.ACCEPTED)


def partners_agree_to_reject(step: Step) -> list[str]:
    """Localism Act 2011 s.83 read with DESIGN.md "Who uses it" (a case may be joint): every
    authority of a joint service agrees to reject."""
    return _partners_agree(step.obj, Outcome.REJECTED)


def partners_agree_to_modify(step: Step) -> list[str]:
    """Localism Act 2011 s.83 read with DESIGN.md "Who uses it" (a case may be joint): every
    authority of a joint service agrees to the modification."""
    return _partners_agree(step.obj, Outcome.MODIFIED)


def modification_on_the_table(step: Step) -> list[str]:
    """Localism Act 2011 s.84(2)(b): a modification needs the body's agreement, so one must have
    been proposed."""
    return [] if step.obj.modification_terms else ["There is no modification to agree to"]


def procurement_start_date(step: Step) -> list[str]:
    """Localism Act 2011 s.83(4)(a), (7): the procurement exercise does not start before the
    minimum period the authority published after the acceptance (nor in the future). Without a
    published period there is nothing to count from, and none is assumed: it is published first.
    A start after the published maximum (s.83(4)(b)) is recorded, late, as it happened: the
    audit event and the case say so (procurement_changes)."""
    challenge = step.obj
    started = step.kwargs.get("started_on")
    authority, periods = challenge.authority, challenge.procurement_periods()
    if not started:
        return ["Enter the date the procurement exercise started"]
    if periods is None or not periods.procurement_min_period_published:
        return [
            f"{authority.nice_name} has not published its minimum period between accepting a "
            "challenge and starting the procurement exercise. It must publish it before the "
            f"exercise starts ({law.cite_act('procurement_min_period')})."
        ]
    earliest = challenge.earliest_procurement_start()
    if started < earliest:
        return [
            f"Procurement cannot start before {earliest:%-d %B %Y}: "
            f"{authority.nice_name} published a minimum period of "
            f"{periods.procurement_min_period_text} after acceptance "
            f"({law.cite_act('procurement_min_period')})"
        ]
    if started > timezone.localdate():
        return ["The start date cannot be in the future"]
    return []


def procurement_reference_given(step: Step) -> list[str]:
    """DESIGN.md "Statutory workflows" (accepted -> procurement_started links a
    ProcurementExercise): the exercise that follows the acceptance is named."""
    if not (step.kwargs.get("procurement_reference") or "").strip():
        return ["Enter the procurement exercise's reference"]
    return []


def procurement_result_given(step: Step) -> list[str]:
    """DESIGN.md "Statutory workflows" (-> closed, outcome of that procurement recorded)."""
    return [] if step.kwargs.get("result") else ["Select the outcome of the procurement"]


def body_eligibility_confirmed(step: Step) -> list[str]:
    """Localism Act 2011 s.81(6): the body is a relevant body, checked against a register (or
    confirmed by an officer, by its employer for a group of employees) before its challenge is
    assessed (challenges.eligibility)."""
    organisation = step.obj.organisation
    if eligibility.is_confirmed(organisation):
        return []
    return [
        f"{eligibility.NOT_CONFIRMED_TEXT} for {organisation.name}: confirm that it may "
        "challenge (Localism Act 2011 s.81(6)) before starting the assessment"
    ]


def eligibility_reason_given(step: Step) -> list[str]:
    """Localism Act 2011 s.81(6), confirmed by hand (challenges.eligibility): the officer says
    why the body is a relevant body, for the audit trail."""
    if (step.kwargs.get("reason") or "").strip():
        return []
    return ["Enter why you are satisfied that the body may challenge"]


def employer_confirms_employees(step: Step) -> list[str]:
    """Localism Act 2011 s.81(6)(d): a group of employees is confirmed by its employer, the
    authority whose employees its members are."""
    organisation = step.obj.organisation
    if organisation.body_type != "employee_group":
        return []
    if organisation.employer_id and permissions.is_officer(step.user, organisation.employer_id):
        return []
    employer = organisation.employer.nice_name if organisation.employer_id else "its employer"
    return [f"Only an officer of {employer} can confirm that the group's members are employees"]


# --- effects ------------------------------------------------------------------------------------


def open_window(step: Step) -> dict:
    """The window the challenge is submitted in, for the model's submit()."""
    return {"window": step.obj.service.open_window()}


def hand_out_reference(step: Step) -> None:
    challenge = step.obj
    year = timezone.localdate(challenge.received_at).year
    challenge.reference = ReferenceCounter.next_reference(challenge.authority, REFERENCE_KIND, year)


def store_decision_letter(step: Step) -> dict:
    """The decision letter as a PDF, in the transition's transaction (removed on rollback)."""
    try:
        letter = evidence.store_decision_letter(step.obj)
    except documents.StorageUnavailable:
        raise Refused([evidence.LETTER_UNAVAILABLE]) from None
    step.stored["letter"] = letter
    return {"decision_letter": letter.audit_summary()}


def store_attachments(step: Step) -> dict:
    """Uploads that go with a clarification or its answer, filed with its message."""
    challenge = step.obj
    try:
        stored = [
            evidence.store(
                upload,
                challenge,
                evidence.REPLY,
                step.user,
                getattr(challenge, "last_message", None),
            )
            for upload in step.attachments
        ]
    except documents.StorageUnavailable as exc:
        raise Refused([exc.message]) from None
    return {"documents": [d.audit_summary() for d in stored]} if stored else {}


def submission_changes(step: Step) -> dict:
    challenge = step.obj
    return {
        "reference": challenge.reference,
        "received_at": challenge.received_at.isoformat(),
        "decision_due": challenge.decision_due.isoformat() if challenge.decision_due else None,
    }


def check_body_eligibility(step: Step) -> dict:
    """On submission: the body checked against the registers (challenges.eligibility)."""
    return eligibility.record_check(step.obj.organisation)


def write_eligibility_check(step: Step):
    step.changes.update(eligibility.record_check(step.obj.organisation))
    return eligibility.of(step.obj.organisation)


def write_eligibility_confirmation(step: Step):
    organisation = step.obj.organisation
    basis = (
        eligibility.EMPLOYER
        if organisation.body_type == "employee_group"
        else (eligibility.OFFICER)
    )
    step.changes.update(
        eligibility.confirm(organisation, step.user, step.kwargs["reason"].strip(), basis)
    )
    return eligibility.of(organisation)


def decision_changes(step: Step) -> dict:
    return {"outcome": step.obj.outcome, "grounds": list(step.obj.grounds)}


def procurement_changes(step: Step) -> dict:
    challenge = step.obj
    changes = {
        "procurement_reference": challenge.procurement_reference,
        "started_on": challenge.procurement_started_on.isoformat(),
    }
    if challenge.procurement_due_by:
        changes["due_by"] = challenge.procurement_due_by.isoformat()
        changes["started_late"] = challenge.procurement_started_on > challenge.procurement_due_by
    return changes


# --- s.84(6)-(7): when to expect the decision -------------------------------------------------


def expected_decision_period_given(step: Step) -> list[str]:
    """Localism Act 2011 s.84(6): the notice states the period within which the authority expects
    to notify its decision."""
    if (step.kwargs.get("period") or "").strip():
        return []
    return [
        "Enter the period within which you expect to notify the body of the decision "
        f"({law.cite_act('expected_decision_notice')})"
    ]


def write_expected_decision_notice(step: Step):
    """The notice given in writing (the body's email, challenge.notify_expected_decision), with
    the day it was given: s.84(7) counts it against its 30 days."""
    challenge = step.obj
    challenge.expected_decision_notified_on = timezone.localdate()
    challenge.expected_decision_notice = step.kwargs["period"].strip()
    challenge.save(update_fields=["expected_decision_notified_on", "expected_decision_notice"])
    due = challenge.expected_decision_notice_due
    step.changes.update(
        period=challenge.expected_decision_notice,
        due=due.isoformat() if due else None,
        late=bool(due and challenge.expected_decision_notified_on > due),
    )
    return challenge


# --- s.84(10)-(11): withdrawal after the decision ---------------------------------------------


def not_withdrawn_already(step: Step) -> list[str]:
    """Localism Act 2011 s.84(10): a challenge is withdrawn once."""
    return ["This challenge has already been withdrawn"] if step.obj.withdrawn_at else []


def write_withdrawal_after_decision(step: Step):
    """Localism Act 2011 s.84(10): the body may withdraw "whether before or after a decision has
    been made"; s.84(11): the withdrawal does not stop the authority going ahead with the
    procurement exercise, so an accepted challenge keeps its state and its published decision,
    and is marked withdrawn."""
    challenge = step.obj
    challenge.withdrawn_at = timezone.now()
    challenge.withdrawal_reason = (step.kwargs.get("reason") or "").strip()
    challenge.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    step.changes.update(after_decision=True, state=challenge.state)
    return challenge


def result_changes(step: Step) -> dict:
    return {"result": step.obj.procurement_result}


def queue_search_update(step: Step) -> None:
    """Queue the decision's search entry in this transaction: the outbox row commits with the
    transition (and is applied after the commit) or rolls back with it."""
    try:
        from search.indexing import queue_update
    except ImportError:  # the portal runs without the search app
        return
    queue_update(step.obj)


# --- the machine --------------------------------------------------------------------------------

DECIDING = (store_decision_letter,)
# Who may sign a decision, and on what (challenges.sign_off).
SIGNING = (
    sign_off.recommendation_where_scheme_requires,
    sign_off.signer_may_sign,
    sign_off.departure_explained,
)
ELIGIBILITY_STATES = (
    State.SUBMITTED,
    State.UNDER_ASSESSMENT,
    State.CLARIFICATION_REQUESTED,
    State.RECOMMENDED,
)

# Plain words for the public timeline and the body's own case page (never state names).
PUBLIC_EVENTS = {
    "submit": "Challenge submitted to the council",
    "start_assessment": "The council started assessing the challenge",
    "recommend": "An officer recommended a decision",
    "refer_back": "The recommendation was referred back to the officer",
    "check_eligibility": "The council checked the body against the registers",
    "confirm_eligibility": "The council confirmed that the body may challenge",
    "request_clarification": "The council asked the body a question",
    "answer_clarification": "The body answered the council's question",
    "propose_modification": "The council proposed a change to the challenge",
    "agree_modification": "The body agreed to the change, and the challenge was accepted",
    "decline_modification": "The body did not agree to the change, so the challenge was rejected",
    "accept": "The council accepted the challenge",
    "reject": "The council rejected the challenge",
    "withdraw": "The body withdrew the challenge",
    "withdraw_after_decision": (
        "The body withdrew the challenge after the decision; the council may still run the "
        "procurement exercise"
    ),
    "notify_expected_decision": "The council told the body when to expect its decision",
    "start_procurement": "The council started a procurement exercise for the service",
    "close": "The result of the procurement exercise was recorded",
    "record_agreement": "A partner council agreed to the proposed decision",
    "document_added": "A document was added",
    "document_removed": "A document was removed",
}
PUBLIC_STATES = {
    State.DRAFT: "Being written by the body",
    State.SUBMITTED: "Waiting for the council to start its assessment",
    State.UNDER_ASSESSMENT: "Being assessed by the council",
    State.RECOMMENDED: "An officer's recommendation is waiting for the council's decision",
    State.CLARIFICATION_REQUESTED: "Waiting for the body to answer the council's question",
    State.MODIFICATION_PROPOSED: "Waiting for the body to agree to a change, or not",
    State.ACCEPTED: "Accepted",
    State.REJECTED: "Rejected",
    State.WITHDRAWN: "Withdrawn by the body",
    State.PROCUREMENT_STARTED: "A procurement exercise is under way",
    State.CLOSED: "Closed: the procurement exercise has finished",
}


def record_agreement(challenge: Challenge, user, outcome: str, authority=None) -> PartnerAgreement:
    """A partner authority's decision maker agrees to the proposed decision on a joint challenge.

    Not a change of state: the machine's "record_agreement" action (portal.workflow.act).
    `authority` says which partner the user speaks for when they could speak for several.
    """
    return act(
        "challenge", challenge, "record_agreement", user, outcome=outcome, authority=authority
    )


def _speaks_for(step: Step):
    """The partner authority this decision maker records the agreement of, or None."""
    challenge, authority = step.obj, step.kwargs.get("authority")
    partner_ids = challenge.partner_ids
    if authority is not None:
        partner_ids = [a for a in partner_ids if a == getattr(authority, "pk", authority)]
    return next((a for a in partner_ids if permissions.is_decision_maker(step.user, a)), None)


def partner_decision_maker(step: Step) -> list[str]:
    """Localism Act 2011 s.81(1) and DOMAIN.md (joint challenges): each relevant authority that
    runs the service jointly agrees to the decision, by its own decision makers."""
    if _speaks_for(step) is None:
        return ["Only a decision maker of a partner authority can record its agreement"]
    return []


def agreed_outcome_chosen(step: Step) -> list[str]:
    """Localism Act 2011 s.83(1): the decision is to accept or reject (with modifications
    where s.84(1)-(2) allow), so the partner agrees to one of those outcomes."""
    return (
        []
        if step.kwargs.get("outcome") in Outcome.values
        else ["Select the decision your authority agrees to"]
    )


def write_partner_agreement(step: Step) -> PartnerAgreement:
    agreement, _ = PartnerAgreement.objects.update_or_create(
        challenge=step.obj,
        authority_id=_speaks_for(step),
        defaults={"outcome": step.kwargs["outcome"], "recorded_by": step.user},
    )
    step.kwargs["reason"] = (
        f"{agreement.authority.nice_name} agrees: {agreement.get_outcome_display()}"
    )
    step.changes.update(authority=agreement.authority.code, outcome=step.kwargs["outcome"])
    return agreement


def write_section(step: Step):
    """A section of the draft saved from its form, with its evidence when one is uploaded."""
    form, challenge = step.kwargs["form"], step.obj
    form.save()
    step.changes.update(section=step.kwargs["section"], fields=sorted(form.changed_data))
    upload = step.kwargs.get("upload")
    if upload:
        evidence.add_to_draft(upload, challenge, step.kwargs["kind"], step.user)
    return challenge


MACHINE = register(
    Machine(
        name="challenge",
        public_events=PUBLIC_EVENTS,
        public_states=PUBLIC_STATES,
        noun="challenge",
        title="Challenge",
        model=Challenge,
        states=State,
        final=(State.REJECTED, State.WITHDRAWN, State.CLOSED),
        concurrent_message=(
            "Someone else changed this {noun} while you were working on it: it is now {state}. "
            "Nothing you entered was saved; check the case before doing anything more."
        ),
        role_problems={
            BODY_MEMBER: lambda c: f"Only members of {c.organisation.name} can do this",
            OFFICER: lambda c: "Only officers of the authorities that run this service can do this",
            DECISION_MAKER: lambda c: (
                f"Only a decision maker of {c.authority.nice_name} can decide this challenge"
            ),
        },
        role_legend={
            BODY_MEMBER: "the body",
            OFFICER: "officers",
            DECISION_MAKER: "decision makers",
        },
        actions=[
            Action(
                "check_eligibility",
                "Check the registers again",
                write_eligibility_check,
                states=ELIGIBILITY_STATES,
                permission=is_case_officer,
            ),
            Action(
                "confirm_eligibility",
                "Confirm that the body may challenge",
                write_eligibility_confirmation,
                states=ELIGIBILITY_STATES,
                permission=is_case_officer,
                conditions=(eligibility_reason_given, employer_confirms_employees),
            ),
            Action(
                "section_edited",
                "Save a section of the challenge",
                write_section,
                states=(State.DRAFT,),
                permission=is_body_member,
            ),
            Action(
                "document_added",
                "Add a document",
                evidence.write_added,
                states=(State.DRAFT,),
                permission=is_body_member,
            ),
            Action(
                "document_removed",
                "Remove a document",
                evidence.write_removed,
                states=(State.DRAFT,),
                permission=is_body_member,
            ),
            Action(
                "notify_expected_decision",
                "Tell the body when to expect the decision",
                write_expected_decision_notice,
                states=tuple(AWAITING_DECISION),
                permission=is_case_officer,
                conditions=(expected_decision_period_given,),
            ),
            Action(
                "withdraw_after_decision",
                "Withdraw the challenge",
                write_withdrawal_after_decision,
                states=(State.ACCEPTED, State.PROCUREMENT_STARTED),
                permission=is_body_member,
                conditions=(not_withdrawn_already,),
            ),
            Action(
                "record_agreement",
                "Record your authority's agreement",
                write_partner_agreement,
                states=(State.SUBMITTED, State.UNDER_ASSESSMENT),
                role=DECISION_MAKER,
                conditions=(partner_decision_maker, agreed_outcome_chosen),
            ),
        ],
        transitions=[
            Transition(
                "submit",
                "Submit the challenge",
                conditions=(
                    challenged_authority_is_relevant,
                    body_is_relevant,
                    employees_challenge_their_employer,
                    service_open_for_challenges,
                    expression_of_interest_complete,
                ),
                prepare=(open_window,),
                before_save=(hand_out_reference,),
                after_save=(check_body_eligibility,),
                changes=(submission_changes,),
            ),
            Transition(
                "start_assessment",
                "Start the assessment",
                conditions=(body_eligibility_confirmed,),
            ),
            Transition(
                "recommend",
                "Make a recommendation",
                conditions=(
                    sign_off.report_given,
                    sign_off.every_ground_considered,
                    wellbeing_considered,
                    sign_off.recommended_outcome_fits_grounds,
                    sign_off.decision_route_named,
                ),
                after_save=(sign_off.write_recommendation,),
            ),
            Transition(
                "refer_back",
                "Refer the recommendation back",
                conditions=(sign_off.reason_given,),
            ),
            Transition(
                "request_clarification",
                "Ask for clarification",
                conditions=(question_given,),
                documents=(store_attachments,),
            ),
            Transition(
                "answer_clarification",
                "Answer the request for clarification",
                conditions=(answer_given,),
                documents=(store_attachments,),
            ),
            Transition(
                "propose_modification",
                "Propose a modification",
                conditions=(
                    *SIGNING,
                    separation_of_duties,
                    challenged_authority_is_relevant,
                    employees_challenge_their_employer,
                    modification_terms_given,
                    statutory_grounds_and_reasons,
                    nhs_ground_fits_service_record,
                    wellbeing_considered,
                    partners_agree_to_modify,
                ),
                prepare=(sign_off.sign_off,),
                after_save=(sign_off.save_sign_off,),
                changes=(decision_changes,),
                extra_kwargs=sign_off.SIGN_OFF_KWARGS,
            ),
            Transition(
                "agree_modification",
                "Agree to the modification",
                conditions=(modification_on_the_table,),
                documents=DECIDING,
                changes=(decision_changes,),
                publishes=True,
            ),
            Transition(
                "decline_modification",
                "Decline the modification",
                documents=DECIDING,
                changes=(decision_changes,),
                publishes=True,
            ),
            Transition(
                "accept",
                "Accept the challenge",
                conditions=(
                    *SIGNING,
                    separation_of_duties,
                    challenged_authority_is_relevant,
                    employees_challenge_their_employer,
                    wellbeing_considered,
                    partners_agree_to_accept,
                ),
                prepare=(sign_off.sign_off,),
                after_save=(sign_off.save_sign_off,),
                extra_kwargs=sign_off.SIGN_OFF_KWARGS,
                documents=DECIDING,
                changes=(decision_changes,),
                publishes=True,
            ),
            Transition(
                "reject",
                "Reject the challenge",
                conditions=(
                    *SIGNING,
                    separation_of_duties,
                    statutory_grounds_and_reasons,
                    nhs_ground_fits_service_record,
                    wellbeing_considered,
                    partners_agree_to_reject,
                ),
                prepare=(sign_off.sign_off,),
                after_save=(sign_off.save_sign_off,),
                extra_kwargs=sign_off.SIGN_OFF_KWARGS,
                documents=DECIDING,
                changes=(decision_changes,),
                publishes=True,
            ),
            Transition("withdraw", "Withdraw the challenge"),
            Transition(
                "start_procurement",
                "Record the start of procurement",
                conditions=(procurement_start_date, procurement_reference_given),
                changes=(procurement_changes,),
                publishes=True,
            ),
            Transition(
                "close",
                "Record the outcome of procurement",
                conditions=(procurement_result_given,),
                changes=(result_changes,),
                publishes=True,
            ),
        ],
    )
)
MACHINE.hook("search")(queue_search_update)
LABELS = {t.name: t.label for t in MACHINE.transitions}
