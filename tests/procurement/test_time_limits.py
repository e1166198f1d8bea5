"""Procurement time limits through the workflow: the minimum tendering periods of the
Procurement Act 2023 s.54(4), the s.51 standstill across bank holidays of each nation, the UK7
deadline of s.53 on the exercise's page and the officers' task list, all seventeen notices, and
the Provider Selection Regime's own processes, notices and standstill (SI 2023/1348)."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from messaging import task_list as tasks
from portal import law
from portal.workflow import Refused, perform
from procurement import time_limits
from procurement.models import ExpressionOfInterest, ProcurementExercise, State
from tests import builders
from tests.dates import date_input

from .conftest import TODAY, assess, fresh, interest, open_plain, pass_deadline

pytestmark = pytest.mark.django_db


def at_noon(day):
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def competitive(world, **fields):
    values = {
        "contract_kind": "goods_services",
        "regime": "competitive",
        "estimated_value": 500_000,
    }
    return open_plain(world, **{**values, **fields})


def tender(world, exercise, *, published_on, days, **circumstances):
    values = {"procedure": "open", "electronic": True, "documents_provided": True}
    return perform(
        "exercise",
        exercise,
        "open_tender",
        world.officer,
        published_on=published_on,
        tender_deadline=at_noon(published_on + timedelta(days=days)),
        **{**values, **circumstances},
    )


# --- s.54: minimum tendering periods ---------------------------------------------------------


@pytest.mark.parametrize(
    "regime,circumstances,row,days",
    [
        (
            "competitive",
            {"electronic": True, "documents_provided": True},
            "electronic_with_documents",
            25,
        ),
        (
            "competitive",
            {"electronic": True, "documents_provided": False},
            "electronic_without_documents",
            30,
        ),
        (
            "competitive",
            {"electronic": False, "documents_provided": True},
            "paper_with_documents",
            30,
        ),
        (
            "competitive",
            {"electronic": False, "documents_provided": False},
            "paper_without_documents",
            35,
        ),
        (
            "competitive",
            {"electronic": False, "documents_provided": False, "urgency": True},
            "urgency",
            10,
        ),
        ("light_touch", {"electronic": True, "documents_provided": True}, "light_touch", 0),
        # The rows for an authority that is not a central government authority (every council),
        # read in s.54(4)'s table: negotiated, none; pre-selected suppliers, 10 days; and a
        # dynamic market's award, 10 days.
        (
            "competitive",
            {"electronic": False, "documents_provided": False, "submission": "negotiated"},
            "negotiated",
            0,
        ),
        (
            "competitive",
            {"electronic": True, "documents_provided": True, "submission": "preselected"},
            "preselected",
            10,
        ),
        (
            "competitive",
            {"electronic": True, "documents_provided": True, "submission": "dynamic_market"},
            "dynamic_market",
            10,
        ),
        (
            "competitive",
            {
                "electronic": True,
                "documents_provided": True,
                "submission": "preselected",
                "central_government": True,
            },
            "electronic_with_documents",
            25,
        ),
    ],
)
def test_the_row_of_the_table(regime, circumstances, row, days):
    """Procurement Act 2023 s.54(4): the shortest row that applies to the tender's
    circumstances."""
    period = time_limits.tendering_period(regime, **circumstances)
    assert (period.row, period.days) == (row, days)


def test_a_planned_procurement_notice_qualifies_40_days_to_12_months_before():
    """Procurement Act 2023 s.15(3) (qualifying planned procurement notice, UK3): published at
    least 40 days and not more than 12 months before the tender notice, it shortens the minimum
    to 10 days (s.54(4)); otherwise the normal row applies. Twelve calendar months across a leap
    year are 366 days (1 March 2027 to 1 March 2028)."""
    published = date(2026, 11, 30)
    for planned, days in [
        (date(2026, 10, 21), 10),  # 40 days before
        (date(2026, 10, 22), 25),  # 39 days before
        (date(2025, 11, 30), 10),  # 12 months before
        (date(2025, 11, 29), 25),  # 12 months and a day
    ]:
        period = time_limits.tendering_period(
            "competitive",
            electronic=True,
            documents_provided=True,
            planned_on=planned,
            published_on=published,
        )
        assert period.days == days, planned
    # A leap year: 12 months before 1 March 2028 is 1 March 2027, 366 days earlier.
    assert time_limits.planned_notice_qualifies(date(2027, 3, 1), date(2028, 3, 1))
    assert not time_limits.planned_notice_qualifies(date(2027, 2, 28), date(2028, 3, 1))
    assert (
        time_limits.tendering_period("below_threshold", electronic=True, documents_provided=True)
        is None
    )
    assert (
        time_limits.tendering_period("provider_selection", electronic=True, documents_provided=True)
        is None
    )


def test_an_open_procedure_deadline_needs_25_days(world):
    """Procurement Act 2023 s.54(4): electronic tenders with every document provided, at least
    25 days; the refusal says the earliest day and the row."""
    exercise = competitive(world)
    with pytest.raises(Refused) as refused:
        tender(world, exercise, published_on=TODAY(), days=24)
    earliest = TODAY() + timedelta(days=25)
    assert refused.value.problems == [
        f"The deadline for tenders must be on or after {earliest:%-d %B %Y}: at least 25 days "
        f"after the tender notice of {TODAY():%-d %B %Y} (Procurement Act 2023 s.54(4), tenders "
        "may be sent electronically and every tender document is provided with the notice)"
    ]
    exercise = tender(world, fresh(exercise), published_on=TODAY(), days=25)
    exercise = fresh(exercise)
    assert (exercise.tender_period_row, exercise.tender_period_days) == (
        "electronic_with_documents",
        25,
    )


def test_paper_tenders_and_missing_documents_lengthen_the_period(world):
    """Procurement Act 2023 s.54(4): longer where tenders cannot be sent electronically or the
    documents do not come with the notice (35 days when neither)."""
    exercise = competitive(world)
    with pytest.raises(Refused) as refused:
        tender(
            world,
            exercise,
            published_on=TODAY(),
            days=34,
            procedure="competitive_flexible",
            electronic=False,
            documents_provided=False,
        )
    assert "at least 35 days" in refused.value.problems[0]
    tender(
        world,
        fresh(exercise),
        published_on=TODAY(),
        days=35,
        procedure="competitive_flexible",
        electronic=False,
        documents_provided=False,
    )
    assert fresh(exercise).tender_procedure == "competitive_flexible"


def test_a_qualifying_planned_procurement_notice_shortens_it_and_the_page_says_so(world, client):
    """Procurement Act 2023 s.54(4), (5): 10 days after a UK3 published 40 days to a year
    before; one published 39 days before does not count, and the refusal says why. The
    officer's page shows the row applied and the reduction."""
    exercise = competitive(world)
    with pytest.raises(Refused) as refused:
        tender(
            world,
            exercise,
            published_on=TODAY(),
            days=10,
            planned_notice_on=TODAY() - timedelta(days=39),
        )
    assert "at least 25 days" in refused.value.problems[0]
    assert (
        "does not shorten it: it must be published at least 40 days and not more than 12 months "
        "before the tender notice (s.15(3))" in (refused.value.problems[0])
    )
    tender(
        world,
        fresh(exercise),
        published_on=TODAY(),
        days=10,
        planned_notice_on=TODAY() - timedelta(days=40),
    )
    client.force_login(world.officer)
    page = client.get(reverse("procurement:exercise", args=[exercise.reference])).content.decode()
    assert (
        "At least 10 days (Procurement Act 2023 s.54(4)): A qualifying planned procurement "
        "notice was published 40 days to one year before. Reduced from 25 days." in page
    )


