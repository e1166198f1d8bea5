"""Hand-built challenges with known answers, made through the real transitions at chosen moments
(time-machine moves the clock), for the dashboard's figures.

Westshire publishes its periods (decisions within 20 working days; procurement no sooner than
10 calendar days after acceptance); Eastshire has published none. Eastshire's service is run
jointly with Westshire.

- c4, Westshire, Riverside (charitable trust), received Mon 3 Jun 2024: a modification proposed
  17 Jun (10 working days, on time), agreed 20 Jun; with a subcontractor (a consortium).
- c1, Westshire, Riverside, Mon 3 Mar 2025 10:00: accepted 10 Mar (5 working days); procurement
  started 24 Mar (14 days later); closed, won by the challenger.
- c2, Westshire, Riverside, Mon 3 Mar 2025 11:00: rejected 14 Apr (30 working days; late, due
  31 Mar), citing body_unsuitable and non_compliant.
- c3, Westshire, Westshire's staff group, Wed 5 Mar 2025: withdrawn 12 Mar.
- c5, Eastshire (joint with Westshire), Riverside, Thu 1 May 2025: accepted 8 May (4 working
  days: 5 May is a bank holiday); not on time, as Eastshire published no period.
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
    step(
        at(date(2025, 3, 24)), c1, "start_procurement", w_officer,
        started_on=date(2025, 3, 24), procurement_reference="FTS-1",
    )  # fmt: skip
    step(at(date(2025, 3, 25)), c2, "start_assessment", w_officer)
    step(
        at(date(2025, 4, 14)), c2, "reject", w_decider,
        grounds=["body_unsuitable", "non_compliant"], reasons="No safeguarding policy.",
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
