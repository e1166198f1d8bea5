"""A challenge transition through the workflow engine's `perform` (the row locked, the state,
role and conditions checked, the save, the audit event, the hooks and the published event)
against a bare save() of the same row in its own transaction, on PostgreSQL; medians of RUNS
each, printed as ratios.

Figures:
- start_assessment on RUNS submitted cases; each case's row is first saved bare, then moved by
  `perform("challenge", ...)` as the views call it. Goal <= 2.0.
- the clarification round (request, then answer) on one case, which also writes a message each
  time; each step against a bare save. Goal <= 2.5.
"""

import statistics
import time

from portal.workflow import perform

RUNS = 240
GOAL = 2.0
CLARIFICATION_GOAL = 2.5


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
    provider, officer = world[2], world[4]
    challenge = perform("challenge", submitted_case(world), "start_assessment", officer)
    transitions, saves = [], []
    for _ in range(RUNS):
        if challenge.state == "under_assessment":
            step = lambda: perform(  # noqa: E731
                "challenge", challenge, "request_clarification", officer, question="Which parks?"
            )
        else:
            step = lambda: perform(  # noqa: E731
                "challenge", challenge, "answer_clarification", provider, answer="All of them."
            )
        transitions.append(timed(step))
        saves.append(timed(bare_save(challenge)))
    return transitions, saves


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
    world = build_world()
    clarification_figures(world)  # warm up
    report("start_assessment, perform", *start_assessment_figures(world))
    report(
        "clarification round, perform",
        *clarification_figures(world),
        goal=CLARIFICATION_GOAL,
    )


def main() -> None:
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        measure()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
