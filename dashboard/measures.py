"""What the dashboard counts, as data: each measure declared once with its name, unit, plain-English
definition, the records it counts, its base and minimum base, and what "none" means.

The "How we count" page, the league table, the charts, the CSV files and the open data API all
read these declarations (and `present` and `status` below), so a definition and its figure
cannot drift apart.

Small numbers (Code of Practice for Statistics, quality): a rate or a median worked out on fewer
cases than its `min_base` is "too few to say", never a bare figure; every rate carries its base
("3 of 4") and a 95% Wilson score interval.
"""

import math
from dataclasses import asdict, dataclass

COUNT, PERCENT, DAYS, MONEY, YES_NO = "count", "percent", "days", "money", "yes_no"
MIN_BASE = 5  # fewer cases than this: "too few to say"
Z95 = 1.959963984540054  # the normal quantile of a two-sided 95% interval
RATED, TOO_FEW, NONE = "rated", "too_few", "none"
TOO_FEW_TEXT = "too few to say"


@dataclass(frozen=True)
class Measure:
    slug: str
    label: str
    unit: str
    definition: str
    league: bool = True  # a column of the league table (sortable)
    higher_is_better: bool | None = None  # None: neither (how much an authority is challenged)
    counts: str = ""  # which records count, in words
    numerator: str = ""  # a rate: the figure counting the records that meet it
    base: str = ""  # a rate or a median: the figure counting the records it is worked out on
    base_label: str = ""  # what the base counts ("decisions")
    min_base: int = 0  # a base below this is "too few to say"
    none_means: str = "none"  # shown when there is nothing to work it out on
    no_text: str = "No"  # a yes/no measure's "no"

    @property
    def is_rate(self) -> bool:
        return self.unit == PERCENT and bool(self.numerator)

    @property
    def is_median(self) -> bool:
        return self.unit == DAYS and bool(self.base)

    def declaration(self) -> dict:
        """The declaration as plain data (the open data API)."""
        return asdict(self)


DECISIONS = (
    "Decisions made: challenges accepted, accepted with a modification the body agreed, or "
    "rejected (a modification the body declined counts as rejected)."
)

