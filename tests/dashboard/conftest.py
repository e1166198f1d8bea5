"""Hand-built challenges with known answers, made through the real transitions at chosen moments
(time-machine moves the clock), for the dashboard's figures.

Westshire publishes its periods (decisions within 20 working days; procurement no sooner than
10 calendar days after acceptance); Eastshire has published none. Eastshire's service is run
jointly with Westshire.

- c4, Westshire, Riverside (charitable trust), received Mon 3 Jun 2024: a modification proposed
  17 Jun (10 working days, on time), agreed 20 Jun; with a subcontractor (a consortium).
- c1, Westshire, Riverside, Mon 3 Mar 2025 10:00: accepted 10 Mar (5 working days); a procurement
  exercise opened 24 Mar (14 days later), awarded to the challenger on 1 Sep (£250,000).
- c2, Westshire, Riverside, Mon 3 Mar 2025 11:00: rejected 14 Apr (30 working days; late, due
  31 Mar), citing body_unsuitable and non_compliant.
- c3, Westshire, Westshire's staff group, Wed 5 Mar 2025: withdrawn 12 Mar.
- c5, Eastshire (joint with Westshire), Riverside, Thu 1 May 2025: accepted 8 May (4 working
  days: 5 May is a bank holiday); no period to measure against, as Eastshire published none.

So England: 4 decisions, 3 measured against a period (c1, c2, c4), 2 of them on time; 1 with no
period (c5); every base is below the minimum of 5, so each rate is "too few to say".

The `ledger` fixture adds Northshire's rows (written directly, with chosen dates; answers worked
out by hand in its docstring), enough cases for rated figures and their edge cases.
"""

from datetime import date, datetime, time
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import timezone

from challenges import workflow as challenge_workflow
from challenges.models import Challenge, Partner
from portal.models import Membership, Organisation
from portal.workflow import perform
from procurement.exercise_workflow import open_exercise
from procurement.models import ProcurementExercise
from tests import builders
from tests.challenges.conftest import CONTENTS

WELLBEING = "Local jobs and volunteering (Localism Act 2011 s.83(4))."


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def make(service, organisation, person, **fields) -> Challenge:
    return Challenge.objects.create(
        service=service,
        authority=service.authority,
        organisation=organisation,
        created_by=person,
        **{**CONTENTS, "has_partners": False, **fields},
    )


def step(moment, challenge, name, person, **kwargs):
    with time_machine.travel(moment, tick=False):
        perform("challenge", challenge, name, person, **kwargs)


@pytest.fixture
def cases(db):
    return build_cases()


def build_cases() -> SimpleNamespace:
    builders.site_tree()
    west = builders.authority(
        "WST",
        nice_name="Westshire",
        slug="westshire",
        region="South West",
        authority_type="UA",
        decision_period=20,
        decision_period_unit="working_days",
        procurement_min_period=10,
        procurement_min_period_unit="calendar_days",
        timescales_published_on=date(2024, 1, 2),
    )
    east = builders.authority(
        "EST", nice_name="Eastshire", slug="eastshire", region="East of England",
        authority_type="NMD", decision_period=None, procurement_min_period=None,
        timescales_published_on=None,  # has published no s.84 periods
    )  # fmt: skip
    with time_machine.travel(at(date(2024, 1, 5)), tick=False):
        west_service = builders.service(west, "Community libraries")
        east_service = builders.service(east, "Youth clubs")
        east_service.partner_authorities.set([west])
        east_service.save()  # a ParentalManyToManyField is written when the page is saved
    provider, riverside = builders.provider("Riverside Youth Trust", "charitable_trust")
    staff_member = builders.user()
    staff_group = Organisation.objects.create(
        name="Westshire Staff Mutual", body_type="employee_group", employer=west, employee_count=6
    )
    Membership.objects.create(
        user=staff_member, organisation=staff_group, role=Membership.ADMIN, approved=True
    )
    builders.confirm_eligibility(staff_group)
    w_officer, w_decider = builders.staff("officer", west), builders.staff("decision_maker", west)
    e_officer, e_decider = builders.staff("officer", east), builders.staff("decision_maker", east)

    c4 = make(west_service, riverside, provider, has_partners=True)
    Partner.objects.create(
        challenge=c4, name="Northern Leisure Ltd", role=Partner.SUBCONTRACTOR,
        partner_type="commercial", financial_resources="£3m turnover.", capability="Twelve sites.",
    )  # fmt: skip
    step(at(date(2024, 6, 3)), c4, "submit", provider)
    step(at(date(2024, 6, 4)), c4, "start_assessment", w_officer)
    step(
        at(date(2024, 6, 17)), c4, "propose_modification", w_decider,
        terms="Evenings only.", grounds=["info_inadequate_or_inaccurate"], reasons="Not costed.",
        wellbeing=WELLBEING,
    )  # fmt: skip
    step(at(date(2024, 6, 20)), c4, "agree_modification", provider)

    c1 = make(west_service, riverside, provider)
    step(at(date(2025, 3, 3), 10), c1, "submit", provider)
    c2 = make(west_service, riverside, provider)
    step(at(date(2025, 3, 3), 11), c2, "submit", provider)
    c3 = make(west_service, staff_group, staff_member, employee_engagement="Staff ballot.")
    step(at(date(2025, 3, 5)), c3, "submit", staff_member)
    step(at(date(2025, 3, 4)), c1, "start_assessment", w_officer)
    step(at(date(2025, 3, 10)), c1, "accept", w_decider, reasons="Good.", wellbeing=WELLBEING)
    step(at(date(2025, 3, 12)), c3, "withdraw", staff_member, reason="Changed plans.")
    with time_machine.travel(at(date(2025, 3, 24)), tick=False):
        exercise = open_exercise(
            w_officer, service=west_service, title="Community libraries contract",
            description="Running the libraries.", contract_kind="light_touch_services",
            cpv_code="85311300-5", regime="light_touch", estimated_value=900_000,
            started_on=date(2025, 3, 24), challenge=c1,
        )  # fmt: skip
    # the award, as the exercise's workflow records it (its steps are tested in tests/procurement)
    ProcurementExercise.objects.filter(pk=exercise.pk).update(
        state="awarded", awarded_on=date(2025, 9, 1), challenger_won=True, award_value=250_000
    )
    step(at(date(2025, 3, 25)), c2, "start_assessment", w_officer)
    step(
        at(date(2025, 4, 14)), c2, "reject", w_decider,
        grounds=["body_unsuitable", "non_compliant"], reasons="No safeguarding policy.",
        wellbeing="Unsafe provision would not improve the area.",
    )  # fmt: skip
    step(at(date(2025, 9, 1)), c1, "close", w_officer, result="challenger_won")

    c5 = make(east_service, riverside, provider)
    step(at(date(2025, 5, 1)), c5, "submit", provider)
    step(at(date(2025, 5, 2)), c5, "start_assessment", e_officer)
    with time_machine.travel(at(date(2025, 5, 7)), tick=False):
        challenge_workflow.record_agreement(c5, w_decider, "accepted", authority=west)
    step(at(date(2025, 5, 8)), c5, "accept", e_decider, reasons="Good.", wellbeing=WELLBEING)

    for c in (c1, c2, c3, c4, c5):
        c.refresh_from_db()
    return SimpleNamespace(west=west, east=east, c1=c1, c2=c2, c3=c3, c4=c4, c5=c5)


