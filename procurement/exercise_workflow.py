"""The procurement exercise's machine, declared against the portal's workflow engine: opening
(from an accepted challenge or for any published service), the conditions of each stage (one
function per rule, citing it), the notice each stage publishes, and what the award does to the
challenge and to the expressions of interest. Run it with
`portal.workflow.perform("exercise", exercise, name, user, **kwargs)`."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from challenges.models import ProcurementResult
from challenges.models import State as ChallengeState
from portal import audit, law, permissions
from portal.workflow import Machine, Refused, Step, Transition, perform, register

from . import cpv, ocds, signals
from .models import InterestState, Notice, ProcurementExercise, State
from .models.common import DECISION_MAKER, OFFICER, ReferenceCounter
from .regimes import regime_problems, threshold_for

# --- opening ------------------------------------------------------------------------------------


def open_exercise(
    user,
    *,
    service,
    title,
    description,
    contract_kind,
    regime,
    estimated_value,
    started_on=None,
    challenge=None,
    confidential_fields=(),
    cpv_code="",
) -> ProcurementExercise:
    """Open an exercise in `planned` with its planning record; from an accepted challenge, record
    the start of procurement on the challenge too (refused before the minimum period)."""
    started_on = started_on or timezone.localdate()
    authority = service.authority
    if not permissions.is_officer(user, authority):
        raise Refused([f"Only officers of {authority.nice_name} can open a procurement exercise"])
    problems = regime_problems(contract_kind, regime, estimated_value, started_on)
    if not (title or "").strip():
        problems.append("Enter a title for the exercise")
    if not (description or "").strip():
        problems.append("Describe what is being bought")
    if cpv_code and cpv_code not in cpv.CODES:
        problems.append("Select a CPV code from the list")
    if started_on > timezone.localdate():
        problems.append("The start date cannot be in the future")
    if not set(confidential_fields) <= dict(ProcurementExercise.CONFIDENTIAL_CHOICES).keys():
        problems.append("Only the values can be marked commercially confidential")
    if challenge is not None:
        if challenge.state != ChallengeState.ACCEPTED:
            problems.append(
                f"Challenge {challenge.reference} is {challenge.get_state_display().lower()}: "
                "an exercise follows only an accepted challenge"
            )
        if challenge.service_id != service.pk:
            problems.append("The challenge is about another service")
    elif not service.live:
        problems.append("Open exercises only for published services")
    if problems:
        raise Refused(problems)
    with transaction.atomic():
        reference = ReferenceCounter.next_reference(authority, "exercise", started_on.year)
        exercise = ProcurementExercise(
            reference=reference,
            authority=authority,
            service=service,
            challenge=challenge,
            title=title.strip(),
            description=description.strip(),
            cpv_code=cpv_code,
            contract_kind=contract_kind,
            regime=regime,
            estimated_value=estimated_value,
            threshold_value=threshold_for(contract_kind, started_on),
            started_on=started_on,
            created_by=user,
            confidential_fields=sorted(confidential_fields),
        )
        exercise.save()
        notice = publish_notice(exercise, "", "open", started_on)
        audit.record(
            exercise,
            transition="open",
            from_state="",
            to_state=exercise.state,
            actor=user,
            role=OFFICER,
            changes={
                "state": exercise.state,
                "regime": regime,
                "contract_kind": contract_kind,
                "cpv_code": cpv_code,
                "challenge": challenge.reference if challenge else None,
                "release": notice.release["id"],
            },
            reference=reference,
        )
        pk = exercise.pk
        transaction.on_commit(lambda: signals.announce("procurement", pk))
        if challenge is not None:
            perform(
                "challenge",
                challenge,
                "start_procurement",
                user,
                started_on=started_on,
                procurement_reference=reference,
            )
    return exercise


def publish_notice(exercise, code: str, transition: str, published_on) -> Notice:
    number = exercise.notices.count() + 1
    release = ocds.build_release(exercise, code=code, number=number, published_on=published_on)
    return Notice.objects.create(
        exercise=exercise,
        code=code,
        transition=transition,
        published_on=published_on,
        tag=law.OCDS_TAG_FOR_NOTICE[code],
        release=release,
    )


# --- conditions: one function per rule ----------------------------------------------------------


def _date_problems(exercise, kwargs, key="published_on", what="the notice's publication date"):
    day = kwargs.get(key)
    if not day:
        return [f"Enter {what}"]
    if day > timezone.localdate():
        return [f"{what[0].upper()}{what[1:]} cannot be in the future"]
    last = exercise.notices.order_by("-published_on").values_list("published_on", flat=True)
    last = last.first()
    if last and day < last:
        return [f"{what[0].upper()}{what[1:]} cannot be before the last notice ({last:%-d %B %Y})"]
    return []


def notice_date(step: Step) -> list[str]:
    """DOMAIN.md §2 "The procurement that follows" (each stage publishes its notice, in order):
    a notice is dated, not in the future, and not before the exercise's last notice."""
    return _date_problems(step.obj, step.kwargs)