MEASURES = [
    Measure(
        "received",
        "Challenges received",
        COUNT,
        "Expressions of interest submitted through the portal (drafts are not counted), counted "
        "in the year they were received. A joint challenge counts for the lead authority only.",
        counts="Challenges with a date of receipt.",
        none_means="0: no challenge received",
    ),
    Measure(
        "decided",
        "Decisions made",
        COUNT,
        "Challenges the authority has decided: accepted, accepted with a modification the body "
        "agreed, or rejected (including a modification the body declined).",
        counts=DECISIONS,
        none_means="0: no decision yet",
    ),
    Measure(
        "within_period_pct",
        "Decided within the published maximum period",
        PERCENT,
        "Of the decisions measured against a period, the share notified on or before the day "
        "the maximum period in force when the challenge was received ran out (Localism Act 2011 "
        "s.84(3)-(5)); the period runs from receipt, or from the close of the window when that "
        "is later. A modification counts as notified when it was proposed. A decision is "
        "measured only when the authority had published its periods on the day the challenge "
        "was received: a period published later is never applied to it, and no default period "
        "is ever assumed. The others are counted apart (no period to measure against).",
        higher_is_better=True,
        counts="Decisions on challenges received while a published maximum period was in force.",
        numerator="within_period",
        base="measured",
        base_label="decisions measured against a period",
        min_base=MIN_BASE,
        none_means="no decision measured against a period",
    ),
    Measure(
        "no_period_pct",
        "Decisions with no period to measure against",
        PERCENT,
        "Of the decisions made, the share on challenges received when the authority had no "
        "published maximum period in force: they can be neither on time nor late. The law "
        "requires the period to be published (s.84(3)-(5)), so this is itself a sign of "
        "whether an authority engages.",
        higher_is_better=False,
        counts=DECISIONS,
        numerator="no_period",
        base="decided",
        base_label="decisions",
        min_base=MIN_BASE,
        none_means="no decisions",
    ),
    Measure(
        "late_pct",
        "Decided late",
        PERCENT,
        "Of the decisions measured against a period, the share notified after the maximum "
        "period in force when the challenge was received ran out.",
        league=False,
        higher_is_better=False,
        counts="Decisions on challenges received while a published maximum period was in force.",
        numerator="late",
        base="measured",
        base_label="decisions measured against a period",
        min_base=MIN_BASE,
        none_means="no decision measured against a period",
    ),
    Measure(
        "no_reasons_pct",
        "Decisions without written reasons",
        PERCENT,
        "Of the decisions made, the share recorded with no written reasons at all (s.84(8) "
        "asks for reasons for a rejection or a modification).",
        league=False,
        higher_is_better=False,
        counts=DECISIONS,
        numerator="no_reasons",
        base="decided",
        base_label="decisions",
        min_base=MIN_BASE,
        none_means="no decisions",
    ),
    Measure(
        "median_working_days",
        "Median working days to a decision",
        DAYS,
        "The middle value of the working days (weekdays that are not bank holidays in England) "
        "from the day the period started (receipt, or the close of the window) to the day the "
        "decision was notified. A decision notified before its period started (before the "
        "window closed) is left out: it is not counted as 0 days.",
        higher_is_better=False,
        counts="Decisions notified on or after the day their period started.",
        base="timed",
        base_label="decisions",
        min_base=MIN_BASE,
        none_means="no decisions",
    ),
    Measure(
        "accepted_pct",
        "Accepted",
        PERCENT,
        "Of the decisions made, the share accepted, with or without an agreed modification.",
        higher_is_better=True,
        counts=DECISIONS,
        numerator="accepted_all",
        base="decided",
        base_label="decisions",
        min_base=MIN_BASE,
        none_means="no decisions",
    ),
    Measure(
        "rejected_pct",
        "Rejected",
        PERCENT,
        "Of the decisions made, the share rejected (a modification the body declined counts "
        "as rejected).",
        higher_is_better=False,
        counts=DECISIONS,
        numerator="rejected",
        base="decided",
        base_label="decisions",
        min_base=MIN_BASE,
        none_means="no decisions",
    ),
    Measure(
        "withdrawn",
        "Withdrawn by the body",
        COUNT,
        "Challenges the body withdrew before a decision.",
        counts="Challenges in the state withdrawn.",
        none_means="0: none withdrawn",
    ),
    Measure(
        "procurement_started",
        "Procurements started",
        COUNT,
        "Procurement exercises opened on the portal after an accepted challenge (s.83(2)), "
        "counted from the exercises themselves.",
        counts="Procurement exercises that follow a challenge.",
        none_means="0: none started",
    ),
    Measure(
        "procurement_started_pct",
        "Accepted challenges whose procurement started",
        PERCENT,
        "Of the challenges accepted (with or without a modification), the share followed by a "
        "procurement exercise on the portal (s.83(2)).",
        league=False,
        higher_is_better=True,
        counts="Challenges accepted, and the procurement exercises that follow them.",
        numerator="procurement_started",
        base="accepted_all",
        base_label="challenges accepted",
        min_base=MIN_BASE,
        none_means="none accepted",
    ),
    Measure(
        "median_days_to_procurement",
        "Median days from acceptance to procurement",
        DAYS,
        "The middle value of the calendar days from the decision to accept to the day the "
        "procurement exercise started; the authority's published minimum period (s.83(4)) is "
        "shown beside it.",
        league=False,
        counts="Procurement exercises that follow a challenge.",
        base="procurement_started",
        base_label="procurements",
        min_base=MIN_BASE,
        none_means="none started",
    ),
    Measure(
        "challenger_won_pct",
        "Procurements won by the challenger",
        PERCENT,
        "Of the procurement exercises that followed a challenge and awarded a contract, the "
        "share in which the contract went to the body that challenged (any bidder may win).",
        counts="Procurement exercises that follow a challenge and record an award.",
        numerator="challenger_won",
        base="with_result",
        base_label="contracts awarded",
        min_base=MIN_BASE,
        none_means="no contract awarded",
    ),
    Measure(
        "contract_value",
        "Contract value awarded",
        MONEY,
        "The total value of the contracts awarded in procurement exercises that followed a "
        "challenge, as recorded on the award.",
        league=False,
        counts="Awards of procurement exercises that follow a challenge, public values only.",
        none_means="£0: no contract awarded",
    ),
    Measure(
        "bodies",
        "Bodies that challenged",
        COUNT,
        "Different relevant bodies (s.81(6)) that submitted at least one challenge.",
        counts="Bodies named on challenges received.",
        none_means="0",
    ),
    Measure(
        "repeat_pct",
        "Challenges from returning bodies",
        PERCENT,
        "Of the challenges received, the share made by a body that had challenged (any "
        "authority) before; the rest are first-time challengers.",
        counts="Challenges received.",
        numerator="returning",
        base="received",
        base_label="challenges",
        min_base=MIN_BASE,
        none_means="no challenges",
    ),
    Measure(
        "employee_groups",
        "Challenges by employee groups",
        COUNT,
        "Challenges made by groups of two or more of the authority's own employees.",
        counts="Challenges received from employee groups (s.81(6)(d)).",
        none_means="0",
    ),
    Measure(
        "consortia",
        "Challenges with consortium members or subcontractors",
        COUNT,
        "Challenges in which the body named consortium members or intended subcontractors.",
        counts="Challenges received.",
        none_means="0",
    ),
    Measure(
        "joint",
        "Joint (cross-boundary) challenges",
        COUNT,
        "Challenges to a service run jointly with one or more other authorities.",
        counts="Challenges received.",
        none_means="0",
    ),
    Measure(
        "services_published",
        "Services published",
        COUNT,
        "Service specifications the authority publishes on the portal now.",
        higher_is_better=True,
        counts="Live service pages.",
        none_means="0: no service published",
    ),
    Measure(
        "windows_open",
        "Challenge windows open today",
        COUNT,
        "Periods specified under s.82 in which challenges may be submitted that include today. "
        "An authority with no windows accepts challenges at any time.",
        counts="Windows that include today.",
        none_means="0: no window open (challenges may come at any time if it has none)",
    ),
    Measure(
        "periods_published",
        "Has published its s.84 periods",
        YES_NO,
        "Yes when the authority has specified and published both its maximum period for "
        "deciding and its minimum period before procurement; otherwise no ('not published'), "
        "which the law does not allow. Across authorities this is a share (how many of them "
        "have), never a median.",
        higher_is_better=True,
        counts="Authorities.",
        none_means="no: not published",
    ),
    Measure(
        "agreements_in_force",
        "Section 75 agreements in force",
        COUNT,
        "Transfer agreements (NHS Act 2006 s.75) to which the authority is a party that are in "
        "force or under review today.",
        counts="Section 75 agreements in force or under review.",
        none_means="0",
    ),
    Measure(
        "pooled_funds",
        "Pooled-fund contributions",
        MONEY,
        "Contributions by every party to pooled funds under signed section 75 agreements the "
        "authority is party to, all financial years together (by year on its page).",
        league=False,
        counts="Contributions under signed pooled-fund agreements.",
        none_means="£0",
    ),
]