def test_urgency_shortens_it_only_with_its_reason(world):
    """Procurement Act 2023 s.54(4): 10 days where the authority considers the normal minimum
    impractical because of a state of urgency, which it explains."""
    exercise = competitive(world)
    with pytest.raises(Refused) as refused:
        tender(world, exercise, published_on=TODAY(), days=10, urgency=True, urgency_reason=" ")
    assert "Explain the state of urgency that makes the normal minimum impractical" in (
        refused.value.problems
    )
    tender(
        world,
        fresh(exercise),
        published_on=TODAY(),
        days=10,
        urgency=True,
        urgency_reason="The current provider has gone into administration.",
    )
    assert fresh(exercise).tender_period_row == "urgency"


def test_the_tender_form_shows_the_table_and_asks_for_the_circumstances(world, client):
    """Procurement Act 2023 s.20 and s.54(4): the officer sees the rows and is asked which
    procedure and circumstances apply; missing answers are sentences in the error summary."""
    exercise = competitive(world)
    client.force_login(world.officer)
    url = reverse("procurement:exercise-action", args=[exercise.reference, "open_tender"])
    page = client.get(url).content.decode()
    assert "Minimum tendering periods (Procurement Act 2023 s.54(4))" in page
    assert "In any other case" in page and "35 days" in page
    deadline = TODAY() + timedelta(days=40)
    response = client.post(
        url,
        {
            **date_input("published_on", TODAY()),
            **date_input("deadline_date", deadline),
            "deadline_time": "12:00",
        },
    )
    page = response.content.decode()
    assert "Select the competitive tendering procedure" in page
    assert "Select whether tenders may be sent electronically" in page
    assert fresh(exercise).state == State.PLANNED


