"""Runs the challenge transitions: who may, whether the conditions hold, one transaction, one audit
event, and side effects (letters, emails) queued for after the commit.

Views, the demo and tests all go through `perform`; nothing writes a state directly.
"""

from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from portal import audit, documents, events, law, permissions

from . import evidence, search_kinds
from .models import (
    BODY,
    DECISION_MAKER,
    OFFICER,
    Challenge,
    Outcome,
    PartnerAgreement,
    ReferenceCounter,
    State,
)

LABELS = {
    "submit": "Submit the challenge",
    "start_assessment": "Start the assessment",
    "request_clarification": "Ask for clarification",
    "answer_clarification": "Answer the request for clarification",
    "propose_modification": "Propose a modification",
    "agree_modification": "Agree to the modification",
    "decline_modification": "Decline the modification",
    "accept": "Accept the challenge",
    "reject": "Reject the challenge",
    "withdraw": "Withdraw the challenge",
    "start_procurement": "Record the start of procurement",
    "close": "Record the outcome of procurement",
}
BODY_TRANSITIONS = {
    "submit",
    "answer_clarification",
    "agree_modification",
    "decline_modification",
    "withdraw",
}
DECISION_TRANSITIONS = {"accept", "reject", "propose_modification"}
# Transitions that publish a decision, and so store its letter as a PDF.
DECIDING = {"accept", "reject", "agree_modification", "decline_modification"}
CONCURRENT_MESSAGE = (
    "Someone else changed this challenge while you were working on it: it is now {state}. "
    "Nothing you entered was saved; check the case before doing anything more."
)


