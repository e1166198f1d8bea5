"""A Trafford service with an accepted challenge old enough for procurement, its staff, the
challenger and a rival provider; helpers that run an exercise through its stages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from challenges.models import Challenge
from portal.workflow import perform
from procurement import exercise_workflow, interest_workflow
from procurement.models import ExpressionOfInterest, ProcurementExercise
from tests.challenges.conftest import advance, draft

TODAY = timezone.localdate


def fresh(obj):
    """The row as stored now (refresh_from_db is not allowed on protected state fields)."""
    return type(obj).objects.get(pk=obj.pk)


def age_decision(challenge, days=200):
    Challenge.objects.filter(pk=challenge.pk).update(
        decided_at=timezone.now() - timedelta(days=days)
    )
    return fresh(challenge)


@pytest.fixture
def accepted(world):
    challenge = draft(world.service, world.organisation, world.provider)
    advance(challenge, world, "submit", "start_assessment", "accept")
    return challenge


def open_from_challenge(world, challenge, **fields):
    values = {
        "service": world.service,
        "title": "Youth clubs contract",
        "description": "Running four youth clubs and detached youth work.",
        "contract_kind": "light_touch_services",
        "cpv_code": "85311300-5",
        "regime": "light_touch",
        "estimated_value": 900_000,
        "challenge": challenge,
        "started_on": TODAY() - timedelta(days=60),
    }
    values.update(fields)
    return exercise_workflow.open_exercise(world.officer, **values)


def open_plain(world, **fields):
    return open_from_challenge(world, None, **fields)


def interest(world, exercise, who="provider", price=800_000):
    person, org = (
        (world.provider, world.organisation)
        if who == "provider"
        else (
            world.rival,
            world.rival_org,
        )
    )
    eoi = interest_workflow.start(person, exercise, org)
    interest_workflow.save_draft(eoi, person, proposal="Four clubs, five nights.", price=price)
    return perform("interest", eoi, "submit", person)


def pass_deadline(exercise):
    ProcurementExercise.objects.filter(pk=exercise.pk).update(
        tender_deadline=timezone.now() - timedelta(minutes=1)
    )
    return fresh(exercise)


def to_tender(world, exercise):
    perform(
        "exercise",
        exercise,
        "begin_market_engagement",
        world.officer,
        published_on=TODAY() - timedelta(50),
    )
    return perform(
        "exercise",
        exercise,
        "open_tender",
        world.officer,
        published_on=TODAY() - timedelta(days=40),
        tender_deadline=timezone.now() + timedelta(days=30),
        procedure="open",
        electronic=True,
        documents_provided=True,
    )


def to_evaluation(world, exercise, bidders=("provider", "rival")):
    to_tender(world, exercise)
    for who in bidders:
        interest(world, exercise, who)
    exercise = pass_deadline(exercise)
    return perform("exercise", exercise, "close_tender", world.officer)


def assess(world, exercise, scores):
    for org, score in scores.items():
        eoi = ExpressionOfInterest.objects.get(exercise=exercise, organisation=org)
        eoi.exercise = exercise
        perform(
            "interest",
            eoi,
            "shortlist" if score >= 50 else "reject",
            world.officer,
            score=score,
            assessment_summary=f"Scored {score}: strong on outreach, weaker on cost.",
        )


def to_standstill(world, exercise, winner, standstill_days=8):
    assess(world, exercise, {world.organisation: 80, world.rival_org: 70})
    winning = ExpressionOfInterest.objects.get(exercise=exercise, organisation=winner)
    perform(
        "exercise", exercise, "propose_award", world.officer, interest=winning, award_value=780_000
    )
    return perform(
        "exercise",
        exercise,
        "confirm_award",
        world.decider,
        published_on=TODAY() - timedelta(days=20),
        standstill_days=standstill_days,
    )


@pytest.fixture
def partners(world):
    from .agreements_helpers import nhs_body, nhs_partner

    world.icb = nhs_body()
    world.icb_partner = nhs_partner(world.icb)
    world.trust = nhs_body("Manchester University NHS Foundation Trust", "R0A", "foundation_trust")
    world.trust_partner = nhs_partner(world.trust)
    return world


from tests.documents.conftest import s3, s3_bucket  # noqa: E402, F401  (documents on the S3 server)