def test_a_light_touch_contract_has_no_minimum(world):
    """Procurement Act 2023 s.54 (light touch contracts: no minimum tendering period)."""
    exercise = open_plain(world)  # light touch
    tender(world, exercise, published_on=TODAY(), days=2, electronic=None, documents_provided=None)
    assert fresh(exercise).tender_period_row == "light_touch"


# --- s.51: the standstill, through the workflow ------------------------------------------------


def run_to_award_proposed(world, *, regime="competitive", psr_process="", started_on, tendered_on):
    kind = "health_care_services" if regime == "provider_selection" else "goods_services"
    exercise = open_plain(
        world,
        contract_kind=kind,
        regime=regime,
        estimated_value=500_000,
        started_on=started_on,
        psr_process=psr_process,
    )
    circumstances = (
        {"procedure": "open", "electronic": True, "documents_provided": True}
        if regime != "provider_selection"
        else {}
    )
    exercise = perform(
        "exercise",
        exercise,
        "open_tender",
        world.officer,
        published_on=tendered_on,
        tender_deadline=timezone.now() + timedelta(days=30),
        **circumstances,
    )
    for who in ("provider", "rival"):
        interest(world, exercise, who)
    exercise = perform("exercise", pass_deadline(exercise), "close_tender", world.officer)
    assess(world, exercise, {world.organisation: 80, world.rival_org: 70})
    winning = ExpressionOfInterest.objects.get(exercise=exercise, organisation=world.organisation)
    return perform(
        "exercise", exercise, "propose_award", world.officer, interest=winning, award_value=480_000
    )


def test_standstill_across_christmas_2025_in_the_whole_uk(world):
    """Procurement Act 2023 s.51 and s.123(1): a contract award notice on Monday 22 December
    2025 begins eight UK working days (Christmas Day, Boxing Day, New Year's Day and Scotland's
    2 January do not count): they end on Tuesday 6 January 2026, and the contract is entered into
    from Wednesday 7 January."""
    exercise = run_to_award_proposed(
        world, started_on=date(2025, 9, 1), tendered_on=date(2025, 10, 1)
    )
    exercise = perform(
        "exercise",
        exercise,
        "confirm_award",
        world.decider,
        published_on=date(2025, 12, 22),
        standstill_days=8,
    )
    assert exercise.standstill_ends_on == date(2026, 1, 6)
    with pytest.raises(Refused) as refused:
        perform("exercise", exercise, "award", world.decider, awarded_on=date(2026, 1, 6))
    assert refused.value.problems == [
        "The standstill runs until the end of Tuesday 6 January 2026 (Procurement Act 2023 "
        "s.51): enter into the contract on Wednesday 7 January 2026 or later"
    ]
    perform("exercise", fresh(exercise), "award", world.decider, awarded_on=date(2026, 1, 7))
    exercise = fresh(exercise)
    assert exercise.state == State.AWARDED
    # s.53: the contract details notice within 30 days beginning with the day of the contract.
    assert exercise.contract_details_due == date(2026, 2, 5)


