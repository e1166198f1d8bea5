"""The dashboard's charts: each a table of figures (shown, and downloadable as CSV) drawn as a
server-rendered SVG bar chart. The SVG is only geometry worked out here; templates/dashboard/
includes/chart.html draws it with a title and a description (role="img")."""

from dataclasses import dataclass, field

from portal import law

from .measures import TOO_FEW, TOO_FEW_TEXT

BAR_HEIGHT, GAP, LABEL_WIDTH, PLOT_WIDTH, VALUE_WIDTH = 22, 10, 230, 360, 90
FILLS = ["#1d70b8", "#f47738", "#00703c"]  # GOV.UK blue, orange, green (contrast 4.5:1 on white)


@dataclass
class Column:
    key: str
    label: str
    unit: str = "count"  # count, percent, days, money, text


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    columns: list[Column]  # the first is the row label; series are drawn as bars
    rows: list[dict]
    series: list[str] = field(default_factory=list)  # keys of the columns drawn
    unit: str = "count"

    @property
    def bars(self) -> list[dict]:
        """Geometry: one group per row, one bar per series, scaled to the largest value."""
        values = [row.get(key) or 0 for row in self.rows for key in self.series]
        top = max([float(v) for v in values] + [0]) or 1.0
        if self.unit == "percent":
            top = 100.0
        groups, y = [], GAP
        per_group = len(self.series)
        for row in self.rows:
            group = {"label": str(row[self.columns[0].key]), "y": y, "bars": []}
            for i, key in enumerate(self.series):
                value = row.get(key)
                width = round(PLOT_WIDTH * float(value or 0) / top, 1)
                group["bars"].append(
                    {
                        "y": y + i * BAR_HEIGHT,
                        "width": width,
                        "fill": FILLS[i % len(FILLS)],
                        "text": cell(row, key, self.unit),
                        "text_x": LABEL_WIDTH + width + 6,
                        "text_y": y + i * BAR_HEIGHT + BAR_HEIGHT * 0.7,
                    }
                )
            group["label_y"] = y + per_group * BAR_HEIGHT / 2 + 5
            groups.append(group)
            y += per_group * BAR_HEIGHT + GAP
        return groups

    @property
    def height(self) -> int:
        return max(len(self.rows), 1) * (len(self.series) * BAR_HEIGHT + GAP) + GAP

    @property
    def width(self) -> int:
        return LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH

    @property
    def legend(self) -> list[dict]:
        labels = {c.key: c.label for c in self.columns}
        return [
            {"label": labels[key], "fill": FILLS[i % len(FILLS)]}
            for i, key in enumerate(self.series)
        ]

    def table(self) -> list[list[str]]:
        """The rows as text, in the columns' order (the page's table and the CSV file)."""
        return [[cell(row, c.key, c.unit) for c in self.columns] for row in self.rows]

    def csv_rows(self) -> list[list]:
        """Raw values (numbers unformatted) under the column labels, for CSV."""
        header = [c.label for c in self.columns]
        return [header] + [[raw(row, c.key) for c in self.columns] for row in self.rows]


def _too_few(row: dict, key: str) -> bool:
    return row.get(f"{key}_status") == TOO_FEW


def cell(row: dict, key: str, unit: str) -> str:
    """A figure as text; "too few to say" for a measure whose base is below its minimum."""
    return TOO_FEW_TEXT if _too_few(row, key) else format_value(row.get(key), unit)


def raw(row: dict, key: str):
    return TOO_FEW_TEXT if _too_few(row, key) else row.get(key)


def format_value(value, unit: str) -> str:
    if value is None:
        return "none" if unit != "text" else ""
    if unit == "percent":
        return f"{value:g}%"
    if unit == "money":
        return f"£{int(value):,}"
    if unit == "days":
        return f"{value:g}"
    if unit == "yes_no":
        return "Yes" if value else "No"
    if unit == "count":  # a median of counts may fall halfway
        return f"{value:,.1f}" if value != int(value) else f"{int(value):,}"
    return str(value)


def _window_label(closes_on: str | None) -> str:
    if not closes_on:
        return "No window (any time)"
    from datetime import date

    return f"Window closing {date.fromisoformat(closes_on):%-d %b %Y}"