# Innovation offers (issue 21): counted per authority addressed (an offer to a partnership counts
# once for each authority it is made to), each against the authority's own response standard.
OFFERS_RECEIVED = (
    "Innovation offers made to the authority, alone or jointly with partners; an offer to "
    "several bodies counts once for each authority it is made to."
)
OFFER_MEASURES = [
    Measure(
        "offers_received",
        "Innovation offers received",
        COUNT,
        OFFERS_RECEIVED + " Not statutory challenges: any provider, private firms included, may "
        "make one.",
        league=False,
        counts="Offers addressed to the authority (withdrawn ones too).",
        none_means="0: no offer received",
    ),
    *(
        Measure(
            f"offers_{sector}",
            f"Offers from the {label.lower()} sector",
            COUNT,
            f"Innovation offers received from offerors of the {label.lower()} sector (the sector "
            "the offeror gave for its kind of organisation).",
            league=False,
            counts="Offers addressed to the authority.",
            none_means="0",
        )
        for sector, label in (
            ("private", "Private"),
            ("voluntary_community", "Voluntary and community"),
            ("public", "Public"),
            ("nhs", "NHS"),
        )
    ),
    Measure(
        "offer_standard",
        "Has published a response standard for offers",
        YES_NO,
        "Yes when the authority has published the working days it takes to acknowledge and to "
        "answer an offer, and who answers; otherwise no ('no standard published'). An authority "
        "without one still receives offers; they cannot be measured on time.",
        league=False,
        higher_is_better=True,
        counts="Authorities.",
        none_means="no: no standard published",
        no_text="No standard published",
    ),
    Measure(
        "offers_acknowledged_on_time_pct",
        "Offers acknowledged within the authority's own standard",
        PERCENT,
        "Of the offers received under a standard of the authority's (the version in force on "
        "the day of receipt) whose acknowledgement was due by now or has been given, the share "
        "acknowledged on or before the standard's date.",
        league=False,
        higher_is_better=True,
        counts="Offers received while the authority had a response standard in force.",
        numerator="offers_acknowledged_on_time",
        base="offers_acknowledgement_measured",
        base_label="offers measured against a standard",
        min_base=MIN_BASE,
        none_means="no offer measured against a standard",
    ),
    Measure(
        "offers_answered_on_time_pct",
        "Offers answered within the authority's own standard",
        PERCENT,
        "Of the offers received under a standard of the authority's whose answer was due by "
        "now or has been given, the share answered with reasons on or before the standard's "
        "date.",
        league=False,
        higher_is_better=True,
        counts="Offers received while the authority had a response standard in force.",
        numerator="offers_answered_on_time",
        base="offers_answer_measured",
        base_label="offers measured against a standard",
        min_base=MIN_BASE,
        none_means="no offer measured against a standard",
    ),
    Measure(
        "offers_with_reasons_pct",
        "Offers answered with written reasons",
        PERCENT,
        "Of the offers the authority has answered, the share whose answer gives written reasons.",
        league=False,
        higher_is_better=True,
        counts="Offers the authority has answered.",
        numerator="offers_with_reasons",
        base="offers_answered",
        base_label="offers answered",
        min_base=MIN_BASE,
        none_means="no offer answered",
    ),
    Measure(
        "offers_answered",
        "Offers answered",
        COUNT,
        "Offers the authority has answered: taken forward, not taken forward or referred.",
        league=False,
        counts="Offers the authority has answered.",
        none_means="0: none answered",
    ),
    Measure(
        "offers_taken_forward",
        "Offers taken forward",
        COUNT,
        "Offers the authority answered by taking them forward (into market engagement, a pilot, "
        "a procurement, a s.75 arrangement or an in-house change).",
        league=False,
        counts="Offers the authority has answered.",
        none_means="0",
    ),
    Measure(
        "offers_not_taken_forward",
        "Offers not taken forward",
        COUNT,
        "Offers the authority answered by not taking them forward, with reasons against its "
        "published criteria.",
        league=False,
        counts="Offers the authority has answered.",
        none_means="0",
    ),
    Measure(
        "offers_referred",
        "Offers referred to another body",
        COUNT,
        "Offers the authority answered by referring them to the body that can act on them.",
        league=False,
        counts="Offers the authority has answered.",
        none_means="0",
    ),
    Measure(
        "offers_led_to_change",
        "Offers taken forward into a pilot, procurement or agreement",
        COUNT,
        "Offers the authority took forward into a pilot, a procurement exercise or a "
        "partnership arrangement (NHS Act 2006 s.75).",
        league=False,
        counts="Offers the authority took forward.",
        none_means="0",
    ),
    Measure(
        "offers_never_answered",
        "Offers never answered",
        COUNT,
        "Offers made to the authority that it has not answered and the offeror has not "
        "withdrawn, whether or not a standard gives a date for the answer.",
        league=False,
        higher_is_better=False,
        counts="Offers addressed to the authority, not answered by it, not withdrawn.",
        none_means="0",
    ),
]
MEASURES += OFFER_MEASURES
OFFERS = [m.slug for m in OFFER_MEASURES]

