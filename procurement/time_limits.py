"""The procurement time limits computed from the law's tables (portal/law.py): the minimum
tendering period (Procurement Act 2023 s.54), the standstill (s.51, or the Provider Selection
Regime's reg 12) and the notice after the contract is entered into (s.53 UK7, or the regime's
notice of award). The workflow's conditions enforce them (procurement/exercise_workflow.py);
pages show them. A model never imports a workflow, so the model uses this module too."""

from dataclasses import dataclass
from datetime import date, timedelta

from portal import law
from portal.working_days import ENGLAND_AND_WALES, UNITED_KINGDOM, Calendar, add_months

ROWS = {slug: (circumstance, days) for slug, circumstance, days in law.TENDERING_PERIOD_ROWS}


@dataclass(frozen=True)
class TenderingPeriod:
    """The row of s.54(4) applied, and the normal row it reduces (the same row when none)."""

    row: str
    days: int
    normal_row: str
    normal_days: int

    @property
    def circumstance(self) -> str:
        return ROWS[self.row][0]

    @property
    def reduced(self) -> bool:
        return self.days < self.normal_days

    def earliest_deadline(self, published_on: date) -> date:
        """The first day a deadline may fall on: `days` days counted from the day after the
        notice is published."""
        return published_on + timedelta(days=self.days)

    def describe(self) -> str:
        if self.row == "light_touch":
            return "No minimum tendering period: the contract is a light touch contract (s.54)."
        text = f"At least {self.days} days (Procurement Act 2023 s.54(4)): {self.circumstance}."
        if self.reduced:
            text += f" Reduced from {self.normal_days} days."
        return text


def planned_notice_qualifies(planned_on: date | None, published_on: date | None) -> bool:
    """s.15(3): a planned procurement notice (UK3) published at least 40 days but not more than
    12 months (calendar months) before the day the tender notice is published."""
    if not planned_on or not published_on:
        return False
    earliest = add_months(published_on, -law.QUALIFYING_PLANNED_NOTICE_MAX_MONTHS)
    latest = published_on - timedelta(days=law.QUALIFYING_PLANNED_NOTICE_MIN_DAYS)
    return earliest <= planned_on <= latest


def tendering_period(
    regime: str,
    *,
    electronic: bool,
    documents_provided: bool,
    urgency: bool = False,
    planned_on: date | None = None,
    published_on: date | None = None,
    submission: str = "any_supplier",
    central_government: bool = law.CENTRAL_GOVERNMENT_AUTHORITY,
) -> TenderingPeriod | None:
    """The minimum tendering period of s.54(4) for a regime and the tender's circumstances, or
    None where the Act sets none (below threshold, the Provider Selection Regime). `submission`
    is who may tender (law.TENDER_SUBMISSIONS)."""
    if regime not in law.TENDERING_PERIOD_REGIMES:
        return None
    if electronic:
        normal = (
            "electronic_with_documents" if documents_provided else "electronic_without_documents"
        )
    else:
        normal = "paper_with_documents" if documents_provided else "paper_without_documents"
    applicable = [normal]
    if regime == "light_touch":
        applicable.append("light_touch")
    if urgency:
        applicable.append("urgency")
    if not central_government and submission in ("preselected", "negotiated"):
        applicable.append(submission)
    if submission == "dynamic_market":
        applicable.append("dynamic_market")
    if planned_notice_qualifies(planned_on, published_on):
        applicable.append("planned_procurement_notice")
    row = min(applicable, key=lambda slug: ROWS[slug][1])
    return TenderingPeriod(row, ROWS[row][1], normal, ROWS[normal][1])


PARTICIPATION_ROWS = {slug: (what, days) for slug, what, days in law.PARTICIPATION_PERIOD_ROWS}


def participation_period(regime: str, *, urgency: bool = False) -> tuple[str, int] | None:
    """s.54(3): the minimum participation period (row, days) of a competitive flexible
    procedure's requests to participate, or None where the Act sets none. A qualifying planned
    procurement notice shortens the tendering period only (s.54(4)), never this one."""
    if regime not in law.TENDERING_PERIOD_REGIMES:
        return None
    row = "light_touch" if regime == "light_touch" else ("urgency" if urgency else "normal")
    return row, PARTICIPATION_ROWS[row][1]


# --- standstill -----------------------------------------------------------------------------------


def calendar_for(regime: str) -> Calendar:
    """The Act's working days are the whole United Kingdom's (s.123(1)); the Provider Selection
    Regime applies in England only."""
    return ENGLAND_AND_WALES if regime == "provider_selection" else UNITED_KINGDOM


def standstill_minimum(regime: str, psr_process: str = "") -> int:
    """The shortest standstill allowed, in working days (0 when the law requires none)."""
    if regime == "provider_selection":
        return law.PSR_STANDSTILL_WORKING_DAYS if psr_process in law.PSR_STANDSTILL_PROCESSES else 0
    if regime in law.STANDSTILL_OPTIONAL_REGIMES:
        return 0
    return law.STANDSTILL_MIN_WORKING_DAYS


def standstill_source(regime: str) -> str:
    if regime == "provider_selection":
        return "SI 2023/1348 reg 12"
    return "Procurement Act 2023 s.51"


def standstill_end(regime: str, published_on: date, days: int) -> date:
    """The last day of a standstill of `days` working days after the notice published on
    `published_on`: under the Act the days begin with the day of publication (s.51); under the
    Provider Selection Regime the standstill begins the day after and runs to the end of the
    8th working day after that day (reg 12(2), (3))."""
    calendar = calendar_for(regime)
    if regime == "provider_selection":
        return calendar.add_working_days(published_on + timedelta(days=1), days)
    return calendar.last_of_working_days_beginning_with(published_on, days)


def earliest_award(regime: str, published_on: date, days: int) -> date:
    """The first day the contract may be entered into: the next working day after the
    standstill, or the day of the notice when there is none."""
    if not days:
        return published_on
    return calendar_for(regime).next_working_day(standstill_end(regime, published_on, days))


# --- the notice after the contract is entered into -------------------------------------------


def contract_notice_days(regime: str) -> int:
    return law.CONTRACT_DETAILS_NOTICE_DAYS.get(regime, law.CONTRACT_DETAILS_NOTICE_DEFAULT_DAYS)


def contract_notice_due(regime: str, entered_on: date) -> date:
    """The last day to publish the contract details notice (s.53: within 30 days, 120 for light
    touch, beginning with the day the contract is entered into) or, under the Provider
    Selection Regime, its notice of the award."""
    return entered_on + timedelta(days=contract_notice_days(regime) - 1)


def contract_notice_code(regime: str) -> str:
    return "PSR-AW" if regime == "provider_selection" else "UK7"
