"""The dashboard's statistics, worked out in SQL: plain dicts and lists of plain values (numbers,
strings, ISO dates) for England and for one authority, which the pages, the CSV downloads and the
open data API all use. The definitions are data, in dashboard.measures.

Every figure is an aggregate the database computes (COUNT ... FILTER, a median, GROUP BY); no
function here loops over challenges in Python. Reading them through dashboard.refresh serves
them from the shared cache.

    from dashboard import statistics
    statistics.england()            # {"totals": {...}, "by_year": [...], ...}
    statistics.authority(authority) # the same shape for one authority, plus its periods
    statistics.league()             # one row per authority with every league measure
"""

import contextvars
from contextlib import contextmanager
from datetime import date

from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import Coalesce, ExtractYear, Greatest, TruncDate
from django.utils import timezone

from agreements.models import PUBLISHED_STATES, AgreementState, Contribution, TransferAgreement
from challenges.models import Challenge, Outcome, State
from offers.models import OfferAddressee, ResponseStandard
from portal import law
from portal.models import (
    Authority,
    ChallengeWindow,
    PeriodVersion,
    ServiceSpecificationPage,
    provenance,
)
from portal.models.authorities import timescales_unpublished_q
from procurement.models import ProcurementExercise
from procurement.models.exercises import State as ExerciseState

from . import measures
from .measures import LEAGUE, MEASURES, YES_NO
from .models import SyntheticHistory, WorkingDay
from .sql import DaysBetween, Median

# Which records the figures count: every record ("all": in the demo, real and synthetic
# together), or real ones only ("real": recorded in the portal or imported from a register).
ALL, REAL = "all", "real"
RECORDS = (ALL, REAL)
_records = contextvars.ContextVar("dashboard_records", default=ALL)


@contextmanager
def counting(records: str):
    """Work out the figures inside the block over these records (ALL or REAL)."""
    token = _records.set(records if records in RECORDS else ALL)
    try:
        yield
    finally:
        _records.reset(token)


def _counted(queryset, prefix: str = ""):
    """The queryset without synthetic records when counting real ones only."""
    if _records.get() == REAL:
        return queryset.exclude(**{f"{prefix}provenance": provenance.SYNTHETIC})
    return queryset


DECIDED = ~Q(outcome="")
ACCEPTED = Q(outcome__in=[Outcome.ACCEPTED, Outcome.MODIFIED])
IN_FORCE = [AgreementState.IN_FORCE, AgreementState.UNDER_REVIEW]
GROUNDS = [slug for slug, _label in law.REJECTION_GROUNDS]


def periods_published_q(prefix: str = "") -> Q:
    """An authority has published its s.84 periods (Authority.timescales_published): both
    periods with their units, and a publication date. A missing one is 'not published'."""
    return ~timescales_unpublished_q(prefix)


def _day_number(day_expression):
    """The calendar's count of working days for a date expression (one primary-key lookup)."""
    return Subquery(
        WorkingDay.objects.filter(day=day_expression).values("number")[:1],
        output_field=IntegerField(),
    )


def returning() -> Q:
    """The challenge came from a body that had challenged before: every challenge of a body but
    its first (a window function over the bodies' challenges, run once as an uncorrelated
    subquery; a per-row EXISTS cost a third of the whole refresh at 100,000 challenges)."""
    firsts = (
        _counted(Challenge.objects.filter(received_at__isnull=False))
        .annotate(first=Window(Min("received_at"), partition_by=[F("organisation_id")]))
        .filter(received_at__gt=F("first"))
        .values("pk")
    )
    return Q(pk__in=firsts)


def received():
    """Challenges received (submitted), each with the dates the measures need."""
    notified = TruncDate(Coalesce("modification_proposed_at", "decided_at"))
    received_on = TruncDate("received_at")
    clock_start = Greatest(received_on, Coalesce("window_closes_on", received_on))
    partners = ServiceSpecificationPage.partner_authorities.through.objects.filter(
        servicespecificationpage_id=OuterRef("service_id")
    )
    return (
        _counted(Challenge.objects.filter(received_at__isnull=False))
        .annotate(
            year=ExtractYear("received_at"),
            notified_on=notified,
            clock_start=clock_start,
        )
        .annotate(
            # negative when notified before the window closed: such a decision is not timed
            working_days=_day_number(OuterRef("notified_on"))
            - _day_number(OuterRef("clock_start")),
            is_joint=Exists(partners),
        )
        .order_by()
    )


