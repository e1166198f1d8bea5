"""What the dashboard counts, as data: each measure's name, unit and plain-English definition.

The "How we count" page, the league table, the CSV files and the open data API all read these,
so a figure is defined once.
"""

from dataclasses import dataclass

COUNT, PERCENT, DAYS, MONEY, YES_NO = "count", "percent", "days", "money", "yes_no"


@dataclass(frozen=True)
class Measure:
    slug: str
    label: str
    unit: str
    definition: str
    league: bool = True  # a column of the league table (sortable)
    higher_is_better: bool | None = None  # None: neither (how much an authority is challenged)


MEASURES = [
    Measure(
        "received",
        "Challenges received",
        COUNT,
        "Expressions of interest submitted through the portal (drafts are not counted), counted "
        "in the year they were received. A joint challenge counts for the lead authority only.",
    ),
    Measure(
        "decided",
        "Decisions made",
        COUNT,
        "Challenges the authority has decided: accepted, accepted with a modification the body "
        "agreed, or rejected (including a modification the body declined).",
    ),
    Measure(
        "within_period_pct",
        "Decided within the published maximum period",
        PERCENT,
        "Of the decisions made, the share notified on or before the day the authority's own "
        "published maximum period ran out (Localism Act 2011 s.84(b)); the period runs from "
        "receipt, or from the close of the window when that is later. A modification counts as "
        "notified when it was proposed. Where the authority has not published its periods, no "
        "decision counts as on time: no default period is ever assumed.",
        higher_is_better=True,
    ),
    Measure(
        "median_working_days",
        "Median working days to a decision",
        DAYS,
        "The middle value of the working days (weekdays that are not bank holidays in England) "
        "from the day the period started (receipt, or the close of the window) to the day the "
        "decision was notified (none when it was notified before the window closed).",
        higher_is_better=False,
    ),
    Measure(
        "accepted_pct",
        "Accepted",
        PERCENT,
        "Of the decisions made, the share accepted, with or without an agreed modification.",
        higher_is_better=True,
    ),
    Measure(
        "withdrawn",
        "Withdrawn by the body",
        COUNT,
        "Challenges the body withdrew before a decision.",
    ),
    Measure(
        "procurement_started",
        "Procurements started",
        COUNT,
        "Accepted challenges whose procurement exercise has started (s.83(3)).",
    ),
    Measure(
        "median_days_to_procurement",
        "Median days from acceptance to procurement",
        DAYS,
        "The middle value of the calendar days from the decision to accept to the day the "
        "procurement exercise started; the authority's published minimum period (s.84(a)) is "
        "shown beside it.",
        league=False,
    ),
    Measure(
        "challenger_won_pct",
        "Procurements won by the challenger",
        PERCENT,
        "Of the procurements that followed a challenge and have an outcome recorded, the share "
        "in which the contract went to the body that challenged (any bidder may win).",
    ),
    Measure(
        "contract_value",
        "Contract value awarded",
        MONEY,
        "The total value of the contracts awarded in procurement exercises that followed a "
        "challenge, as recorded on the award.",
        league=False,
    ),
    Measure(
        "bodies",
        "Bodies that challenged",
        COUNT,
        "Different relevant bodies (s.81(6)) that submitted at least one challenge.",
    ),
    Measure(
        "repeat_pct",
        "Challenges from returning bodies",
        PERCENT,
        "Of the challenges received, the share made by a body that had challenged (any "
        "authority) before; the rest are first-time challengers.",
    ),
    Measure(
        "employee_groups",
        "Challenges by employee groups",
        COUNT,
        "Challenges made by groups of two or more of the authority's own employees.",
    ),
    Measure(
        "consortia",
        "Challenges with consortium members or subcontractors",
        COUNT,
        "Challenges in which the body named consortium members or intended subcontractors.",
    ),
    Measure(
        "joint",
        "Joint (cross-boundary) challenges",
        COUNT,
        "Challenges to a service run jointly with one or more other authorities.",
    ),
    Measure(
        "services_published",
        "Services published",
        COUNT,
        "Service specifications the authority publishes on the portal now.",
        higher_is_better=True,
    ),
    Measure(
        "windows_open",
        "Challenge windows open today",
        COUNT,
        "Periods specified under s.82 in which challenges may be submitted that include today. "
        "An authority with no windows accepts challenges at any time.",
    ),
    Measure(
        "periods_published",
        "Has published its s.84 periods",
        YES_NO,
        "Yes when the authority has specified and published both its maximum period for "
        "deciding and its minimum period before procurement; otherwise no ('not published'), "
        "which the law does not allow.",
        higher_is_better=True,
    ),
    Measure(
        "agreements_in_force",
        "Section 75 agreements in force",
        COUNT,
        "Transfer agreements (NHS Act 2006 s.75) to which the authority is a party that are in "
        "force or under review today.",
    ),
    Measure(
        "pooled_funds",
        "Pooled-fund contributions",
        MONEY,
        "Contributions by every party to pooled funds under signed section 75 agreements the "
        "authority is party to, all financial years together (by year on its page).",
        league=False,
    ),
]

BY_SLUG = {m.slug: m for m in MEASURES}
LEAGUE = [m for m in MEASURES if m.league]


def measure(slug: str) -> Measure:
    return BY_SLUG[slug]