def tender_deadline_ahead(step: Step) -> list[str]:
    """Procurement Act 2023 s.54 (time limits for tenders): the tender notice gives a deadline
    that is still to come."""
    deadline = step.kwargs.get("tender_deadline")
    if not deadline:
        return ["Enter the deadline for tenders"]
    if deadline <= timezone.now():
        return ["The deadline for tenders must be in the future"]
    return []


def tender_deadline_passed(step: Step) -> list[str]:
    """Procurement Act 2023 s.54: tenders are received until the deadline, so the tender closes
    only after it."""
    exercise = step.obj
    if exercise.tender_deadline and timezone.now() < exercise.tender_deadline:
        local = timezone.localtime(exercise.tender_deadline)
        return [f"The tender is open until {local:%-d %B %Y, %H:%M}: close it after then"]
    return []


def award_to_shortlisted_supplier(step: Step) -> list[str]:
    """Procurement Act 2023 s.19 (award to the most advantageous tender) and DESIGN.md
    "Statutory workflows": the award goes to a shortlisted expression of interest of this
    exercise."""
    interest = step.kwargs.get("interest")
    if interest is None or interest.exercise_id != step.obj.pk:
        return ["Select the supplier to award the contract to"]
    if interest.state != InterestState.SHORTLISTED:
        return ["Award the contract only to a shortlisted supplier"]
    return []


def award_value_given(step: Step) -> list[str]:
    """Procurement Act 2023 s.50 (the contract award notice states the value)."""
    value = step.kwargs.get("award_value")
    if value is None or Decimal(value) <= 0:
        return ["Enter the value of the award, including VAT, in pounds"]
    return []


def every_interest_assessed(step: Step) -> list[str]:
    """Procurement Act 2023 s.50 (assessment summaries to every supplier): no expression of
    interest is left unassessed when the award is proposed."""
    waiting = step.obj.interests.filter(
        state__in=[InterestState.SUBMITTED, InterestState.UNDER_EVALUATION]
    ).count()
    if waiting:
        return [
            f"{waiting} expression{'s' if waiting != 1 else ''} of interest still "
            f"need{'s' if waiting == 1 else ''} assessing"
        ]
    return []


def standstill_long_enough(step: Step) -> list[str]:
    """Procurement Act 2023 s.51: the standstill lasts at least eight working days."""
    days = step.kwargs.get("standstill_days")
    if days is None:
        return ["Enter the length of the standstill in working days"]
    if days < step.obj.minimum_standstill:
        return [
            f"The standstill must be at least {law.STANDSTILL_MIN_WORKING_DAYS} working days "
            "(Procurement Act 2023 s.51)"
        ]
    return []


def award_after_standstill(step: Step) -> list[str]:
    """Procurement Act 2023 s.51: the contract is entered into only after the standstill ends
    (and not before the contract award notice, nor in the future)."""
    exercise, day = step.obj, step.kwargs.get("awarded_on")
    if not day:
        return ["Enter the date of the award"]
    if day > timezone.localdate():
        return ["The date of the award cannot be in the future"]
    if exercise.standstill_days and day <= exercise.standstill_ends_on:
        return [
            f"The standstill runs until the end of {exercise.standstill_ends_on:%-d %B %Y}: "
            "award the contract after then"
        ]
    if day < exercise.standstill_starts_on:
        return ["The award cannot come before the contract award notice"]
    return []


def contract_signed_after_award(step: Step) -> list[str]:
    """Procurement Act 2023 s.53 (contract details notice after the contract is entered into):
    signed after the award, and the notice after the signing."""
    kwargs = step.kwargs
    signed = kwargs.get("signed_on")
    if not signed:
        return ["Enter the date the contract was signed"]
    if signed < step.obj.awarded_on:
        return ["The contract cannot be signed before the award"]
    if kwargs.get("published_on") and kwargs["published_on"] < signed:
        return ["Publish the contract details notice after the contract is signed"]
    return []


