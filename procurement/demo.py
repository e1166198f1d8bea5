"""Demo procurement exercises in every state, expressions of interest, and transfer agreements,
all made through the transitions (after the challenges demo).

Notice dates are given in the past so that a whole exercise can be shown; tender deadlines that
must have passed are moved back after the tender opens, and the acceptance of the challenges that
start procurement is moved back past the authority's minimum period. The states, notices, OCDS
releases and the audit trail come only from the transitions.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from challenges.demo import body_member, make_case, staff_user
from challenges.models import Challenge
from documents.demo import summary_pdf, upload
from portal.models import Organisation, ServiceSpecificationPage
from portal.workflow import perform
from procurement import attachments
from procurement import exercise_workflow as ew
from procurement import interest_workflow as iw
from procurement.models import ExpressionOfInterest, ProcurementExercise

BIDDERS = ["Riverside Youth Trust", "Greenway Community Transport", "Millbrook Parish Council"]

# (authority, service, challenger or None, contract kind, regime, value, target state, winner)
EXERCISES = [
    (
        "MAN",
        "Community libraries",
        None,
        "light_touch_services",
        "light_touch",
        11_700_000,
        "planned",
        None,
    ),
    (
        "TRF",
        "Children's social care: early help and family support",
        None,
        "light_touch_services",
        "light_touch",
        14_400_000,
        "market_engagement",
        None,
    ),
    (
        "MAN",
        "Leisure centres and swimming pools",
        None,
        "light_touch_services",
        "light_touch",
        21_600_000,
        "tender_open",
        None,
    ),
    (
        "SKP",
        "Parks maintenance and friends-of-parks support",
        None,
        "goods_services",
        "competitive",
        6_300_000,
        "evaluation",
        None,
    ),
    (
        "TRF",
        "Youth clubs and detached youth work",
        None,
        "light_touch_services",
        "light_touch",
        1_860_000,
        "award_proposed",
        "Riverside Youth Trust",
    ),
    (
        "BST",
        "Parks and green spaces volunteering",
        None,
        "goods_services",
        "competitive",
        1_170_000,
        "standstill",
        "Millbrook Parish Council",
    ),
    (
        "TRF",
        "Adult day services for people with learning disabilities",
        "Riverside Youth Trust",
        "light_touch_services",
        "light_touch",
        4_950_000,
        "awarded",
        "Greenway Community Transport",
    ),
    (
        "SKP",
        "Community transport for older and disabled people",
        "Millbrook Parish Council",
        "goods_services",
        "competitive",
        1_620_000,
        "in_delivery",
        "Millbrook Parish Council",
    ),
    (
        "HCK",
        "Adventure playgrounds",
        None,
        "goods_services",
        "below_threshold",
        195_000,
        "closed",
        "Greenway Community Transport",
    ),
    (
        "SLF",
        "Stop smoking service",
        "Riverside Youth Trust",
        "health_care_services",
        "provider_selection",
        1_440_000,
        "cancelled",
        None,
    ),
]
ORDER = [
    "planned",
    "market_engagement",
    "tender_open",
    "evaluation",
    "award_proposed",
    "standstill",
    "awarded",
    "in_delivery",
    "closed",
]


def _reached(target, stage) -> bool:
    if target == "cancelled":
        return ORDER.index(stage) <= ORDER.index("evaluation")
    return ORDER.index(target) >= ORDER.index(stage)


def _accepted_challenge(code, title, organisation) -> Challenge:
    challenge = make_case(code, title, organisation, "accepted", {})
    then = timezone.now() - timedelta(days=400)
    Challenge.objects.filter(pk=challenge.pk).update(
        received_at=then - timedelta(days=40), decided_at=then
    )
    return Challenge.objects.get(pk=challenge.pk)


def _interest(exercise, organisation_name, price, n) -> ExpressionOfInterest:
    organisation = Organisation.objects.get(name=organisation_name)
    member = body_member(organisation)
    interest = iw.start(member, exercise, organisation)
    iw.save_draft(
        interest,
        member,
        proposal=f"We would run {exercise.service.title.lower()} with a local team, a users' "
        f"panel and monthly reports to the council. Mobilisation plan of {6 + n} weeks.",
        price=price,
    )
    bid = summary_pdf(
        f"{organisation.name}: bid for {exercise.reference}",
        [
            f"Service: {exercise.service.title}.",
            f"Price including VAT: £{price:,}.",
            f"Mobilisation in {6 + n} weeks; a named service manager from day one.",
        ],
    )
    attachments.add_to_interest(upload(bid, "bid.pdf"), interest, member)
    return perform("interest", interest, "submit", member)


# What each demo exercise buys, by its real CPV 2008 code (procurement/cpv.py).
CPV_CODES = {
    "Community libraries": "92511000-6",
    "Leisure centres and swimming pools": "92610000-0",
    "Children's social care: early help and family support": "85312000-9",
    "Parks maintenance and friends-of-parks support": "77310000-6",
    "Youth clubs and detached youth work": "85311300-5",
    "Parks and green spaces volunteering": "77310000-6",
    "Adult day services for people with learning disabilities": "85312100-0",
    "Community transport for older and disabled people": "60130000-8",
    "Adventure playgrounds": "92000000-1",
    "Stop smoking service": "85323000-9",
}


def make_exercise(code, title, challenger, kind, regime, value, target, winner):
    today = timezone.localdate()
    service = ServiceSpecificationPage.objects.get(authority__code=code, title=title)
    officer, decider = staff_user(code, "officer"), staff_user(code, "decision_maker")
    challenge = _accepted_challenge(code, title, challenger) if challenger else None
    exercise = ew.open_exercise(
        officer,
        service=service,
        challenge=challenge,
        title=f"{title}: contract from {today.year + 1}",
        description=service.summary,
        cpv_code=CPV_CODES[title],
        contract_kind=kind,
        regime=regime,
        estimated_value=value,
        started_on=today - timedelta(days=120),
        # The Stop smoking service is bought by the Competitive Process (SI 2023/1348 reg 11).
        psr_process="competitive" if regime == "provider_selection" else "",
    )

    def go(name, person, **kwargs):
        nonlocal exercise
        exercise = perform("exercise", exercise, name, person, **kwargs)

    # The Provider Selection Regime has no preliminary market engagement notice (UK2).
    if _reached(target, "market_engagement") and regime != "provider_selection":
        go("begin_market_engagement", officer, published_on=today - timedelta(days=110))
    if _reached(target, "tender_open"):
        # Open procedure, electronic tenders, every document with the notice: at least 25 days
        # (Procurement Act 2023 s.54(4)); the deadline is well beyond it.
        go(
            "open_tender",
            officer,
            published_on=today - timedelta(days=90),
            tender_deadline=timezone.now() + timedelta(days=28),
            procedure="open",
            electronic=True,
            documents_provided=True,
        )
        bidders = [b for b in BIDDERS if b != winner][:1] + ([winner] if winner else BIDDERS[1:2])
        if challenger and challenger not in bidders:
            bidders.append(challenger)
        for n, name in enumerate(dict.fromkeys(bidders)):
            _interest(exercise, name, int(value * (0.8 + 0.05 * n)) // 1000 * 1000, n)
    if target == "cancelled":
        go(
            "cancel",
            decider,
            published_on=today - timedelta(days=30),
            reason="The NHS integrated care board has taken over commissioning of the service "
            "under a section 75 agreement, so no contract will follow.",
        )
        return exercise
    if _reached(target, "evaluation"):
        ProcurementExercise.objects.filter(pk=exercise.pk).update(
            tender_deadline=timezone.now() - timedelta(days=60)
        )
        exercise = ProcurementExercise.objects.get(pk=exercise.pk)
        go("close_tender", officer)
    if _reached(target, "award_proposed"):
        for n, interest in enumerate(exercise.interests.order_by("pk")):
            interest.exercise = exercise
            won = interest.organisation.name == winner
            perform(
                "interest",
                interest,
                "shortlist",
                officer,
                score=82 if won else 64 - 9 * n,
                assessment_summary=(
                    "Quality 55/60: a strong mobilisation plan and users' panel. "
                    "Price 27/40: within budget."
                    if won
                    else f"Quality {41 - 5 * n}/60: the staffing plan left evening cover unclear. "
                    "Price 23/40."
                ),
            )
        winning = exercise.interests.get(organisation__name=winner)
        go("propose_award", officer, interest=winning, award_value=winning.price)
    if _reached(target, "standstill"):
        days_ago = 0 if target == "standstill" else 45
        go(
            "confirm_award",
            decider,
            published_on=today - timedelta(days=days_ago),
            standstill_days=0 if regime == "below_threshold" else 8,
        )
    if _reached(target, "awarded"):
        go("award", decider, awarded_on=today - timedelta(days=20))
    if _reached(target, "in_delivery"):
        signed = today - timedelta(days=15)
        go(
            "start_delivery",
            officer,
            published_on=today - timedelta(days=10),
            signed_on=signed,
            starts_on=signed + timedelta(days=1) if target == "closed" else today,
            ends_on=signed + timedelta(days=3 * 365),
        )
    if target == "closed":
        go("close", officer, closed_on=today)
    return exercise


def seed(stdout=None) -> int:
    if ProcurementExercise.objects.exists():
        return 0
    with transaction.atomic():
        exercises = [make_exercise(*row) for row in EXERCISES]
    if stdout:
        stdout.write(f"Demo procurement exercises: {len(exercises)}")
    return len(exercises)
