"""The procurement exercise's machine, declared against the portal's workflow engine: opening
(from an accepted challenge or for any published service), the conditions of each stage (one
function per rule, citing it), the notice each stage publishes, and what the award does to the
challenge and to the expressions of interest. Run it with
`portal.workflow.perform("exercise", exercise, name, user, **kwargs)`."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from challenges.models import ProcurementResult
from challenges.models import State as ChallengeState
from portal import law, permissions
from portal.roles import DECISION_MAKER, OFFICER
from portal.workflow import Action, Machine, Step, Transition, act, perform, register
from procurement import cpv, ocds, signals, time_limits
from procurement.models import InterestState, Notice, ProcurementExercise, State
from procurement.models.common import next_reference
from procurement.regimes import process_problems, regime_problems, stage_notice, threshold_for

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
    psr_process="",
    cpv_code="",
) -> ProcurementExercise:
    """Open an exercise in `planned` with its planning record; from an accepted challenge, record
    the start of procurement on the challenge too (refused before the minimum period). Runs the
    machine's "open" action (portal.workflow.act)."""
    return act(
        "exercise",
        None,
        "open",
        user,
        service=service,
        title=title,
        description=description,
        contract_kind=contract_kind,
        regime=regime,
        estimated_value=estimated_value,
        started_on=started_on or timezone.localdate(),
        challenge=challenge,
        confidential_fields=confidential_fields,
        psr_process=psr_process,
        cpv_code=cpv_code,
    )


def officer_of_the_service(step: Step) -> list[str]:
    """The authority that runs the service buys it: its officers open the exercise."""
    authority = step.kwargs["service"].authority
    if permissions.is_officer(step.user, authority):
        return []
    return [f"Only officers of {authority.nice_name} can open a procurement exercise"]


def planning_record(step: Step) -> list[str]:
    """Procurement Act 2023 (the regime, threshold and process: procurement.regimes) and the
    planning record: a title, what is bought, a CPV code from the list, a start date not in the
    future, only values marked confidential; from a challenge, an accepted one about the
    service (Localism Act 2011 s.83(2): procurement follows acceptance)."""
    k = step.kwargs
    problems = regime_problems(
        k["contract_kind"], k["regime"], k["estimated_value"], k["started_on"]
    )
    problems += process_problems(k["regime"], k["psr_process"])
    if not (k["title"] or "").strip():
        problems.append("Enter a title for the exercise")
    if not (k["description"] or "").strip():
        problems.append("Describe what is being bought")
    if k["cpv_code"] and k["cpv_code"] not in cpv.CODES:
        problems.append("Select a CPV code from the list")
    if k["started_on"] > timezone.localdate():
        problems.append("The start date cannot be in the future")
    if not set(k["confidential_fields"]) <= dict(ProcurementExercise.CONFIDENTIAL_CHOICES).keys():
        problems.append("Only the values can be marked commercially confidential")
    challenge, service = k["challenge"], k["service"]
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
    return problems


