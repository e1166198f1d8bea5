"""A challenge transition through the workflow engine's `perform` (the row locked, the state,
role and conditions checked, the save, the audit event, the hooks and the published event)
against a bare save() of the same row in its own transaction, on PostgreSQL; medians of RUNS
each, printed as ratios.

Figures:
- start_assessment on RUNS submitted cases; each case's row is first saved bare, then moved by
  `perform("challenge", ...)` as the views call it. Goal <= 2.0.
- the clarification round (request, then answer) on one case, which also writes a message and
  queues an email each time, against two bare saves. Goal <= 2.5.

Tasks (the outbox's email delivery) go to the database queue as in production
(settings/production.py), not the test settings' immediate backend: a transition queues its
emails; a worker sends them.
"""

import statistics
import time

from django.test import override_settings

from bench.runner import env_int, in_scratch_database
from portal.workflow import perform

RUNS = env_int("BENCH_RUNS", 240, smoke_size=4)
GOAL = 2.0
CLARIFICATION_GOAL = 2.5
PRODUCTION_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def build_world():
    from tests import builders

    trafford = builders.authority(
        "TRF", gss_code="E08000009", name="Trafford Council", nice_name="Trafford", slug="trafford"
    )
    service = builders.service(trafford, "Youth clubs")
    provider, organisation = builders.provider()
    officer = builders.staff("officer", trafford)
    return trafford, service, provider, organisation, officer


def submitted_case(world):
    from challenges.models import Challenge

    trafford, service, provider, organisation, _ = world
    challenge = Challenge.objects.create(
        service=service,
        authority=trafford,
        organisation=organisation,
        created_by=provider,
        financial_resources="Reserves of four months.",
        capability_evidence="Ran two youth clubs since 2019.",
        service_area="The whole borough.",
        outcomes_wellbeing="Volunteering and local jobs.",
        outcomes_user_needs="A young people's panel.",
        has_partners=False,
    )
    return perform("challenge", challenge, "submit", provider)


def timed(fn) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def bare_save(challenge):
    from django.db import transaction

    def run():
        with transaction.atomic():
            challenge.save()

    return run


def start_assessment_figures(world) -> tuple[list[float], list[float]]:
    officer = world[4]
    transitions, saves = [], []
    cases = [submitted_case(world) for _ in range(RUNS)]
    for challenge in cases:
        saves.append(timed(bare_save(challenge)))
        transitions.append(
            timed(lambda c=challenge: perform("challenge", c, "start_assessment", officer))
        )
    return transitions, saves


def clarification_figures(world) -> tuple[list[float], list[float]]:
    """Rounds of request + answer on one case, each against two bare saves of its row."""
    provider, officer = world[2], world[4]
    challenge = perform("challenge", submitted_case(world), "start_assessment", officer)
    rounds, saves = [], []
    for _ in range(RUNS):
        began = time.perf_counter()
        perform("challenge", challenge, "request_clarification", officer, question="Which parks?")
        perform("challenge", challenge, "answer_clarification", provider, answer="All of them.")
        rounds.append(time.perf_counter() - began)
        saves.append(timed(bare_save(challenge)) + timed(bare_save(challenge)))
    return rounds, saves


def report(label, transitions, saves, goal=GOAL) -> None:
    t, s = statistics.median(transitions), statistics.median(saves)
    verdict = "met" if t / s <= goal else "NOT met"
    print(
        f"{label}: transition {t * 1000:.2f} ms, bare save {s * 1000:.2f} ms "
        f"(medians of {len(transitions)}); ratio {t / s:.2f} (goal <= {goal:.1f}: {verdict})"
    )


def measure() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        print(f"(on {connection.vendor}, not PostgreSQL: the goal is set for PostgreSQL)")
    with override_settings(TASKS=PRODUCTION_TASKS):
        run_figures()


def run_figures() -> None:
    world = build_world()
    clarification_figures(world)  # warm up
    report("start_assessment, perform", *start_assessment_figures(world))
    report(
        "clarification round (request + answer), perform",
        *clarification_figures(world),
        goal=CLARIFICATION_GOAL,
    )


def main() -> None:
    in_scratch_database(measure)