def test_the_confirm_award_form_says_how_the_standstill_runs(world, client):
    """Procurement Act 2023 s.51, shown to the decision maker before publishing the notice and
    on the exercise's page after."""
    exercise = run_to_award_proposed(
        world, started_on=date(2025, 9, 1), tendered_on=date(2025, 10, 1)
    )
    client.force_login(world.decider)
    url = reverse("procurement:exercise-action", args=[exercise.reference, "confirm_award"])
    page = client.get(url).content.decode()
    assert "beginning with the day the contract award notice is published" in page
    assert "UK6: Contract award notice (Procurement Act 2023 s.50)" in page
    perform(
        "exercise",
        exercise,
        "confirm_award",
        world.decider,
        published_on=date(2025, 11, 28),
        standstill_days=8,
    )
    page = client.get(reverse("procurement:exercise", args=[exercise.reference])).content.decode()
    # Friday 28 November 2025 is the first; St Andrew's Day (Sunday) moved to Monday 1 December.
    assert "ends Wednesday 10 December 2025" in page
    assert "may be entered into from Thursday 11 December 2025" in page


# --- s.53: the contract details notice on the page and the task list -------------------------


def awarded(world, *, awarded_on, regime="below_threshold"):
    exercise = open_plain(
        world, regime=regime, estimated_value=100_000, started_on=awarded_on - timedelta(days=70)
    )
    exercise = perform(
        "exercise",
        exercise,
        "open_tender",
        world.officer,
        published_on=awarded_on - timedelta(days=60),
        tender_deadline=timezone.now() + timedelta(days=1),
    )
    interest(world, exercise, "rival")
    exercise = perform("exercise", pass_deadline(exercise), "close_tender", world.officer)
    assess(world, exercise, {world.rival_org: 70})
    winning = ExpressionOfInterest.objects.get(exercise=exercise, organisation=world.rival_org)
    perform("exercise", exercise, "propose_award", world.officer, interest=winning, award_value=9)
    perform(
        "exercise",
        exercise,
        "confirm_award",
        world.decider,
        published_on=awarded_on,
        standstill_days=0,
    )
    return perform("exercise", exercise, "award", world.decider, awarded_on=awarded_on)


def officer_section(world):
    found = [
        s
        for s in tasks.sections_for(world.officer)
        if getattr(s, "title", "") == "Contract details notices due"
    ]
    assert len(found) == 1
    return found[0]


def test_an_overdue_contract_details_notice_is_on_the_page_and_the_task_list(world, client):
    """Procurement Act 2023 s.53: the UK7 within 30 days beginning with the day the contract is
    entered into; an overdue one is shown on the exercise and on the officers' task list."""
    exercise = awarded(world, awarded_on=TODAY() - timedelta(days=30))
    assert exercise.contract_details_due == TODAY() - timedelta(days=1)
    section = officer_section(world)
    assert section.count == 1
    assert section.tasks[0].tag == "Overdue"
    assert f"due by {exercise.contract_details_due:%-d %B %Y}" in section.tasks[0].detail
    assert tasks.open_task_count(world.officer) >= 1
    client.force_login(world.officer)
    page = client.get(reverse("procurement:exercise", args=[exercise.reference])).content.decode()
    assert "Overdue" in page
    assert "Procurement Act 2023 s.53: within 30 days of entering into the contract" in page
    # Once published, it leaves the task list.
    perform(
        "exercise",
        exercise,
        "start_delivery",
        world.officer,
        published_on=TODAY(),
        signed_on=TODAY() - timedelta(days=30),
        starts_on=TODAY(),
        ends_on=TODAY() + timedelta(days=365),
    )
    assert officer_section(world).count == 0