def charts_for(figures: dict) -> list[Chart]:
    """Every chart of a scope (England or one authority) from statistics.england()/authority()."""
    totals = figures["totals"]
    is_england = "authority" not in figures
    charts = [
        Chart(
            "received-by-year",
            "Challenges received and decided, by year",
            "Bar chart of the challenges received and the decisions made in each year of receipt.",
            [
                Column("year", "Year received", "text"),
                Column("received", "Received"),
                Column("decided", "Decided"),
                Column("within_period_pct", "Decided within the published period", "percent"),
                Column("median_working_days", "Median working days to a decision", "days"),
                Column("timed", "Decisions timed"),
            ],
            figures["by_year"],
            ["received", "decided"],
        ),
        Chart(
            "on-time-by-year",
            "Decisions within the published maximum period, by year",
            "Bar chart of the percentage of decisions notified within the maximum period in "
            "force when the challenge was received, for challenges received in each year; a year "
            "with fewer than five decisions measured against a period says too few to say.",
            [
                Column("year", "Year received", "text"),
                Column("decided", "Decided"),
                Column("measured", "Measured against a period"),
                Column("within_period", "Within the period"),
                Column("within_period_pct", "Within the period (%)", "percent"),
                Column("no_period", "No period to measure against"),
            ],
            figures["by_year"],
            ["within_period_pct"],
            unit="percent",
        ),
    ]
    if is_england:
        charts.append(
            Chart(
                "by-window",
                "Challenges received in a window or at any time, by year",
                "Bar chart of the challenges received during a published window and of those "
                "sent to authorities that accept challenges at any time, in each year.",
                [
                    Column("year", "Year received", "text"),
                    Column("in_window", "In a published window"),
                    Column("any_time", "Any time (no window)"),
                ],
                figures["by_window"],
                ["in_window", "any_time"],
            )
        )
    else:
        rows = [r | {"window": _window_label(r["window_closes_on"])} for r in figures["by_window"]]
        charts.append(
            Chart(
                "by-window",
                "Challenges received, by window",
                "Bar chart of the challenges received in each of the authority's windows.",
                [
                    Column("window", "Window", "text"),
                    Column("received", "Received"),
                    Column("decided", "Decided"),
                ],
                rows,
                ["received"],
            )
        )
    outcome_rows = [
        {"outcome": "Accepted", "challenges": totals["accepted"]},
        {"outcome": "Accepted with a modification", "challenges": totals["modified"]},
        {"outcome": "Rejected", "challenges": totals["rejected"]},
        {"outcome": "Withdrawn by the body", "challenges": totals["withdrawn"]},
        {"outcome": "Awaiting a decision", "challenges": totals["awaiting_decision"]},
    ]
    procurement_rows = [
        {
            "stage": "Accepted, procurement not started",
            "challenges": totals["awaiting_procurement"],
        },
        {"stage": "Procurement started", "challenges": totals["procurement_started"]},
        {"stage": "Won by the challenger", "challenges": totals["challenger_won"]},
        {"stage": "Won by another bidder", "challenges": totals["other_bidder_won"]},
        {"stage": "No contract awarded", "challenges": totals["not_awarded"]},
    ]
    charts += [
        Chart(
            "outcomes",
            "Outcomes of challenges",
            "Bar chart of the challenges accepted, accepted with a modification, rejected, "
            "withdrawn and awaiting a decision.",
            [Column("outcome", "Outcome", "text"), Column("challenges", "Challenges")],
            outcome_rows,
            ["challenges"],
        ),
        Chart(
            "grounds",
            "Grounds cited for rejection or modification",
            "Bar chart of how often each of the ten statutory grounds was cited in a rejection "
            "or a modification (a decision may cite several).",
            [Column("label", "Ground", "text"), Column("cited", "Times cited")],
            [g | {"label": f"{i}. {g['label']}"} for i, g in enumerate(figures["grounds"], 1)],
            ["cited"],
        ),
        Chart(
            "procurement",
            "What happened after acceptance",
            "Bar chart of accepted challenges waiting for procurement, procurements started, "
            "and the outcomes of those finished.",
            [Column("stage", "Stage", "text"), Column("challenges", "Challenges")],
            procurement_rows,
            ["challenges"],
        ),
        Chart(
            "body-types",
            "Who challenges: types of body",
            "Bar chart of the challenges made, and the different bodies that made them, by type "
            "of body (Localism Act 2011 s.81(6)).",
            [
                Column("label", "Type of body", "text"),
                Column("challenges", "Challenges"),
                Column("bodies", "Bodies"),
                Column("first_time", "Challenges by first-time challengers"),
            ],
            figures["by_body_type"],
            ["challenges", "bodies"],
        ),
        Chart(
            "pooled-funds",
            "Pooled funds under section 75 agreements, by financial year",
            "Bar chart of the contributions to pooled funds under signed section 75 agreements "
            "in each financial year.",
            [
                Column("label", "Financial year", "text"),
                Column("total", "Contributions", "money"),
                Column("agreements", "Agreements"),
            ],
            figures["agreements"]["pooled_by_year"],
            ["total"],
            unit="money",
        ),
    ]
    return charts


def chart_named(figures: dict, slug: str) -> Chart | None:
    return next((c for c in charts_for(figures) if c.slug == slug), None)


BODY_TYPE_LABELS = dict(law.BODY_TYPES)