def exercises():
    """Procurement exercises that follow a challenge: the one source of every procurement figure
    (the challenge's own procurement fields are not read)."""
    return (
        _counted(ProcurementExercise.objects.filter(challenge__isnull=False))
        .annotate(days_to_procurement=DaysBetween("started_on", TruncDate("challenge__decided_at")))
        .order_by()
    )


def _exercise_aggregates() -> dict:
    """Keyed with a prefix (an alias may not be a field's name); see _exercise_row."""
    awarded = Q(awarded_on__isnull=False)
    return {
        "x_procurement_started": Count("pk"),
        "x_median_days_to_procurement": Median("days_to_procurement"),
        "x_with_result": Count("pk", filter=awarded & Q(challenger_won__isnull=False)),
        "x_challenger_won": Count("pk", filter=awarded & Q(challenger_won=True)),
        "x_other_bidder_won": Count("pk", filter=awarded & Q(challenger_won=False)),
        "x_not_awarded": Count("pk", filter=Q(state=ExerciseState.CANCELLED)),
    }


def _exercise_row(row: dict) -> dict:
    return {key.removeprefix("x_"): value for key, value in row.items()}


EXERCISE_FIGURES = tuple(_exercise_row(_exercise_aggregates()))


# --- innovation offers (issue 21), per authority addressed -----------------------------------

LED_TO_CHANGE = ["pilot", "procurement", "s75_arrangement"]


def offer_addressees():
    """Each authority an offer is made to (one row per offer and authority), with the days it
    acknowledged and answered; synthetic offers left out when counting real records only."""
    qs = OfferAddressee.objects.filter(authority__isnull=False)
    if _records.get() == REAL:
        qs = qs.exclude(offer__synthetic=True)
    return qs.annotate(
        acknowledged_on=TruncDate("acknowledged_at"), answered_on=TruncDate("answered_at")
    ).order_by()


def _offer_aggregates(today: date) -> dict:
    """Timed against the standard in force when the offer was received (the addressee's own
    dates): measured once the step is done or its date has passed; an offer withdrawn before
    the step is not measured on it."""
    live = Q(offer__withdrawn_at__isnull=True)
    acknowledged, answered = Q(acknowledged_at__isnull=False), Q(answered_at__isnull=False)
    aggregates = {
        "offers_received": Count("pk"),
        "offers_acknowledgement_measured": Count(
            "pk",
            filter=Q(acknowledge_by__isnull=False)
            & (acknowledged | (Q(acknowledge_by__lt=today) & live)),
        ),
        "offers_acknowledged_on_time": Count(
            "pk", filter=acknowledged & Q(acknowledged_on__lte=F("acknowledge_by"))
        ),
        "offers_answer_measured": Count(
            "pk",
            filter=Q(answer_by__isnull=False) & (answered | (Q(answer_by__lt=today) & live)),
        ),
        "offers_answered_on_time": Count(
            "pk", filter=answered & Q(answered_on__lte=F("answer_by"))
        ),
        "offers_answered": Count("pk", filter=answered),
        "offers_with_reasons": Count("pk", filter=answered & ~Q(reasons__regex=r"^\s*$")),
        "offers_taken_forward": Count("pk", filter=answered & Q(outcome="taken_forward")),
        "offers_not_taken_forward": Count("pk", filter=answered & Q(outcome="not_taken_forward")),
        "offers_referred": Count("pk", filter=answered & Q(outcome="referred")),
        "offers_led_to_change": Count(
            "pk", filter=answered & Q(outcome="taken_forward", route__in=LED_TO_CHANGE)
        ),
        "offers_never_answered": Count("pk", filter=~answered & ~Q(offer__state="withdrawn")),
    }
    for sector, _label in law.OFFER_SECTORS:
        aggregates[f"offers_{sector}"] = Count("pk", filter=Q(offer__sector=sector))
    return aggregates