def test_a_contract_details_notice_due_soon_and_one_not_yet(world, manchester):
    """Procurement Act 2023 s.53: due within five working days is on the list ("Due soon"); due
    later is not; nobody else's authority sees it."""
    awarded(world, awarded_on=TODAY() - timedelta(days=27))  # due in 2 days
    section = officer_section(world)
    assert [t.tag for t in section.tasks] == ["Due soon"]
    other = builders.staff("officer", manchester)
    assert not any(
        getattr(s, "title", "") == "Contract details notices due" and s.count
        for s in tasks.sections_for(other)
    )


# --- the seventeen notices ---------------------------------------------------------------


def test_all_seventeen_notices_are_data_with_their_sections():
    """Procurement Act 2023 and SI 2024/692 (Find a Tender's "Notice types and sequences"):
    UK1 to UK17, each with its name and the section requiring it, and an OCDS tag."""
    codes = [code for code, _name, _where in law.PROCUREMENT_ACT_NOTICES]
    assert codes == [f"UK{n}" for n in range(1, 18)]
    assert law.label(law.FIND_A_TENDER_NOTICES, "UK7") == "Contract details notice"
    assert law.NOTICE_SOURCES["UK7"] == "Procurement Act 2023 s.53"
    assert law.NOTICE_SOURCES["UK6"] == "Procurement Act 2023 s.50"
    assert law.NOTICE_SOURCES["UK4"] == "Procurement Act 2023 s.21"
    assert all(code in law.OCDS_TAG_FOR_NOTICE for code in codes)


# --- the Provider Selection Regime ----------------------------------------------------------


def test_a_provider_selection_exercise_follows_one_of_the_regimes_processes(world):
    """SI 2023/1348 regs 6-11: an exercise under the regime names its process; no other does."""
    with pytest.raises(Refused) as refused:
        open_plain(world, contract_kind="health_care_services", regime="provider_selection")
    assert refused.value.problems == ["Select the Provider Selection Regime process"]
    with pytest.raises(Refused) as refused:
        competitive(world, psr_process="competitive")
    assert refused.value.problems == [
        "Only an exercise under the Provider Selection Regime follows one of its processes"
    ]