def write_opening(step: Step) -> ProcurementExercise:
    k, user = step.kwargs, step.user
    authority, started_on, challenge = k["service"].authority, k["started_on"], k["challenge"]
    reference = next_reference(authority, "exercise", started_on.year)
    exercise = ProcurementExercise(
        reference=reference,
        authority=authority,
        service=k["service"],
        challenge=challenge,
        title=k["title"].strip(),
        description=k["description"].strip(),
        cpv_code=k["cpv_code"],
        contract_kind=k["contract_kind"],
        regime=k["regime"],
        psr_process=k["psr_process"] or "",
        estimated_value=k["estimated_value"],
        threshold_value=threshold_for(k["contract_kind"], started_on),
        started_on=started_on,
        created_by=user,
        confidential_fields=sorted(k["confidential_fields"]),
    )
    exercise.save()
    notice = publish_notice(exercise, "", "open", started_on)
    step.changes.update(
        regime=k["regime"],
        contract_kind=k["contract_kind"],
        cpv_code=k["cpv_code"],
        challenge=challenge.reference if challenge else None,
        release=notice.release["id"],
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


def psr_abandonment_after_standstill(step: Step) -> list[str]:
    """SI 2023/1348 reg 15(2)-(3), (5)(a): under the Provider Selection Regime a procurement
    abandoned in a standstill is abandoned only after the standstill ends, and its abandonment
    notice (reg 15(4)) is published after that end and within 30 days of it."""
    exercise = step.obj
    if exercise.regime != "provider_selection" or exercise.state != State.STANDSTILL:
        return []
    ends = exercise.standstill_ends_on
    published = step.kwargs.get("published_on")
    if ends and (timezone.localdate() <= ends or (published and published <= ends)):
        return [
            f"The standstill ends on {ends:%-d %B %Y}: the procurement may be abandoned, and "
            "its abandonment notice published, only after it ends (SI 2023/1348 reg 15(3), "
            "(5)(a))"
        ]
    return []


def market_engagement_notice_applies(step: Step) -> list[str]:
    """SI 2023/1348 (DOMAIN.md §2 "Provider Selection Regime"): the Act's notices do not apply,
    so preliminary market engagement, a stage that exists only to publish one of them (UK2), has
    no place in an exercise under the regime."""
    exercise = step.obj
    if exercise.regime == "provider_selection":
        return [
            "The Provider Selection Regime has no preliminary market engagement notice: "
            "publish the tender notice, or record the award, instead"
        ]
    return []


def tender_deadline_ahead(step: Step) -> list[str]:
    """Procurement Act 2023 s.54 (time limits for tenders): the tender notice gives a deadline
    that is still to come."""
    deadline = step.kwargs.get("tender_deadline")
    if not deadline:
        return ["Enter the deadline for tenders"]
    if deadline <= timezone.now():
        return ["The deadline for tenders must be in the future"]
    return []


def tender_circumstances(step: Step) -> list[str]:
    """Procurement Act 2023 s.20 and s.54(4): the tender notice of a competitive tendering
    procedure says which procedure it is and whether tenders may be sent electronically and
    every tender document comes with it (the rows of the s.54(4) table), and a state of
    urgency relied on to shorten the period is explained."""
    exercise, kwargs = step.obj, step.kwargs
    if exercise.regime not in law.TENDERING_PERIOD_REGIMES:
        return []
    problems = []
    if kwargs.get("procedure") not in dict(law.TENDERING_PROCEDURES):
        problems.append("Select the competitive tendering procedure")
    if exercise.regime != "light_touch":  # a light touch contract has no minimum to choose
        if kwargs.get("electronic") is None:
            problems.append("Select whether tenders may be sent electronically")
        if kwargs.get("documents_provided") is None:
            problems.append("Select whether every tender document is provided with the notice")
    if kwargs.get("urgency") and not (kwargs.get("urgency_reason") or "").strip():
        problems.append("Explain the state of urgency that makes the normal minimum impractical")
    planned = kwargs.get("planned_notice_on")
    published = kwargs.get("published_on")
    if planned and published and planned > published:
        problems.append("The planned procurement notice must come before the tender notice")
    return problems


def minimum_tendering_period(step: Step) -> list[str]:
    """Procurement Act 2023 s.54(4) (law.TENDERING_PERIOD_ROWS): the deadline for tenders is
    at least the minimum tendering period of the row that applies after the tender notice."""
    exercise, kwargs = step.obj, step.kwargs
    deadline, published = kwargs.get("tender_deadline"), kwargs.get("published_on")
    if not deadline or not published:
        return []
    if exercise.regime != "light_touch" and None in (
        kwargs.get("electronic"),
        kwargs.get("documents_provided"),
    ):
        return []  # tender_circumstances asks for them
    period = time_limits.tendering_period(
        exercise.regime,
        electronic=bool(kwargs.get("electronic")),
        documents_provided=bool(kwargs.get("documents_provided")),
        urgency=bool((kwargs.get("urgency_reason") or "").strip()),
        planned_on=kwargs.get("planned_notice_on"),
        published_on=published,
        submission=kwargs.get("submission") or "any_supplier",
    )
    if period is None or period.days == 0:
        return []  # no minimum (a light touch contract): tender_deadline_ahead still applies
    earliest = period.earliest_deadline(published)
    if timezone.localtime(deadline).date() >= earliest:
        return []
    problem = (
        f"The deadline for tenders must be on or after {earliest:%-d %B %Y}: at least "
        f"{period.days} days after the tender notice of {published:%-d %B %Y} "
        f"(Procurement Act 2023 s.54(4), {period.circumstance[0].lower()}"
        f"{period.circumstance[1:]})"
    )
    planned = kwargs.get("planned_notice_on")
    if planned and period.row != "planned_procurement_notice":
        problem += (
            f". The planned procurement notice of {planned:%-d %B %Y} does not shorten it: it "
            f"must be published at least {law.QUALIFYING_PLANNED_NOTICE_MIN_DAYS} days and not "
            f"more than {law.QUALIFYING_PLANNED_NOTICE_MAX_MONTHS} months before the tender "
            "notice (s.15(3))"
        )
    return [problem]


def minimum_participation_period(step: Step) -> list[str]:
    """Procurement Act 2023 s.54(3) (law.PARTICIPATION_PERIOD_ROWS): where a competitive
    flexible procedure invites requests to participate, they are due at least 25 days (10 in a
    state of urgency; none for a light touch contract) after the tender notice; a planned
    procurement notice does not shorten it."""
    exercise, kwargs = step.obj, step.kwargs
    due, published = kwargs.get("participation_deadline"), kwargs.get("published_on")
    if not due or not published:
        return []
    problems = []
    if kwargs.get("procedure") != "competitive_flexible":
        problems.append(
            "Only a competitive flexible procedure invites requests to participate "
            "(Procurement Act 2023 s.21(1)(b))"
        )
    deadline = kwargs.get("tender_deadline")
    if deadline and due > timezone.localtime(deadline).date():
        problems.append("Requests to participate must be due before the deadline for tenders")
    period = time_limits.participation_period(
        exercise.regime, urgency=bool((kwargs.get("urgency_reason") or "").strip())
    )
    if period is None or period[1] == 0:
        return problems
    row, days = period
    earliest = published + timedelta(days=days)
    if due < earliest:
        problems.append(
            f"Requests to participate must be due on or after {earliest:%-d %B %Y}: a "
            f"participation period of at least {days} days after the tender notice of "
            f"{published:%-d %B %Y} (Procurement Act 2023 s.54(3), "
            f"{time_limits.PARTICIPATION_ROWS[row][0][0].lower()}"
            f"{time_limits.PARTICIPATION_ROWS[row][0][1:]})"
        )
    return problems


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
    """Procurement Act 2023 s.51 (a standstill of at least eight working days; optional for light
    touch and below-threshold contracts, but a voluntary one is eight working days too) and, under
    the Provider Selection Regime, SI 2023/1348 reg 12 (eight working days after Direct Award
    Process C, the Most Suitable Provider Process and the Competitive Process; none after Direct
    Award Processes A and B)."""
    exercise, days = step.obj, step.kwargs.get("standstill_days")
    if days is None:
        return ["Enter the length of the standstill in working days"]
    minimum = exercise.minimum_standstill
    if exercise.regime == "provider_selection" and not minimum:
        if days:
            return [
                f"{exercise.psr_process_label.split(':')[0]} has no standstill "
                "(SI 2023/1348 reg 12(1)): enter 0"
            ]
        return []
    if minimum == 0 and days in (0, None):
        return []
    floor = minimum or law.STANDSTILL_MIN_WORKING_DAYS
    if days < floor:
        optional = " (or 0 for none)" if minimum == 0 else ""
        return [
            f"The standstill must be at least {floor} working days{optional} "
            f"({exercise.standstill_source})"
        ]
    return []


def award_after_standstill(step: Step) -> list[str]:
    """Procurement Act 2023 s.51 (the standstill is eight working days beginning with the day the
    contract award notice is published; the contract is entered into from the next working day)
    and SI 2023/1348 reg 12 (not before the end of the regime's standstill); never before the
    notice, nor in the future."""
    exercise, day = step.obj, step.kwargs.get("awarded_on")
    if not day:
        return ["Enter the date the contract was entered into"]
    if day > timezone.localdate():
        return ["The date the contract was entered into cannot be in the future"]
    if day < exercise.standstill_starts_on:
        return ["The contract cannot be entered into before the award was published"]
    earliest = exercise.earliest_award_on
    if exercise.standstill_days and day < earliest:
        return [
            f"The standstill runs until the end of {exercise.standstill_ends_on:%A %-d %B %Y} "
            f"({exercise.standstill_source}): enter into the contract on "
            f"{earliest:%A %-d %B %Y} or later"
        ]
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
    """The notice this stage publishes under the exercise's regime (law.STAGE_NOTICES, or
    law.PSR_STAGE_NOTICES by process), as an OCDS release; nothing where the regime has none."""
    code = stage_notice(step.obj, step.name)
    if code is None:
        return {"notice": None}
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
    exercise = step.obj
    return {
        "tender_deadline": exercise.tender_deadline.isoformat(),
        "tender_period_row": exercise.tender_period_row,
        "tender_period_days": exercise.tender_period_days,
        "tender_submission": exercise.tender_submission,
        "participation_deadline": (
            exercise.participation_deadline.isoformat() if exercise.participation_deadline else None
        ),
    }


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
        "contract_details_due": step.obj.contract_details_due.isoformat(),
    }


