"""Providers' expressions of interest in an exercise, declared against the portal's workflow
engine: drafting, submission while the tender is open, evaluation, and the outcome at award.
Run with `portal.workflow.perform("interest", interest, name, user, **kwargs)`."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal import permissions
from portal.roles import BODY_MEMBER, OFFICER
from portal.workflow import Action, Machine, Refused, Step, Transition, register
from procurement import attachments
from procurement.models import ExpressionOfInterest, InterestState
from procurement.models.common import next_reference
from procurement.models.interests import is_interest_member


def start(user, exercise, organisation) -> ExpressionOfInterest:
    """A draft for the organisation (its existing one if it has one), while the tender is open."""
    if not permissions.is_member(user, organisation):
        raise Refused([f"Only members of {organisation.name} can express its interest"])
    existing = ExpressionOfInterest.objects.filter(exercise=exercise, organisation=organisation)
    if existing.exists():
        return existing.get()
    if not exercise.tender_is_open:
        raise Refused([f"{exercise.reference} is not open for expressions of interest"])
    try:
        with transaction.atomic():
            return ExpressionOfInterest.objects.create(
                exercise=exercise, organisation=organisation, created_by=user
            )
    except IntegrityError:
        return ExpressionOfInterest.objects.get(exercise=exercise, organisation=organisation)


# --- conditions: one function per rule ----------------------------------------------------------


def tender_open(step: Step) -> list[str]:
    """Procurement Act 2023 s.54: expressions of interest are received only while the tender is
    open, up to its deadline."""
    exercise = step.obj.exercise
    if exercise.tender_is_open:
        return []
    passed = exercise.tender_deadline and exercise.tender_deadline <= timezone.now()
    return [
        f"{exercise.reference} is not open for expressions of interest: "
        + ("its deadline has passed" if passed else "the tender is not open")
    ]


def proposal_given(step: Step) -> list[str]:
    """DESIGN.md "Who uses it" (providers register interest in a procurement exercise): the
    interest says how the provider would deliver the contract."""
    return [] if step.obj.proposal.strip() else ["Enter how you would deliver the contract"]


def price_given(step: Step) -> list[str]:
    """Procurement Act 2023 s.19 (tenders assessed against the award criteria, price among
    them): the interest gives a price."""
    price = step.obj.price
    return [] if price is not None and price > 0 else ["Enter your price, including VAT, in pounds"]


def tender_closed(step: Step) -> list[str]:
    """DESIGN.md "Statutory workflows" (tender_open -> evaluation): an interest's evaluation
    starts when the exercise's tender closes."""
    if step.obj.exercise.state != "evaluation":
        return ["Evaluation starts when the tender closes"]
    return []


def exercise_in_evaluation(step: Step) -> list[str]:
    """DESIGN.md "Statutory workflows": interests are shortlisted or not while the exercise is
    in evaluation."""
    if step.obj.exercise.state != "evaluation":
        return ["The exercise is not in evaluation"]
    return []


def score_given(step: Step) -> list[str]:
    """Procurement Act 2023 s.19 (assessment against the award criteria): a score from 0 to
    100."""
    score = step.kwargs.get("score")
    if score is None or not 0 <= int(score) <= 100:
        return ["Enter a score from 0 to 100"]
    return []


def assessment_summary_given(step: Step) -> list[str]:
    """Procurement Act 2023 s.50(1): each supplier receives an assessment summary of its
    tender."""
    if not (step.kwargs.get("assessment_summary") or "").strip():
        return ["Enter the assessment summary the supplier will receive"]
    return []


def exercise_awarded(step: Step) -> list[str]:
    """DESIGN.md "Statutory workflows" (shortlisted | not_shortlisted -> successful |
    unsuccessful): outcomes are recorded at the award."""
    if step.obj.exercise.state != "awarded":
        return ["Outcomes are recorded when the contract is awarded"]
    return []


def withdrawal_before_award_proposed(step: Step) -> list[str]:
    """DESIGN.md "Statutory workflows" (withdrawn): a submitted interest can be withdrawn only
    while the tender is open or in evaluation, not once the award is proposed."""
    interest = step.obj
    submitted = interest.state != InterestState.DRAFT
    if submitted and interest.exercise.state not in ("tender_open", "evaluation"):
        return ["You can no longer withdraw: the award has been proposed"]
    return []