def test_the_competitive_process_publishes_the_regimes_notices_and_standstill(world):
    """SI 2023/1348 (DOMAIN.md §2): no Procurement Act notice (no UK2, UK4, UK6, UK7); the
    Competitive Process's contract notice (reg 11), its notice of intention to award (reg
    11(9)), a standstill that begins the day after it and ends with the 8th England working day
    after that day (reg 12(2), (3)), then the notice of the award."""
    exercise = open_plain(
        world,
        contract_kind="health_care_services",
        regime="provider_selection",
        psr_process="competitive",
        started_on=date(2025, 9, 1),
    )
    with pytest.raises(Refused) as refused:
        perform(
            "exercise",
            exercise,
            "begin_market_engagement",
            world.officer,
            published_on=date(2025, 9, 2),
        )
    assert (
        "The Provider Selection Regime has no preliminary market engagement notice"
        in (refused.value.problems[0])
    )
    exercise = run_to_award_proposed(
        world,
        regime="provider_selection",
        psr_process="competitive",
        started_on=date(2025, 9, 1),
        tendered_on=date(2025, 10, 1),
    )
    with pytest.raises(Refused) as refused:
        perform(
            "exercise",
            exercise,
            "confirm_award",
            world.decider,
            published_on=date(2025, 11, 26),
            standstill_days=5,
        )
    assert refused.value.problems == [
        "The standstill must be at least 8 working days (SI 2023/1348 reg 12)"
    ]
    # Notice on Wednesday 26 November 2025: the standstill begins Thursday 27th and runs to the
    # end of the 8th working day after it, Tuesday 9 December (St Andrew's Day substitute,
    # Monday 1 December, is a working day in England).
    exercise = perform(
        "exercise",
        fresh(exercise),
        "confirm_award",
        world.decider,
        published_on=date(2025, 11, 26),
        standstill_days=8,
    )
    assert exercise.standstill_ends_on == date(2025, 12, 9)
    with pytest.raises(Refused):
        perform("exercise", exercise, "award", world.decider, awarded_on=date(2025, 12, 9))
    perform("exercise", fresh(exercise), "award", world.decider, awarded_on=date(2025, 12, 10))
    exercise = fresh(exercise)
    assert exercise.contract_details_due == date(2026, 1, 8)  # within 30 days of the award
    perform(
        "exercise",
        exercise,
        "start_delivery",
        world.officer,
        published_on=date(2025, 12, 15),
        signed_on=date(2025, 12, 10),
        starts_on=date(2026, 1, 1),
        ends_on=date(2028, 12, 31),
    )
    codes = list(fresh(exercise).notices.values_list("code", flat=True))
    assert codes == ["", "PSR-CN", "PSR-IA", "PSR-AW"]


def test_direct_award_process_a_has_no_standstill_and_no_intention_notice(world):
    """SI 2023/1348 reg 12(1): the standstill follows only Direct Award Process C, the Most
    Suitable Provider Process and the Competitive Process; Direct Award Process A publishes no
    notice before the award (reg 7) and no contract notice."""
    exercise = run_to_award_proposed(
        world,
        regime="provider_selection",
        psr_process="direct_award_a",
        started_on=date(2025, 9, 1),
        tendered_on=date(2025, 10, 1),
    )
    with pytest.raises(Refused) as refused:
        perform(
            "exercise",
            exercise,
            "confirm_award",
            world.decider,
            published_on=date(2025, 11, 26),
            standstill_days=8,
        )
    assert "has no standstill (SI 2023/1348 reg 12(1)): enter 0" in refused.value.problems[0]
    exercise = perform(
        "exercise",
        fresh(exercise),
        "confirm_award",
        world.decider,
        published_on=date(2025, 11, 26),
        standstill_days=0,
    )
    perform("exercise", exercise, "award", world.decider, awarded_on=date(2025, 11, 26))
    codes = list(fresh(exercise).notices.values_list("code", flat=True))
    assert codes == [""]  # the planning record only: no UK4, UK6 nor intention notice
    assert not ProcurementExercise.objects.filter(notices__code__startswith="UK").exists()


def test_the_opening_form_asks_for_the_regimes_process(world, client):
    """SI 2023/1348 regs 6-11: opening an exercise under the regime without its process is
    refused with a sentence in the error summary; with it, the process is on the page."""
    client.force_login(world.officer)
    url = reverse("procurement:exercise-new") + f"?service={world.service.pk}"
    values = {
        "title": "Stop smoking service",
        "description": "Stop smoking support in pharmacies and clinics.",
        "contract_kind": "health_care_services",
        "regime": "provider_selection",
        "cpv_code": "85000000-9",  # health and social work services
        "estimated_value": "400000",
        **date_input("started_on", TODAY()),
    }
    page = client.post(url, values).content.decode()
    assert "Select the Provider Selection Regime process" in page
    response = client.post(url, {**values, "psr_process": "most_suitable_provider"})
    exercise = ProcurementExercise.objects.get(title="Stop smoking service")
    assert exercise.psr_process == "most_suitable_provider"
    page = client.get(response.url).content.decode()
    assert "Most Suitable Provider Process (reg 10)" in page


# --- s.54(3): the participation period ---------------------------------------------------------


