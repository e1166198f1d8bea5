"""Providers' expressions of interest in an exercise: drafting, submission while the tender is
open, evaluation, and the outcome at award."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal import permissions

from . import workflow as runner
from .models import ExpressionOfInterest, InterestState
from .models.common import BODY, OFFICER, ReferenceCounter
from .workflow import Refused

LABELS = {
    "submit": "Submit your expression of interest",
    "start_evaluation": "Start the evaluation",
    "shortlist": "Shortlist",
    "reject": "Do not shortlist",
    "mark_successful": "Record as successful",
    "mark_unsuccessful": "Record as unsuccessful",
    "withdraw": "Withdraw the expression of interest",
}
BODY_TRANSITIONS = {"submit", "withdraw"}


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


def conditions(interest, name, user, kwargs) -> list[str]:
    exercise = interest.exercise
    if name == "submit":
        problems = []
        if not exercise.tender_is_open:
            problems.append(
                f"{exercise.reference} is not open for expressions of interest: "
                + (
                    "its deadline has passed"
                    if exercise.tender_deadline and exercise.tender_deadline <= timezone.now()
                    else "the tender is not open"
                )
            )
        if not interest.proposal.strip():
            problems.append("Enter how you would deliver the contract")
        if interest.price is None or interest.price <= 0:
            problems.append("Enter your price, including VAT, in pounds")
        return problems
    if name == "start_evaluation" and exercise.state != "evaluation":
        return ["Evaluation starts when the tender closes"]
    if name in ("shortlist", "reject"):
        problems = [] if exercise.state == "evaluation" else ["The exercise is not in evaluation"]
        score = kwargs.get("score")
        if score is None or not 0 <= int(score) <= 100:
            problems.append("Enter a score from 0 to 100")
        if not (kwargs.get("assessment_summary") or "").strip():
            problems.append("Enter the assessment summary the supplier will receive")
        return problems
    if name in ("mark_successful", "mark_unsuccessful") and exercise.state != "awarded":
        return ["Outcomes are recorded when the contract is awarded"]
    withdrawing = name == "withdraw" and interest.state != InterestState.DRAFT
    if withdrawing and exercise.state not in ("tender_open", "evaluation"):
        return ["You can no longer withdraw: the award has been proposed"]
    return []


def before_save(interest, name, user, kwargs):
    if name == "submit":
        year = timezone.localdate(interest.submitted_at).year
        interest.reference = ReferenceCounter.next_reference(
            interest.exercise.authority, "interest", year
        )


def changes(interest, name, kwargs) -> dict:
    if name == "submit":
        return {"reference": interest.reference, "exercise": interest.exercise.reference}
    if name in ("shortlist", "reject"):
        return {"score": interest.score}
    return {}


def _role_problem(interest, name) -> str:
    if name in BODY_TRANSITIONS:
        return f"Only members of {interest.organisation.name} can do this"
    return "Only officers of the authority running the exercise can do this"


MACHINE = runner.Machine(
    noun="expression of interest",
    name="interest",
    labels=LABELS,
    roles={name: BODY if name in BODY_TRANSITIONS else OFFICER for name in LABELS},
    role_problem=_role_problem,
    conditions=conditions,
    before_save=before_save,
    changes=changes,
)


def perform(interest, name, user, **kwargs) -> ExpressionOfInterest:
    return runner.perform(MACHINE, interest, name, user, **kwargs)


def allowed(interest, name, user) -> bool:
    return runner.allowed(MACHINE, interest, name, user)


def available(interest, user) -> list[str]:
    return runner.available(MACHINE, interest, user)


def save_draft(interest, user, *, proposal, price) -> ExpressionOfInterest:
    if not permissions.is_member(user, interest.organisation_id):
        raise Refused([f"Only members of {interest.organisation.name} can change this"])
    if interest.state != InterestState.DRAFT:
        raise Refused(["Only a draft can be changed"])
    interest.proposal = proposal
    interest.price = Decimal(price) if price is not None else None
    interest.save(update_fields=["proposal", "price", "updated_at"])
    return interest