EMPTY_OFFERS = {key: 0 for key in _offer_aggregates(date(2000, 1, 1))}


def standards_in_force(today: date) -> set[int]:
    """Ids of the authorities with an offer response standard in force today."""
    return set(
        ResponseStandard.objects.filter(authority__isnull=False, takes_effect_on__lte=today)
        .values_list("authority_id", flat=True)
        .distinct()
    )


def offer_figures(authority=None, today: date | None = None) -> dict:
    """The offer counts for England or one authority (one query; two with the standard)."""
    today = today or timezone.localdate()
    row = _scoped(offer_addressees(), authority).aggregate(**_offer_aggregates(today))
    if authority is not None:
        row["offer_standard"] = authority.pk in standards_in_force(today)
    else:
        row["offer_standard_authorities"] = len(standards_in_force(today))
    return row


def _cites(slug: str) -> Q:
    """The decision cites the ground: jsonb containment on PostgreSQL (no text cast); SQLite
    cannot, so a text match there (no ground's slug is part of another's, so it is exact)."""
    if connection.vendor == "postgresql":
        return Q(grounds__contains=[slug])
    return Q(grounds__icontains=slug)


def _challenge_aggregates() -> dict:
    """One aggregate per figure; used whole (England) or grouped (by authority, year, ...).

    A decision is measured against a period only when its challenge got a due date on receipt
    (Challenge.decision_due, from the periods in force that day): a period published later is
    never applied to it; the rest have no period to measure against."""
    measured = DECIDED & Q(decision_due__isnull=False)
    timed = DECIDED & Q(notified_on__gte=F("clock_start"))
    aggregates = {
        "received": Count("pk"),
        "decided": Count("pk", filter=DECIDED),
        "measured": Count("pk", filter=measured),
        "within_period": Count("pk", filter=measured & Q(notified_on__lte=F("decision_due"))),
        "no_period": Count("pk", filter=DECIDED & Q(decision_due__isnull=True)),
        "no_reasons": Count("pk", filter=DECIDED & Q(decision_reasons__regex=r"^\s*$")),
        "timed": Count("pk", filter=timed),
        "median_working_days": Median("working_days", filter=timed),
        "accepted": Count("pk", filter=Q(outcome=Outcome.ACCEPTED)),
        "modified": Count("pk", filter=Q(outcome=Outcome.MODIFIED)),
        "rejected": Count("pk", filter=Q(outcome=Outcome.REJECTED)),
        "withdrawn": Count("pk", filter=Q(state=State.WITHDRAWN)),
        "awaiting_decision": Count(
            "pk",
            filter=Q(
                state__in=[
                    State.SUBMITTED,
                    State.UNDER_ASSESSMENT,
                    State.CLARIFICATION_REQUESTED,
                    State.MODIFICATION_PROPOSED,
                ]
            ),
        ),
        "awaiting_procurement": Count("pk", filter=Q(state=State.ACCEPTED)),
        "bodies": Count("organisation_id", distinct=True),
        "returning": Count("pk", filter=returning()),
        "employee_groups": Count("pk", filter=Q(organisation__body_type="employee_group")),
        "consortia": Count("pk", filter=Q(has_partners=True)),
        "joint": Count("pk", filter=Q(is_joint=True)),
    }
    for slug in GROUNDS:
        aggregates[f"ground_{slug}"] = Count("pk", filter=DECIDED & _cites(slug))
    return aggregates


def _finish(row: dict) -> dict:
    """Derived figures, and every measure with a base worked out (measures.apply); in place."""
    row["accepted_all"] = row["accepted"] + row["modified"]
    row["late"] = row["measured"] - row["within_period"]
    row["first_time"] = row["received"] - row["returning"]
    return measures.apply(row)


def _scoped(queryset, authority, field="authority_id"):
    return queryset.filter(**{field: authority.pk}) if authority is not None else queryset