def delivery_changes(step: Step) -> dict:
    return {"signed_on": step.obj.contract_signed_on.isoformat()}


def announce(step: Step) -> None:
    """After the commit: other apps (search) re-read what the public may see."""
    signals.announce("procurement", step.obj.pk)


# --- the machine --------------------------------------------------------------------------------

NOTICE = (publish_stage_notice,)

# Plain words for public pages (never state names).
PUBLIC_EVENTS = {
    "open": "Procurement exercise planned",
    "begin_market_engagement": "Preliminary market engagement notice published",
    "open_tender": "Tender notice published: open for tenders",
    "close_tender": "Tenders closed and evaluation started",
    "propose_award": "Award of the contract proposed",
    "return_to_evaluation": "Returned to evaluation",
    "confirm_award": "Contract award notice published: the standstill period started",
    "award": "Contract awarded",
    "start_delivery": "Contract details notice published: the contract started",
    "close": "Procurement exercise closed",
    "terminate_contract": "Contract termination notice published",
    "cancel": "Procurement exercise cancelled",
    "document_added": "A document was added",
}
PUBLIC_STATES = {
    State.PLANNED: "Planned",
    State.MARKET_ENGAGEMENT: "Talking to possible suppliers before the tender",
    State.TENDER_OPEN: "Open for tenders",
    State.EVALUATION: "Tenders being evaluated",
    State.AWARD_PROPOSED: "Award of the contract proposed",
    State.STANDSTILL: "Standstill period before the contract is awarded",
    State.AWARDED: "Contract awarded",
    State.IN_DELIVERY: "Contract being delivered",
    State.CLOSED: "Closed",
    State.CANCELLED: "Cancelled",
}