@pytest.fixture
def ledger(cases):
    return build_ledger(cases)


def build_ledger(cases) -> SimpleNamespace:
    """Northshire (a unitary authority in the South West) published a maximum period of 20
    working days that took effect on 1 Jan 2025. Its challenges, written as rows with chosen dates
    (no bank holiday falls between 2 Dec and 16 Dec 2024 or between 6 Jan and 10 Feb 2025):

    - n1: received Mon 6 Jan 2025, due Mon 3 Feb; accepted Mon 13 Jan: 5 working days, on time.
    - n2: received 6 Jan, due 3 Feb; rejected Mon 20 Jan: 10 working days, on time.
    - n3: received 6 Jan, due 3 Feb; rejected Mon 10 Feb: 25 working days, late.
    - n4: received 6 Jan, due 3 Feb; accepted Mon 3 Feb: 20 working days, on time (the due day).
    - n5: received 6 Jan in a window closing Fri 31 Jan, due Fri 28 Feb; rejected Wed 15 Jan,
      before the window closed: on time, and left out of the median (not 0 days).
    - n6: received Mon 2 Dec 2024, before the period took effect (no due date); accepted Mon 16
      Dec: 10 working days; no period to measure against.
    - n7: received 6 Jan, not decided.

    Northshire: 7 received, 6 decided; 5 measured against a period, 4 on time: 80% (4 of 5),
    95% interval 37.6% to 96.4%; no period to measure against 1 of 6 (16.7%); working days
    timed 5, 10, 25, 20, 10 (n5 left out): median 10 (of 5); accepted 3 of 6 (50%), rejected 3
    of 6 (50%).
    """
    north = builders.authority(
        "NSH", nice_name="Northshire", slug="northshire", region="South West",
        authority_type="UA", decision_period=20, decision_period_unit="working_days",
        procurement_min_period=10, procurement_min_period_unit="calendar_days",
        timescales_published_on=date(2025, 1, 1),
    )  # fmt: skip
    with time_machine.travel(at(date(2024, 11, 1)), tick=False):
        service = builders.service(north, "Parks")
    jan6, dec2 = at(date(2025, 1, 6)), at(date(2024, 12, 2))
    rows = {
        "n1": (jan6, date(2025, 2, 3), date(2025, 1, 13), "accepted", None),
        "n2": (jan6, date(2025, 2, 3), date(2025, 1, 20), "rejected", None),
        "n3": (jan6, date(2025, 2, 3), date(2025, 2, 10), "rejected", None),
        "n4": (jan6, date(2025, 2, 3), date(2025, 2, 3), "accepted", None),
        "n5": (jan6, date(2025, 2, 28), date(2025, 1, 15), "rejected", date(2025, 1, 31)),
        "n6": (dec2, None, date(2024, 12, 16), "accepted", None),
        "n7": (jan6, date(2025, 2, 3), None, "", None),
    }
    made = {}
    for key, (received, due, decided, outcome, window_closes_on) in rows.items():
        made[key] = Challenge.objects.create(
            service=service, authority=north, organisation=cases.c1.organisation,
            created_by=cases.c1.created_by, **CONTENTS, has_partners=False,
            state=outcome or "under_assessment", outcome=outcome,
            grounds=["body_unsuitable"] if outcome == "rejected" else [],
            received_at=received, decision_due=due, window_closes_on=window_closes_on,
            decided_at=at(decided, 15) if decided else None,
        )  # fmt: skip
    return SimpleNamespace(north=north, **made)
