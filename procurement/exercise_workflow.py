"""The procurement exercise's machine: opening (from an accepted challenge or for any published
service), its conditions, the notice each stage publishes, and what the award does to the
challenge and to the expressions of interest."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from challenges import workflow as challenge_workflow
from challenges.models import ProcurementResult
from challenges.models import State as ChallengeState
from portal import audit, law, permissions

from . import ocds, signals
from . import workflow as runner
from .models import ExpressionOfInterest, InterestState, Notice, ProcurementExercise
from .models.common import DECISION_MAKER, OFFICER, ReferenceCounter
from .workflow import Refused

LABELS = {
    "begin_market_engagement": "Publish the preliminary market engagement notice",
    "open_tender": "Publish the tender notice",
    "close_tender": "Close the tender and start the evaluation",
    "propose_award": "Propose the award",
    "return_to_evaluation": "Return to evaluation",
    "confirm_award": "Publish the contract award notice and start the standstill",
    "award": "Award the contract",
    "start_delivery": "Publish the contract details notice",
    "close": "Close the exercise",
    "terminate_contract": "Publish the contract termination notice",
    "cancel": "Cancel the procurement",
}
DECISIONS = {"return_to_evaluation", "confirm_award", "award", "terminate_contract", "cancel"}


def regime_problems(contract_kind, regime, value, started_on) -> list[str]:
    """Whether the regime fits what is bought and its value, by the thresholds then in force."""
    problems = []
    kinds = dict(law.CONTRACT_KINDS)
    if contract_kind not in kinds:
        return ["Select what is being bought"]
    if regime not in dict(law.PROCUREMENT_REGIMES):
        return ["Select the procurement regime"]
    if value is None or Decimal(value) <= 0:
        return ["Enter the estimated value, including VAT, in pounds"]
    if started_on is None:
        return ["Enter the date the exercise starts"]
    commenced = law.REGIME_COMMENCEMENT[regime]
    if started_on < commenced:
        problems.append(
            f"{law.label(law.PROCUREMENT_REGIMES, regime)} applies to procurements started from "
            f"{commenced:%-d %B %Y}"
        )
    above, below = law.REGIMES_FOR_KIND[contract_kind]
    threshold = threshold_for(contract_kind, started_on)
    expected = below if threshold is not None and Decimal(value) < threshold else above
    if regime != expected:
        where = (
            ""
            if threshold is None
            else (
                f" at an estimated £{Decimal(value):,.0f} against the threshold of "
                f"£{threshold:,.0f} in force on {started_on:%-d %B %Y}"
            )
        )
        problems.append(
            f"{kinds[contract_kind]}{where} are bought under "
            f"{law.label(law.PROCUREMENT_REGIMES, expected)}, not "
            f"{law.label(law.PROCUREMENT_REGIMES, regime)}"
        )
    return problems


def threshold_for(contract_kind, day) -> Decimal | None:
    key = law.THRESHOLD_FOR_KIND.get(contract_kind)
    table = law.thresholds_on(day)
    if key is None or table is None:
        return None
    return Decimal(table[key])


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
                "challenge": challenge.reference if challenge else None,
                "release": notice.release["id"],
            },
            reference=reference,
        )
        pk = exercise.pk
        transaction.on_commit(lambda: signals.announce("procurement", pk))
        if challenge is not None:
            challenge_workflow.perform(
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


# --- conditions ---------------------------------------------------------------------------------


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


def conditions(exercise, name, user, kwargs) -> list[str]:
    now = timezone.now()
    if name == "begin_market_engagement":
        return _date_problems(exercise, kwargs)
    if name == "open_tender":
        problems = _date_problems(exercise, kwargs)
        deadline = kwargs.get("tender_deadline")
        if not deadline:
            problems.append("Enter the deadline for tenders")
        elif deadline <= now:
            problems.append("The deadline for tenders must be in the future")
        return problems
    if name == "close_tender":
        if exercise.tender_deadline and now < exercise.tender_deadline:
            local = timezone.localtime(exercise.tender_deadline)
            return [f"The tender is open until {local:%-d %B %Y, %H:%M}: close it after then"]
        return []
    if name == "propose_award":
        problems = []
        interest = kwargs.get("interest")
        if interest is None or interest.exercise_id != exercise.pk:
            problems.append("Select the supplier to award the contract to")
        elif interest.state != InterestState.SHORTLISTED:
            problems.append("Award the contract only to a shortlisted supplier")
        value = kwargs.get("award_value")
        if value is None or Decimal(value) <= 0:
            problems.append("Enter the value of the award, including VAT, in pounds")
        waiting = exercise.interests.filter(
            state__in=[InterestState.SUBMITTED, InterestState.UNDER_EVALUATION]
        ).count()
        if waiting:
            problems.append(
                f"{waiting} expression{'s' if waiting != 1 else ''} of interest still "
                f"need{'s' if waiting == 1 else ''} assessing"
            )
        return problems
    if name == "confirm_award":
        problems = _date_problems(exercise, kwargs)
        days = kwargs.get("standstill_days")
        if days is None:
            problems.append("Enter the length of the standstill in working days")
        elif days < exercise.minimum_standstill:
            problems.append(
                f"The standstill must be at least {law.STANDSTILL_MIN_WORKING_DAYS} working days "
                "(Procurement Act 2023 s.51)"
            )
        return problems
    if name == "award":
        day = kwargs.get("awarded_on")
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
    if name == "start_delivery":
        problems = _date_problems(exercise, kwargs)
        signed, starts, ends = (kwargs.get(k) for k in ("signed_on", "starts_on", "ends_on"))
        if not signed:
            problems.append("Enter the date the contract was signed")
        elif signed < exercise.awarded_on:
            problems.append("The contract cannot be signed before the award")
        elif kwargs.get("published_on") and kwargs["published_on"] < signed:
            problems.append("Publish the contract details notice after the contract is signed")
        if not starts or not ends:
            problems.append("Enter the dates the contract starts and ends")
        elif ends <= starts:
            problems.append("The contract must end after it starts")
        return problems
    if name == "close":
        day = kwargs.get("closed_on")
        if not day:
            return ["Enter the date the contract ended"]
        if exercise.contract_starts_on and day < exercise.contract_starts_on:
            return ["The contract cannot end before it starts"]
        return []
    if name in ("terminate_contract", "cancel"):
        problems = _date_problems(exercise, kwargs)
        if not (kwargs.get("reason") or "").strip():
            problems.append(
                "Enter the reason for cancelling the procurement"
                if name == "cancel"
                else "Enter the reason for terminating the contract"
            )
        return problems
    return []


# --- what each stage does besides the state --------------------------------------------------


def after_save(exercise, name, user, kwargs) -> dict:
    from . import interest_workflow

    changes = {}
    code = law.STAGE_NOTICES.get(name)
    if name == "close_tender":
        for interest in _interests(exercise, InterestState.SUBMITTED):
            interest_workflow.perform(interest, "start_evaluation", user)
    if name == "award":
        for interest in _interests(exercise, InterestState.SHORTLISTED):
            won = interest.pk == exercise.winning_interest_id
            interest_workflow.perform(
                interest, "mark_successful" if won else "mark_unsuccessful", user
            )
        for interest in _interests(exercise, InterestState.NOT_SHORTLISTED):
            interest_workflow.perform(interest, "mark_unsuccessful", user)
        _close_challenge(
            exercise,
            user,
            ProcurementResult.CHALLENGER_WON
            if exercise.challenger_won
            else ProcurementResult.OTHER_BIDDER_WON,
        )
    if name == "cancel":
        _close_challenge(exercise, user, ProcurementResult.NOT_AWARDED)
    if name == "confirm_award":
        sent = timezone.now()
        assessed = exercise.interests.filter(
            state__in=[InterestState.SHORTLISTED, InterestState.NOT_SHORTLISTED]
        )
        changes["assessment_summaries"] = assessed.count()
        assessed.update(summary_sent_at=sent)
    if code:
        notice = publish_notice(exercise, code, name, kwargs["published_on"])
        changes.update(notice=code, release=notice.release["id"])
    return changes


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
        challenge_workflow.perform(challenge, "close", user, result=result)


def changes(exercise, name, kwargs) -> dict:
    if name == "open_tender":
        return {"tender_deadline": exercise.tender_deadline.isoformat()}
    if name == "propose_award":
        return {
            "supplier": exercise.supplier.name,
            "award_value": str(exercise.award_value),
            "challenger_won": exercise.challenger_won,
        }
    if name == "confirm_award":
        return {
            "standstill_days": exercise.standstill_days,
            "standstill_ends_on": exercise.standstill_ends_on.isoformat(),
        }
    if name == "award":
        return {
            "awarded_on": exercise.awarded_on.isoformat(),
            "challenger_won": exercise.challenger_won,
        }
    if name == "start_delivery":
        return {
            "signed_on": exercise.contract_signed_on.isoformat(),
            "contract_details_due": exercise.contract_details_due.isoformat(),
        }
    return {}


def _role_problem(exercise, name) -> str:
    if name in DECISIONS:
        return f"Only a decision maker of {exercise.authority.nice_name} can do this"
    return f"Only officers of {exercise.authority.nice_name} can do this"


MACHINE = runner.Machine(
    noun="procurement exercise",
    name="exercise",
    labels=LABELS,
    roles={name: DECISION_MAKER if name in DECISIONS else OFFICER for name in LABELS},
    role_problem=_role_problem,
    conditions=conditions,
    after_save=after_save,
    changes=changes,
    on_commit=lambda pk, name, state: signals.announce("procurement", pk),
)


def perform(exercise, name, user, **kwargs) -> ProcurementExercise:
    return runner.perform(MACHINE, exercise, name, user, **kwargs)


def allowed(exercise, name, user) -> bool:
    return runner.allowed(MACHINE, exercise, name, user)


def available(exercise, user) -> list[str]:
    return runner.available(MACHINE, exercise, user)


__all__ = ["ExpressionOfInterest", "open_exercise", "perform", "regime_problems"]