MACHINE = register(
    Machine(
        name="exercise",
        public_events=PUBLIC_EVENTS,
        public_states=PUBLIC_STATES,
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
        actions=[
            Action(
                "open",
                "Open a procurement exercise",
                write_opening,
                role=OFFICER,
                conditions=(officer_of_the_service, planning_record),
                creates=True,
            )
        ],
        transitions=[
            Transition(
                "begin_market_engagement",
                "Publish the preliminary market engagement notice",
                conditions=(market_engagement_notice_applies, notice_date),
                after_save=NOTICE,
            ),
            Transition(
                "open_tender",
                "Publish the tender notice",
                conditions=(
                    notice_date,
                    tender_deadline_ahead,
                    tender_circumstances,
                    minimum_tendering_period,
                    minimum_participation_period,
                ),
                after_save=NOTICE,
                changes=(tender_changes,),
                extra_kwargs=frozenset({"urgency"}),
            ),
            Transition(
                "close_tender",
                "Close the tender and start the evaluation",
                conditions=(tender_deadline_passed,),
                after_save=(start_evaluating_interests,),
            ),
            Transition(
                "propose_award",
                "Propose the award",
                conditions=(
                    award_to_shortlisted_supplier,
                    award_value_given,
                    every_interest_assessed,
                ),
                changes=(proposal_changes,),
            ),
            Transition("return_to_evaluation", "Return to evaluation"),
            Transition(
                "confirm_award",
                "Publish the contract award notice and start the standstill",
                conditions=(notice_date, standstill_long_enough),
                after_save=(send_assessment_summaries, *NOTICE),
                changes=(standstill_changes,),
            ),
            Transition(
                "award",
                "Award the contract",
                conditions=(award_after_standstill,),
                after_save=(record_interest_outcomes, close_challenge_on_award),
                changes=(award_changes,),
            ),
            Transition(
                "start_delivery",
                "Publish the contract details notice",
                conditions=(notice_date, contract_signed_after_award, contract_term),
                after_save=NOTICE,
                changes=(delivery_changes,),
            ),
            Transition(
                "close",
                "Close the exercise",
                conditions=(closing_date,),
            ),
            Transition(
                "terminate_contract",
                "Publish the contract termination notice",
                conditions=(notice_date, termination_reason_given),
                after_save=NOTICE,
            ),
            Transition(
                "cancel",
                "Cancel the procurement",
                conditions=(
                    notice_date,
                    cancellation_reason_given,
                    psr_abandonment_after_standstill,
                ),
                after_save=(close_challenge_on_cancel, *NOTICE),
            ),
        ],
    )
)
MACHINE.hook("commit")(announce)
LABELS = {t.name: t.label for t in MACHINE.transitions}