def challenge_figures(authority=None) -> dict:
    """Every challenge and procurement figure, for England or one authority (two queries)."""
    row = _scoped(received(), authority).aggregate(**_challenge_aggregates())
    row |= _exercise_row(_scoped(exercises(), authority).aggregate(**_exercise_aggregates()))
    row |= offer_figures(authority)
    return _finish(row)


def by_year(authority=None) -> list[dict]:
    """The challenge figures for each year of receipt (one query)."""
    rows = (
        _scoped(received(), authority)
        .values("year")
        .annotate(**_challenge_aggregates())
        .order_by("year")
    )
    return [_finish(dict(row)) for row in rows]


def by_window(authority=None) -> list[dict]:
    """Challenges by the window they came in: for one authority each window (by its closing
    day); for England, each year split into 'in a window' and 'any time' (one query)."""
    qs = _scoped(received(), authority)
    if authority is not None:
        rows = (
            qs.values("window_closes_on")
            .annotate(received=Count("pk"), decided=Count("pk", filter=DECIDED))
            .order_by(F("window_closes_on").asc(nulls_first=True))
        )
        return [
            {
                "window_closes_on": r["window_closes_on"].isoformat()
                if r["window_closes_on"]
                else None,
                "received": r["received"],
                "decided": r["decided"],
            }
            for r in rows
        ]
    rows = (
        qs.values("year")
        .annotate(
            in_window=Count("pk", filter=Q(window_closes_on__isnull=False)),
            any_time=Count("pk", filter=Q(window_closes_on__isnull=True)),
        )
        .order_by("year")
    )
    return [dict(r) for r in rows]


def by_body_type(authority=None) -> list[dict]:
    """Challenges and distinct bodies by type of body (s.81(6)) (one query)."""
    labels = dict(law.BODY_TYPES)
    rows = (
        _scoped(received(), authority)
        .values(body_type=F("organisation__body_type"))
        .annotate(
            challenges=Count("pk"),
            bodies=Count("organisation_id", distinct=True),
            first_time=Count("pk", filter=~returning()),
        )
        .order_by("body_type")
    )
    return [{**r, "label": labels.get(r["body_type"], r["body_type"])} for r in rows]


def grounds(figures: dict) -> list[dict]:
    """The grounds cited in rejections and modifications, from challenge_figures()."""
    return [
        {"ground": slug, "label": label, "cited": figures[f"ground_{slug}"]}
        for slug, label in law.REJECTION_GROUNDS
    ]


def contracts(authority=None) -> dict:
    """Contracts awarded in procurements that followed a challenge (public values only)."""
    qs = _counted(
        ProcurementExercise.objects.filter(challenge__isnull=False, awarded_on__isnull=False)
    )
    qs = _scoped(qs, authority).exclude(confidential_fields__icontains="award_value")
    row = qs.aggregate(
        awarded=Count("pk"),
        total_value=Sum("award_value"),
        challenger_won_value=Sum("award_value", filter=Q(challenger_won=True)),
        median_value=Median("award_value"),
    )
    return {k: (int(v) if v is not None else None) for k, v in row.items()}


def _agreements(authority=None):
    qs = _counted(TransferAgreement.objects.all())
    if authority is not None:
        qs = qs.filter(parties__authority=authority)
    return qs


def agreements(authority=None) -> dict:
    """Section 75 agreements in force and pooled-fund contributions by financial year."""
    in_force = (
        _agreements(authority).filter(state__in=IN_FORCE).aggregate(n=Count("pk", distinct=True))
    )
    pooled = _agreements(authority).filter(
        agreement_type="pooled_fund", state__in=PUBLISHED_STATES + [AgreementState.TERMINATED]
    )
    rows = (
        Contribution.objects.filter(agreement__in=pooled.values("pk"))
        .values("financial_year")
        .annotate(total=Sum("amount"), agreements=Count("agreement_id", distinct=True))
        .order_by("financial_year")
    )
    by_year_rows = [
        {
            "financial_year": r["financial_year"],
            "label": f"{r['financial_year']}-{(r['financial_year'] + 1) % 100:02d}",
            "total": int(r["total"] or 0),
            "agreements": r["agreements"],
        }
        for r in rows
    ]
    return {
        "in_force": in_force["n"],
        "pooled_by_year": by_year_rows,
        "pooled_total": sum(r["total"] for r in by_year_rows),
    }