def contract_term(step: Step) -> list[str]:
    """Procurement Act 2023 s.53 (the contract details notice gives the contract's term)."""
    starts, ends = step.kwargs.get("starts_on"), step.kwargs.get("ends_on")
    if not starts or not ends:
        return ["Enter the dates the contract starts and ends"]
    if ends <= starts:
        return ["The contract must end after it starts"]
    return []


def closing_date(step: Step) -> list[str]:
    """Procurement Act 2023 s.80 (contract termination notice: the date the contract ended), not
    before it started."""
    exercise, day = step.obj, step.kwargs.get("closed_on")
    if not day:
        return ["Enter the date the contract ended"]
    if exercise.contract_starts_on and day < exercise.contract_starts_on:
        return ["The contract cannot end before it starts"]
    return []


def termination_reason_given(step: Step) -> list[str]:
    """Procurement Act 2023 s.80: the contract termination notice says why it ended."""
    if not (step.kwargs.get("reason") or "").strip():
        return ["Enter the reason for terminating the contract"]
    return []


def cancellation_reason_given(step: Step) -> list[str]:
    """DESIGN.md "Statutory workflows": cancelled, reason required (Procurement Act 2023 s.55,
    procurement termination notice)."""
    if not (step.kwargs.get("reason") or "").strip():
        return ["Enter the reason for cancelling the procurement"]
    return []


# --- what each stage does besides the state --------------------------------------------------


def publish_stage_notice(step: Step) -> dict:
    """The notice this stage publishes (law.STAGE_NOTICES), as an OCDS release."""
    code = law.STAGE_NOTICES[step.name]
    notice = publish_notice(step.obj, code, step.name, step.kwargs["published_on"])
    return {"notice": code, "release": notice.release["id"]}


def start_evaluating_interests(step: Step) -> None:
    for interest in _interests(step.obj, InterestState.SUBMITTED):
        perform("interest", interest, "start_evaluation", step.user)


def record_interest_outcomes(step: Step) -> None:
    exercise = step.obj
    for interest in _interests(exercise, InterestState.SHORTLISTED):
        won = interest.pk == exercise.winning_interest_id
        perform("interest", interest, "mark_successful" if won else "mark_unsuccessful", step.user)
    for interest in _interests(exercise, InterestState.NOT_SHORTLISTED):
        perform("interest", interest, "mark_unsuccessful", step.user)


def close_challenge_on_award(step: Step) -> None:
    exercise = step.obj
    result = (
        ProcurementResult.CHALLENGER_WON
        if exercise.challenger_won
        else ProcurementResult.OTHER_BIDDER_WON
    )
    _close_challenge(exercise, step.user, result)


def close_challenge_on_cancel(step: Step) -> None:
    _close_challenge(step.obj, step.user, ProcurementResult.NOT_AWARDED)


def send_assessment_summaries(step: Step) -> dict:
    exercise = step.obj
    assessed = exercise.interests.filter(
        state__in=[InterestState.SHORTLISTED, InterestState.NOT_SHORTLISTED]
    )
    count = assessed.count()
    assessed.update(summary_sent_at=timezone.now())
    # Each supplier's summary is emailed by the exercise.confirm_award subscription.
    return {"assessment_summaries": count}


def _interests(exercise, state):
    interests = list(exercise.interests.filter(state=state).select_related("organisation"))
    for interest in interests:
        interest.exercise = exercise
    return interests


def _close_challenge(exercise, user, result):
    if exercise.challenge_id is None:
        return
    challenge = exercise.challenge
    if challenge.state == ChallengeState.PROCUREMENT_STARTED:
        perform("challenge", challenge, "close", user, result=result)


def tender_changes(step: Step) -> dict:
    return {"tender_deadline": step.obj.tender_deadline.isoformat()}


def proposal_changes(step: Step) -> dict:
    exercise = step.obj
    return {
        "supplier": exercise.supplier.name,
        "award_value": str(exercise.award_value),
        "challenger_won": exercise.challenger_won,
    }


def standstill_changes(step: Step) -> dict:
    return {
        "standstill_days": step.obj.standstill_days,
        "standstill_ends_on": step.obj.standstill_ends_on.isoformat(),
    }


def award_changes(step: Step) -> dict:
    return {
        "awarded_on": step.obj.awarded_on.isoformat(),
        "challenger_won": step.obj.challenger_won,
    }