class Refused(Exception):
    """A transition that may not happen now; `problems` say why, one sentence each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def acting_role(challenge: Challenge, name: str) -> str:
    if name in BODY_TRANSITIONS:
        return BODY
    return DECISION_MAKER if name in DECISION_TRANSITIONS else OFFICER


# --- conditions, each returning the problems that stop the transition ---------------------------


def submission_problems(challenge: Challenge, today=None) -> list[str]:
    today = today or timezone.localdate()
    service = challenge.service
    problems = []
    if service.excluded:
        problems.append(
            f"{service.title} cannot be challenged: "
            f"{service.excluded_reason_label.lower()} (SI 2012/1313 Schedule 2)"
        )
    elif not service.accepting_challenges(today):
        problems.append(
            f"{challenge.authority.nice_name} is not accepting challenges to {service.title} now: "
            "submit during one of its published windows (Localism Act 2011 s.82)"
        )
    status = challenge.contents_status()
    section_labels = dict(SECTION_PROBLEMS)
    for slug, done in status.items():
        if done is False:
            problems.append(section_labels[slug])
    return problems


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


def separation_problems(challenge: Challenge, user) -> list[str]:
    if challenge.authority.separate_decision_maker and challenge.assessing_officer_id == user.pk:
        return [
            f"{challenge.authority.nice_name} requires that the officer who assessed a challenge "
            "does not decide it: ask another decision maker"
        ]
    return []


def agreement_problems(challenge: Challenge, outcome: str) -> list[str]:
    """On a joint challenge, every partner authority must have agreed to the same decision."""
    problems = []
    agreed = {a.authority_id: a.outcome for a in challenge.agreements.all()}
    for partner in challenge.partner_authorities:
        if agreed.get(partner.pk) != outcome:
            problems.append(
                f"{partner.nice_name} has not recorded its agreement to "
                f"{'accept' if outcome != Outcome.REJECTED else 'reject'} this joint challenge"
            )
    return problems


def conditions(challenge: Challenge, name: str, user, kwargs: dict) -> list[str]:
    if name == "submit":
        return submission_problems(challenge)
    if name in ("request_clarification",):
        return [] if kwargs.get("question", "").strip() else ["Enter your question for the body"]
    if name == "answer_clarification":
        return [] if kwargs.get("answer", "").strip() else ["Enter your answer"]
    if name == "accept":
        return separation_problems(challenge, user) + agreement_problems(
            challenge, Outcome.ACCEPTED
        )
    if name == "reject":
        return (
            separation_problems(challenge, user)
            + decision_grounds_problems(kwargs.get("grounds"), kwargs.get("reasons"))
            + agreement_problems(challenge, Outcome.REJECTED)
        )
    if name == "propose_modification":
        problems = separation_problems(challenge, user)
        if not kwargs.get("terms", "").strip():
            problems.append("Enter the modification you propose")
        return (
            problems
            + decision_grounds_problems(kwargs.get("grounds"), kwargs.get("reasons"))
            + agreement_problems(challenge, Outcome.MODIFIED)
        )
    if name == "agree_modification" and not challenge.modification_terms:
        return ["There is no modification to agree to"]
    if name == "start_procurement":
        problems = []
        started = kwargs.get("started_on")
        earliest = challenge.earliest_procurement_start()
        if not started:
            problems.append("Enter the date the procurement exercise started")
        elif earliest and started < earliest:
            problems.append(
                f"Procurement cannot start before {earliest:%-d %B %Y}: "
                f"{challenge.authority.nice_name} published a minimum period of "
                f"{challenge.authority.procurement_min_period_text} after acceptance "
                "(Localism Act 2011 s.84)"
            )
        elif started > timezone.localdate():
            problems.append("The start date cannot be in the future")
        if not kwargs.get("procurement_reference", "").strip():
            problems.append("Enter the procurement exercise's reference")
        return problems
    if name == "close":
        return [] if kwargs.get("result") else ["Select the outcome of the procurement"]
    return []


# --- running a transition -----------------------------------------------------------------------


def allowed(challenge: Challenge, name: str, user) -> bool:
    """Whether the button for a transition should be shown (state and role; not the form)."""
    method = getattr(challenge, name)
    return can_proceed(method, check_conditions=False) and has_transition_perm(method, user)


def available(challenge: Challenge, user) -> list[str]:
    return [name for name in LABELS if allowed(challenge, name, user)]


def perform(
    challenge: Challenge, name: str, user, *, reason: str = "", attachments=(), **kwargs
) -> Challenge:
    """Run one transition, or raise Refused naming every problem. Returns the saved challenge."""
    check(challenge, name, user, kwargs)
    return apply(challenge, name, user, reason=reason, attachments=attachments, **kwargs)


def check(challenge: Challenge, name: str, user, kwargs: dict) -> None:
    """Raise Refused unless the transition may run now: state, role, then its conditions."""
    if name not in LABELS:
        raise Refused([f"Unknown action {name!r}"])
    method = getattr(challenge, name)
    if not can_proceed(method, check_conditions=False):
        raise Refused(
            [
                f"This challenge is {challenge.get_state_display().lower()}: "
                f"you cannot {LABELS[name][0].lower()}{LABELS[name][1:]} now"
            ]
        )
    if not has_transition_perm(method, user):
        raise Refused([_role_problem(challenge, name)])
    problems = conditions(challenge, name, user, kwargs)
    if problems:
        raise Refused(problems)


def apply(
    challenge: Challenge, name: str, user, *, reason: str = "", attachments=(), **kwargs
) -> Challenge:
    """The transition itself, after `check`: one transaction, one audit event, and its emails
    queued in the outbox in the same transaction (delivered after the commit).

    `attachments` (checked uploads) go with a clarification or its answer. The documents the
    transition stores (attachments, the decision letter PDF) are in the same transaction, with
    their SHA-256 in the audit event; if the storage fails, nothing is kept and Refused says so.
    """
    method = getattr(challenge, name)
    from_state = challenge.state
    try:
        with documents.atomic():
            if name == "submit":
                kwargs["window"] = challenge.service.open_window()
            method(user=user, **kwargs)
            if name == "submit":
                year = timezone.localdate(challenge.received_at).year
                challenge.reference = ReferenceCounter.next_reference(challenge.authority, year)
            letter = _store_letter(challenge) if name in DECIDING else None
            challenge.save()
            changes = _changes(challenge, name, kwargs)
            if letter:
                changes["decision_letter"] = letter.audit_summary()
            stored = [
                evidence.store(
                    upload,
                    challenge,
                    evidence.REPLY,
                    user,
                    getattr(challenge, "last_message", None),
                )
                for upload in attachments
            ]
            if stored:
                changes["documents"] = [d.audit_summary() for d in stored]
            audit.record(
                challenge,
                transition=name,
                from_state=from_state,
                to_state=challenge.state,
                actor=user,
                role=acting_role(challenge, name),
                reason=reason or kwargs.get("reasons", "") or "",
                changes=changes,
                reference=challenge.reference or "",
            )
            if name in search_kinds.PUBLISHING:
                _queue_search_update(challenge)
            # Who is told, in the app and by email, is portal/subscriptions.py's business.
            events.publish(
                events.Event(
                    f"challenge.{name}",
                    challenge,
                    actor=user,
                    data={"from_state": from_state, "to_state": challenge.state},
                )
            )
    except documents.StorageUnavailable as exc:
        raise Refused([exc.message]) from None
    except ConcurrentTransition:
        current = Challenge.objects.filter(pk=challenge.pk).values_list("state", flat=True).first()
        label = dict(State.choices).get(current, current)
        raise Refused([CONCURRENT_MESSAGE.format(state=str(label).lower())]) from None
    return challenge


def _queue_search_update(challenge: Challenge) -> None:
    """Queue the decision's search entry in this transaction: the outbox row commits with the
    transition (and is applied after the commit) or rolls back with it."""
    try:
        from search.indexing import queue_update
    except ImportError:  # the portal runs without the search app
        return
    queue_update(challenge)


def _store_letter(challenge: Challenge):
    """The decision letter PDF, stored before the row is written, so that no lock is held while
    it is made and sent; documents.atomic() removes it if the transition then fails."""
    try:
        return evidence.store_decision_letter(challenge)
    except documents.StorageUnavailable as exc:
        raise documents.StorageUnavailable(evidence.LETTER_UNAVAILABLE) from exc


def record_agreement(challenge: Challenge, user, outcome: str, authority=None) -> PartnerAgreement:
    """A partner authority's decision maker agrees to the proposed decision on a joint challenge.

    Not a change of state, but audited as an event of the case (from and to the same state).
    `authority` says which partner the user speaks for when they could speak for several.
    """
    partner_ids = challenge.partner_ids
    if authority is not None:
        partner_ids = [a for a in partner_ids if a == getattr(authority, "pk", authority)]
    authority_id = next((a for a in partner_ids if permissions.is_decision_maker(user, a)), None)
    if authority_id is None:
        raise Refused(["Only a decision maker of a partner authority can record its agreement"])
    if challenge.state not in (State.SUBMITTED, State.UNDER_ASSESSMENT):
        raise Refused(["Agreement can only be recorded while the challenge is being assessed"])
    if outcome not in Outcome.values:
        raise Refused(["Select the decision your authority agrees to"])
    with transaction.atomic():
        agreement, _ = PartnerAgreement.objects.update_or_create(
            challenge=challenge,
            authority_id=authority_id,
            defaults={"outcome": outcome, "recorded_by": user},
        )
        audit.record(
            challenge,
            transition="record_agreement",
            from_state=challenge.state,
            to_state=challenge.state,
            actor=user,
            role=DECISION_MAKER,
            reason=f"{agreement.authority.nice_name} agrees: {agreement.get_outcome_display()}",
            changes={"authority": agreement.authority.code, "outcome": outcome},
            reference=challenge.reference or "",
        )
    return agreement


def _role_problem(challenge: Challenge, name: str) -> str:
    if name in BODY_TRANSITIONS:
        return f"Only members of {challenge.organisation.name} can do this"
    if name in DECISION_TRANSITIONS:
        return f"Only a decision maker of {challenge.authority.nice_name} can decide this challenge"
    return "Only officers of the authorities that run this service can do this"


def _changes(challenge: Challenge, name: str, kwargs: dict) -> dict:
    """What the transition changed, for the audit event (no free text about people)."""
    changes = {"state": challenge.state}
    if name == "submit":
        changes.update(
            reference=challenge.reference,
            received_at=challenge.received_at.isoformat(),
            decision_due=challenge.decision_due.isoformat() if challenge.decision_due else None,
        )
    if name in ("accept", "reject", "propose_modification", "agree_modification"):
        changes.update(outcome=challenge.outcome, grounds=list(challenge.grounds))
    if name == "decline_modification":
        changes.update(outcome=challenge.outcome, grounds=list(challenge.grounds))
    if name == "start_procurement":
        changes.update(
            procurement_reference=challenge.procurement_reference,
            started_on=challenge.procurement_started_on.isoformat(),
        )
    if name == "close":
        changes.update(result=challenge.procurement_result)
    return changes