def test_requests_to_participate_need_25_days_not_shortened_by_a_planned_notice(world):
    """Procurement Act 2023 s.54(3): a competitive flexible procedure's requests to participate
    are due at least 25 days after the tender notice (24 refused, 25 allowed), even with a
    qualifying planned procurement notice, which shortens only the tendering period."""
    exercise = competitive(world)
    published = TODAY()
    circumstances = {
        "procedure": "competitive_flexible",
        "planned_notice_on": published - timedelta(days=60),
        "participation_deadline": published + timedelta(days=24),
    }
    with pytest.raises(Refused) as refused:
        tender(world, exercise, published_on=published, days=40, **circumstances)
    earliest = published + timedelta(days=25)
    assert refused.value.problems == [
        f"Requests to participate must be due on or after {earliest:%-d %B %Y}: a participation "
        f"period of at least 25 days after the tender notice of {published:%-d %B %Y} "
        "(Procurement Act 2023 s.54(3), neither of the above applies)"
    ]
    circumstances["participation_deadline"] = earliest
    tender(world, exercise, published_on=published, days=40, **circumstances)
    exercise = fresh(exercise)
    assert exercise.participation_deadline == earliest
    assert time_limits.participation_period("competitive", urgency=True) == ("urgency", 10)
    assert time_limits.participation_period("light_touch") == ("light_touch", 0)
    assert time_limits.participation_period("below_threshold") is None


def test_a_council_inviting_only_preselected_suppliers_needs_10_days(world):
    """Procurement Act 2023 s.54(4): a council is not a central government authority, so tenders
    only from pre-selected suppliers need 10 days (9 refused, 10 allowed)."""
    exercise = competitive(world)
    published = TODAY()
    with pytest.raises(Refused) as refused:
        tender(world, exercise, published_on=published, days=9, submission="preselected")
    assert "at least 10 days after the tender notice" in refused.value.problems[0]
    tender(world, exercise, published_on=published, days=10, submission="preselected")
    exercise = fresh(exercise)
    assert (exercise.tender_period_row, exercise.tender_period_days) == ("preselected", 10)
    assert exercise.tender_submission == "preselected"


def test_an_abandoned_psr_procurement_publishes_its_abandonment_notice(world):
    """SI 2023/1348 reg 15(4)-(5): cancelling an exercise under the regime abandons the
    procurement and publishes the notice of that decision; decided in a standstill, only after
    the standstill ends (reg 15(3)): on its last day refused, the day after allowed."""
    exercise = run_to_award_proposed(
        world,
        regime="provider_selection",
        psr_process="competitive",
        started_on=date(2025, 9, 1),
        tendered_on=date(2025, 10, 1),
    )
    exercise = perform(
        "exercise",
        exercise,
        "confirm_award",
        world.decider,
        published_on=date(2025, 11, 26),
        standstill_days=8,
    )
    assert exercise.standstill_ends_on == date(2025, 12, 9)
    with pytest.raises(Refused) as refused:
        perform(
            "exercise",
            fresh(exercise),
            "cancel",
            world.decider,
            published_on=date(2025, 12, 9),
            reason="The service is no longer needed.",
        )
    assert refused.value.problems == [
        "The standstill ends on 9 December 2025: the procurement may be abandoned, and its "
        "abandonment notice published, only after it ends (SI 2023/1348 reg 15(3), (5)(a))"
    ]
    perform(
        "exercise",
        fresh(exercise),
        "cancel",
        world.decider,
        published_on=date(2025, 12, 10),
        reason="The service is no longer needed.",
    )
    notices = list(fresh(exercise).notices.values_list("code", "published_on"))
    assert notices[-1] == ("PSR-AB", date(2025, 12, 10))
    assert law.label(law.FIND_A_TENDER_NOTICES, "PSR-AB") == (
        "Notice of a decision to abandon a procurement"
    )
    assert law.OCDS_TAG_FOR_NOTICE["PSR-AB"] == "tenderCancellation"