def delivery_changes(step: Step) -> dict:
    return {
        "signed_on": step.obj.contract_signed_on.isoformat(),
        "contract_details_due": step.obj.contract_details_due.isoformat(),
    }


def announce(step: Step) -> None:
    """After the commit: other apps (search) re-read what the public may see."""
    signals.announce("procurement", step.obj.pk)


# --- the machine --------------------------------------------------------------------------------

BEFORE_AWARD = (
    State.PLANNED,
    State.MARKET_ENGAGEMENT,
    State.TENDER_OPEN,
    State.EVALUATION,
    State.AWARD_PROPOSED,
    State.STANDSTILL,
)
NOTICE = (publish_stage_notice,)

MACHINE = register(
    Machine(
        name="exercise",
        noun="procurement exercise",
        title="Procurement exercise",
        model=ProcurementExercise,
        states=State,
        final=(State.CLOSED, State.CANCELLED),
        role_problems={
            OFFICER: lambda e: f"Only officers of {e.authority.nice_name} can do this",
            DECISION_MAKER: lambda e: (
                f"Only a decision maker of {e.authority.nice_name} can do this"
            ),
        },
        role_legend={OFFICER: "officers", DECISION_MAKER: "decision makers"},
        transitions=[
            Transition(
                "begin_market_engagement",
                (State.PLANNED,),
                State.MARKET_ENGAGEMENT,
                "Publish the preliminary market engagement notice",
                OFFICER,
                conditions=(notice_date,),
                after_save=NOTICE,
            ),
            Transition(
                "open_tender",
                (State.PLANNED, State.MARKET_ENGAGEMENT),
                State.TENDER_OPEN,
                "Publish the tender notice",
                OFFICER,
                conditions=(notice_date, tender_deadline_ahead),
                after_save=NOTICE,
                changes=(tender_changes,),
            ),
            Transition(
                "close_tender",
                (State.TENDER_OPEN,),
                State.EVALUATION,
                "Close the tender and start the evaluation",
                OFFICER,
                conditions=(tender_deadline_passed,),
                after_save=(start_evaluating_interests,),
            ),
            Transition(
                "propose_award",
                (State.EVALUATION,),
                State.AWARD_PROPOSED,
                "Propose the award",
                OFFICER,
                conditions=(
                    award_to_shortlisted_supplier,
                    award_value_given,
                    every_interest_assessed,
                ),
                changes=(proposal_changes,),
            ),
            Transition(
                "return_to_evaluation",
                (State.AWARD_PROPOSED,),
                State.EVALUATION,
                "Return to evaluation",
                DECISION_MAKER,
            ),
            Transition(
                "confirm_award",
                (State.AWARD_PROPOSED,),
                State.STANDSTILL,
                "Publish the contract award notice and start the standstill",
                DECISION_MAKER,
                conditions=(notice_date, standstill_long_enough),
                after_save=(send_assessment_summaries, *NOTICE),
                changes=(standstill_changes,),
            ),
            Transition(
                "award",
                (State.STANDSTILL,),
                State.AWARDED,
                "Award the contract",
                DECISION_MAKER,
                conditions=(award_after_standstill,),
                after_save=(record_interest_outcomes, close_challenge_on_award),
                changes=(award_changes,),
            ),
            Transition(
                "start_delivery",
                (State.AWARDED,),
                State.IN_DELIVERY,
                "Publish the contract details notice",
                OFFICER,
                conditions=(notice_date, contract_signed_after_award, contract_term),
                after_save=NOTICE,
                changes=(delivery_changes,),
            ),
            Transition(
                "close",
                (State.IN_DELIVERY,),
                State.CLOSED,
                "Close the exercise",
                OFFICER,
                conditions=(closing_date,),
            ),
            Transition(
                "terminate_contract",
                (State.IN_DELIVERY,),
                State.CLOSED,
                "Publish the contract termination notice",
                DECISION_MAKER,
                conditions=(notice_date, termination_reason_given),
                after_save=NOTICE,
            ),
            Transition(
                "cancel",
                BEFORE_AWARD,
                State.CANCELLED,
                "Cancel the procurement",
                DECISION_MAKER,
                conditions=(notice_date, cancellation_reason_given),
                after_save=(close_challenge_on_cancel, *NOTICE),
            ),
        ],
    )
)
MACHINE.hook("commit")(announce)
LABELS = {t.name: t.label for t in MACHINE.transitions}