# --- effects ------------------------------------------------------------------------------------


def hand_out_reference(step: Step) -> None:
    interest = step.obj
    year = timezone.localdate(interest.submitted_at).year
    interest.reference = next_reference(interest.exercise.authority, "interest", year)


def submission_changes(step: Step) -> dict:
    return {"reference": step.obj.reference, "exercise": step.obj.exercise.reference}


def score_changes(step: Step) -> dict:
    return {"score": step.obj.score}


# --- the machine --------------------------------------------------------------------------------

S = InterestState
EVALUATION = (exercise_in_evaluation, score_given, assessment_summary_given)

# Plain words for the provider's pages (never state names).
PUBLIC_EVENTS = {
    "submit": "Expression of interest submitted",
    "start_evaluation": "The council started evaluating it",
    "shortlist": "Shortlisted",
    "reject": "Not shortlisted",
    "mark_successful": "Successful: the contract was awarded to this supplier",
    "mark_unsuccessful": "Not successful",
    "withdraw": "Withdrawn by the provider",
}
PUBLIC_STATES = {
    S.DRAFT: "Being written",
    S.SUBMITTED: "Submitted",
    S.UNDER_EVALUATION: "Being evaluated by the council",
    S.SHORTLISTED: "Shortlisted",
    S.NOT_SHORTLISTED: "Not shortlisted",
    S.SUCCESSFUL: "Successful",
    S.UNSUCCESSFUL: "Not successful",
    S.WITHDRAWN: "Withdrawn",
}


MACHINE = register(
    Machine(
        name="interest",
        public_events=PUBLIC_EVENTS,
        public_states=PUBLIC_STATES,
        noun="expression of interest",
        title="Expression of interest",
        model=ExpressionOfInterest,
        states=InterestState,
        final=(S.SUCCESSFUL, S.UNSUCCESSFUL, S.WITHDRAWN),
        role_problems={
            BODY_MEMBER: lambda i: f"Only members of {i.organisation.name} can do this",
            OFFICER: lambda i: "Only officers of the authority running the exercise can do this",
        },
        role_legend={BODY_MEMBER: "the provider", OFFICER: "officers"},
        actions=[
            Action(
                "document_added",
                "Add a document",
                attachments.write_interest_document,
                states=(InterestState.DRAFT,),
                permission=is_interest_member,
            )
        ],
        transitions=[
            Transition(
                "submit",
                "Submit your expression of interest",
                conditions=(tender_open, proposal_given, price_given),
                before_save=(hand_out_reference,),
                changes=(submission_changes,),
            ),
            Transition(
                "start_evaluation",
                "Start the evaluation",
                conditions=(tender_closed,),
            ),
            Transition(
                "shortlist",
                "Shortlist",
                conditions=EVALUATION,
                changes=(score_changes,),
            ),
            Transition(
                "reject",
                "Do not shortlist",
                conditions=EVALUATION,
                changes=(score_changes,),
            ),
            Transition(
                "mark_successful",
                "Record as successful",
                conditions=(exercise_awarded,),
            ),
            Transition(
                "mark_unsuccessful",
                "Record as unsuccessful",
                conditions=(exercise_awarded,),
            ),
            Transition(
                "withdraw",
                "Withdraw the expression of interest",
                conditions=(withdrawal_before_award_proposed,),
            ),
        ],
    )
)
LABELS = {t.name: t.label for t in MACHINE.transitions}
BODY_TRANSITIONS = {t.name for t in MACHINE.transitions if t.role == BODY_MEMBER}


def save_draft(interest, user, *, proposal, price) -> ExpressionOfInterest:
    if not permissions.is_member(user, interest.organisation_id):
        raise Refused([f"Only members of {interest.organisation.name} can change this"])
    if interest.state != InterestState.DRAFT:
        raise Refused(["Only a draft can be changed"])
    interest.proposal = proposal
    interest.price = Decimal(price) if price is not None else None
    interest.save(update_fields=["proposal", "price", "updated_at"])
    return interest