BY_SLUG = {m.slug: m for m in MEASURES}
# "Who engages": the signals of whether an authority engages, each a column with its base.
ENGAGEMENT = [
    "received",
    "rejected_pct",
    "late_pct",
    "no_period_pct",
    "median_working_days",
    "no_reasons_pct",
    "procurement_started_pct",
    "offers_received",
    "offer_standard",
    "offers_answered_on_time_pct",
    "offers_with_reasons_pct",
    "offers_never_answered",
]
LEAGUE = [m for m in MEASURES if m.league]
WITH_BASE = [m for m in MEASURES if m.base]


def measure(slug: str) -> Measure:
    return BY_SLUG[slug]


# --- working out and presenting a measure ---------------------------------------------------


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of a proportion, in percent to one decimal place."""
    if not trials:
        return None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return round(100 * max(centre - half, 0.0), 1), round(100 * min(centre + half, 1.0), 1)


def apply(row: dict) -> dict:
    """Every measure with a base, worked out in place from the row's counts: the figure (None
    unless the base meets the minimum), `<slug>_base`, `<slug>_status` (rated, too_few, none),
    and for a rate `<slug>_count` and the interval `<slug>_low`, `<slug>_high`."""
    for m in WITH_BASE:
        if m.base not in row or (m.numerator and m.numerator not in row):
            continue
        base = row[m.base] or 0
        status = NONE if base == 0 else (TOO_FEW if base < m.min_base else RATED)
        row[f"{m.slug}_base"] = base
        row[f"{m.slug}_status"] = status
        if m.is_rate:
            count = row[m.numerator]
            row[f"{m.slug}_count"] = count
            interval = wilson(count, base)
            row[f"{m.slug}_low"], row[f"{m.slug}_high"] = interval or (None, None)
            row[m.slug] = round(100 * count / base, 1) if status == RATED else None
        else:
            value = row.get(m.slug)
            row[m.slug] = round(value, 1) if status == RATED and value is not None else None
    return row


def status(m: Measure, row: dict) -> str:
    if m.base:
        return row.get(f"{m.slug}_status", NONE)
    return NONE if row.get(m.slug) is None else RATED


def _number(value) -> str:
    return f"{value:,.1f}" if value != int(value) else f"{int(value):,}"


def present(m: Measure, row: dict) -> str:
    """The figure as text, with its base: "80% (4 of 5)", "too few to say (2 of 3)",
    "10 (of 5)", or what none means."""
    value, state = row.get(m.slug), status(m, row)
    if m.is_rate:
        if state == NONE:
            return m.none_means
        count, base = row[f"{m.slug}_count"], row[f"{m.slug}_base"]
        if state == TOO_FEW:
            return f"{TOO_FEW_TEXT} ({count} of {base})"
        return f"{value:g}% ({count} of {base})"
    if m.is_median:
        if state == NONE:
            return m.none_means
        base = row[f"{m.slug}_base"]
        return f"{TOO_FEW_TEXT} (of {base})" if state == TOO_FEW else f"{value:g} (of {base})"
    if value is None:
        return m.none_means
    if m.unit == YES_NO:
        return "Yes" if value else m.no_text
    if m.unit == MONEY:
        return f"£{int(value):,}"
    return _number(value)


def csv_cells(m: Measure, row: dict) -> list:
    """The measure's CSV cells (see csv_header): the figure, or "too few to say", or empty;
    then for a rate its count, base and interval, for a median its base."""
    state = status(m, row)
    if m.unit == YES_NO:
        return ["yes" if row.get(m.slug) else "no"]
    figure = TOO_FEW_TEXT if state == TOO_FEW else row.get(m.slug)
    if m.is_rate:
        return [
            figure,
            row.get(f"{m.slug}_count"),
            row.get(f"{m.slug}_base"),
            row.get(f"{m.slug}_low"),
            row.get(f"{m.slug}_high"),
        ]
    if m.is_median:
        return [figure, row.get(f"{m.slug}_base")]
    return [figure]


def csv_header(m: Measure) -> list[str]:
    if m.is_rate:
        return [
            f"{m.label} (%)",
            f"{m.label}: count",
            f"{m.label}: base ({m.base_label})",
            f"{m.label}: 95% interval, low (%)",
            f"{m.label}: 95% interval, high (%)",
        ]
    if m.is_median:
        return [m.label, f"{m.label}: base ({m.base_label})"]
    return [m.label]


def best_first(m: Measure) -> bool:
    """Whether larger values rank first (counts with no better direction: the most first)."""
    return m.higher_is_better is not False


def ranks(rows: list[dict], m: Measure) -> dict[str, str]:
    """Standard competition ranks ("1", "=2", "=2", "4") of the rated rows by the measure,
    best first, keyed by slug; rows without a rated figure have no rank."""
    rated = [r for r in rows if status(m, r) == RATED and r.get(m.slug) is not None]
    rated.sort(key=lambda r: r[m.slug], reverse=best_first(m))
    values = [r[m.slug] for r in rated]
    result = {}
    for r in rated:
        first = values.index(r[m.slug])
        tied = values.count(r[m.slug]) > 1
        result[r["slug"]] = f"={first + 1}" if tied else str(first + 1)
    return result