def services_and_windows(authority=None, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    services = _scoped(ServiceSpecificationPage.objects.live(), authority)
    windows = _scoped(ChallengeWindow.objects.open_on(today), authority)
    authorities = Authority.objects.all()
    if authority is not None:
        authorities = authorities.filter(pk=authority.pk)
    published = authorities.aggregate(
        total=Count("pk"), published=Count("pk", filter=periods_published_q())
    )
    return {
        "services_published": services.count(),
        "windows_open": windows.count(),
        "authorities": published["total"],
        "periods_published": published["published"],
        "checked_on": today.isoformat(),
    }


def _per_authority(queryset, field: str, **aggregates) -> dict[int, dict]:
    rows = queryset.values(field).annotate(**aggregates).order_by()
    return {row.pop(field): row for row in rows}


def _league_fields() -> list[str]:
    """The keys a league row carries for each league measure: its figure and, for a measure with
    a base, its status, base, count and interval."""
    keys = []
    for m in LEAGUE + [measures.measure(slug) for slug in measures.ENGAGEMENT + measures.OFFERS]:
        keys.append(m.slug)
        if m.base:
            keys += [f"{m.slug}_{part}" for part in ("status", "base", "count", "low", "high")]
    return keys


def league(today: date | None = None) -> list[dict]:
    """One row per authority: its name, type, region and every league measure (six grouped
    queries, whatever the number of authorities or challenges)."""
    today = today or timezone.localdate()
    challenge_rows = _per_authority(received(), "authority_id", **_challenge_aggregates())
    exercise_rows = _per_authority(exercises(), "authority_id", **_exercise_aggregates())
    services = _per_authority(
        ServiceSpecificationPage.objects.live(), "authority_id", n=Count("pk")
    )
    windows = _per_authority(ChallengeWindow.objects.open_on(today), "authority_id", n=Count("pk"))
    in_force = _per_authority(
        _counted(TransferAgreement.objects.filter(state__in=IN_FORCE)),
        "parties__authority_id",
        n=Count("pk", distinct=True),
    )
    offers = _per_authority(offer_addressees(), "authority_id", **_offer_aggregates(today))
    standards = standards_in_force(today)
    first_published = _per_authority(
        PeriodVersion.objects.filter(decision_period__isnull=False),
        "authority_id",
        first=Min("effective_on"),
    )
    authorities = Authority.objects.annotate(
        published=ExpressionWrapper(periods_published_q(), output_field=BooleanField())
    ).values(
        "pk", "slug", "code", "nice_name", "authority_type", "region", "published",
        "timescales_published_on",
    )  # fmt: skip
    empty_challenges = {key: 0 for key in _challenge_aggregates()} | {"median_working_days": None}
    empty_exercises = {key: 0 for key in EXERCISE_FIGURES} | {"median_days_to_procurement": None}
    fields = _league_fields()
    rows = []
    for a in authorities:  # 317 authorities, each merged with its grouped figures
        figures = _finish(
            dict(challenge_rows.get(a["pk"]) or empty_challenges)
            | (
                _exercise_row(exercise_rows[a["pk"]])
                if a["pk"] in exercise_rows
                else empty_exercises
            )
            | (offers.get(a["pk"]) or EMPTY_OFFERS)
            | {"offer_standard": a["pk"] in standards}
        )
        row = {
            "slug": a["slug"],
            "code": a["code"],
            "name": a["nice_name"],
            "authority_type": a["authority_type"],
            "authority_type_label": law.AUTHORITY_TYPES.get(a["authority_type"], ""),
            "region": a["region"],
            "services_published": services.get(a["pk"], {}).get("n", 0),
            "windows_open": windows.get(a["pk"], {}).get("n", 0),
            "agreements_in_force": in_force.get(a["pk"], {}).get("n", 0),
            "periods_published": bool(a["published"]),
            # since its first publication (a version), or its fields' date when it has none
            "periods_since": _since(a, first_published.get(a["pk"])),
        }
        rows.append(row | {key: figures[key] for key in fields if key in figures})
    return rows


def _since(a: dict, first: dict | None) -> str | None:
    if not a["published"]:
        return None
    day = first["first"] if first else a["timescales_published_on"]
    return day.isoformat() if day else None


def medians(rows: list[dict]) -> dict:
    """Across authorities, for each league measure: the median of the authorities' own figures,
    over the authorities whose figure meets the measure's minimum base only (`authorities` says
    how many); for a yes/no measure never a median but the share: `yes` of `authorities`."""
    import statistics as stats

    result = {}
    for m in LEAGUE:
        if m.unit == YES_NO:
            yes = sum(1 for r in rows if r.get(m.slug))
            share = round(100 * yes / len(rows)) if rows else None
            result[m.slug] = {"yes": yes, "authorities": len(rows), "share": share}
            continue
        values = [float(r[m.slug]) for r in rows if measures.status(m, r) == measures.RATED]
        median = round(stats.median(values), 1) if values else None
        result[m.slug] = {"median": median, "authorities": len(values)}
    return result


def synthetic() -> dict | None:
    """When synthetic records are in the portal (the demo's cases, manage.py seed_history): the
    synthetic challenges counted from the records themselves (received, as the dashboard counts
    them) and all challenges, so the warning's numbers are those of the records it describes;
    `records` says which the figures count (all, or real ones only), `real` how many are real.
    What made a synthetic history is added when one was made. None when there is none."""
    made = (
        SyntheticHistory.objects.order_by("-made_at")
        .values("made_at", "years", "scale", "challenges")
        .first()
    )
    counted = Challenge.objects.filter(received_at__isnull=False).aggregate(
        all=Count("pk"), synthetic=Count("pk", filter=Q(provenance=provenance.SYNTHETIC))
    )
    if not made and not counted["synthetic"]:
        return None
    made = made or {"made_at": None, "years": 0, "scale": 0, "challenges": 0}
    records = _records.get()
    return {
        **made,
        "made_at": made["made_at"].isoformat() if made["made_at"] else None,
        "challenges": counted["synthetic"],
        "counted": counted["all"] if records == ALL else counted["all"] - counted["synthetic"],
        "real": counted["all"] - counted["synthetic"],
        "records": records,
    }


def england(today: date | None = None) -> dict:
    figures = challenge_figures()
    return {
        "scope": "England",
        "totals": figures,
        "by_year": by_year(),
        "by_window": by_window(),
        "by_body_type": by_body_type(),
        "grounds": grounds(figures),
        "contracts": contracts(),
        "agreements": agreements(),
        "services": services_and_windows(today=today),
        "definitions": [m.declaration() for m in MEASURES],
        "synthetic": synthetic(),
        "records": _records.get(),
    }


def authority(a: Authority, today: date | None = None) -> dict:
    figures = challenge_figures(a)
    published = Authority.objects.filter(periods_published_q(), pk=a.pk).exists()
    return {
        "scope": a.nice_name,
        "authority": {
            "slug": a.slug,
            "code": a.code,
            "name": a.nice_name,
            "authority_type": a.authority_type,
            "region": a.region,
            "periods_published": published,
            "decision_period": a.decision_period_text if published else None,
            "procurement_min_period": a.procurement_min_period_text if published else None,
            "timescales_published_on": a.timescales_published_on.isoformat() if published else None,
            # every publication of its periods, oldest first (portal.PeriodVersion)
            "period_versions": [
                {
                    "effective_on": v.effective_on.isoformat(),
                    "decision_period": v.decision_period_text if v.is_published else None,
                    "procurement_min_period": v.procurement_min_period_text
                    if v.is_published
                    else None,
                }
                for v in a.period_versions.order_by("effective_on", "pk")
            ],
        },
        "totals": figures,
        "by_year": by_year(a),
        "by_window": by_window(a),
        "by_body_type": by_body_type(a),
        "grounds": grounds(figures),
        "contracts": contracts(a),
        "agreements": agreements(a),
        "services": services_and_windows(a, today=today),
        "definitions": [m.declaration() for m in MEASURES],
        "records": _records.get(),
    }
