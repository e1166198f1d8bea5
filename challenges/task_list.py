"""The challenge tasks on /tasks/: officers' and decision makers' cases of their own authorities
(as lead or partner), and the bodies' clarification requests, modification proposals and decisions.
"""

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse

from messaging import task_list as tasks
from portal.models import Role, ServiceSpecificationPage

from .models import (
    AWAITING_DECISION,
    DECIDED,
    Challenge,
    DecisionRoute,
    Eligibility,
    Message,
    State,
)

OFFICER, DECISION_MAKER, BODY = "Officer", "Decision maker", "Your organisations"
ASSESSING = [State.SUBMITTED, State.UNDER_ASSESSMENT]


def _of_authorities(ids) -> Q:
    """Cases led by one of the authorities, or of a joint service they are partners in."""
    joint = ServiceSpecificationPage.objects.filter(partner_authorities__in=ids).values("pk")
    return Q(authority_id__in=ids) | Q(service_id__in=joint)


def _with_last_message(queryset):
    last = Message.objects.filter(challenge=OuterRef("pk")).order_by("-created_at", "-pk")
    return queryset.annotate(last_from_authority=Subquery(last.values("from_authority")[:1]))


def _conditions(context: tasks.TaskContext) -> dict[str, Q]:
    officer = _of_authorities(context.authority_ids(Role.OFFICER))
    decider = _of_authorities(context.authority_ids(Role.DECISION_MAKER))
    awaiting = Q(state__in=AWAITING_DECISION)
    overdue = awaiting & Q(decision_due__lt=context.today)
    due_soon = awaiting & Q(
        decision_due__gte=context.today, decision_due__lte=context.due_soon_until
    )
    return {
        "to_assess": officer & Q(state__in=ASSESSING),
        "replies": officer & Q(state=State.UNDER_ASSESSMENT, last_from_authority=False),
        "overdue": officer & overdue,
        "due_soon": officer & due_soon,
        "awaiting_decision": decider & Q(state=State.UNDER_ASSESSMENT),
        # A recommendation for this person to sign off, or for a committee whose decision a
        # decision maker of the authority records.
        "to_sign": decider
        & Q(state=State.RECOMMENDED)
        & (
            Q(recommendation__decision_maker_id=context.user.pk)
            | Q(recommendation__route=DecisionRoute.COMMITTEE)
        ),
        # A body whose eligibility the officer confirms (a group of employees: its employer's).
        "eligibility": officer
        & Q(state=State.SUBMITTED)
        & ~Q(organisation__eligibility__status=Eligibility.CONFIRMED),
        "decision_due_soon": decider & (overdue | due_soon),
        # s.84(6)-(7): the body not yet told when to expect the decision (received while no
        # decision period was in force), due within 30 days.
        "expected_decision": officer
        & awaiting
        & Q(received_at__isnull=False, expected_decision_notified_on__isnull=True),
        # s.83(4)(b), (7): accepted, and the procurement exercise must begin by the published
        # maximum.
        "procurement_due": officer & Q(state=State.ACCEPTED, procurement_due_by__isnull=False),
    }


OPEN_FOR_STAFF = (
    "to_assess",
    "overdue",
    "awaiting_decision",
    "decision_due_soon",
    "to_sign",
    "expected_decision",
    "procurement_due",
)
# Each section's own date: what is due, by when (the tag turns red once it has passed).
DUE_FIELDS = {
    "expected_decision": ("expected_decision_notice_due", "notice due"),
    "procurement_due": ("procurement_due_by", "procurement to start by"),
}


def _staff_cases(context):
    return _with_last_message(Challenge.objects.exclude(state=State.DRAFT))


def _body_cases(context):
    return Challenge.objects.filter(organisation_id__in=context.organisation_ids)


def count(context: tasks.TaskContext) -> int:
    """Distinct cases waiting for the user: one SQL aggregate for staff, one for bodies."""
    total = 0
    if context.authority_ids(Role.OFFICER, Role.DECISION_MAKER):
        conditions = _conditions(context)
        waiting = Q()
        for name in OPEN_FOR_STAFF:
            waiting |= conditions[name]
        total += _staff_cases(context).aggregate(n=Count("pk", filter=waiting, distinct=True))["n"]
    if context.organisation_ids:
        total += (
            _body_cases(context)
            .filter(state__in=[State.CLARIFICATION_REQUESTED, State.MODIFICATION_PROPOSED])
            .count()
        )
    return total


def _case_task(challenge: Challenge, url: str) -> tasks.Task:
    due = f"decision due {challenge.decision_due:%-d %B %Y}" if challenge.decision_due else ""
    return tasks.Task(
        f"{challenge.reference}: {challenge.service.title}",
        url,
        detail=", ".join(p for p in (challenge.organisation.name, due) if p),
        tag=challenge.get_state_display(),
        tag_colour="red" if challenge.is_overdue else "grey",
    )


def _dated_task(challenge: Challenge, url: str, field: str, words: str, today) -> tasks.Task:
    due = getattr(challenge, field)
    late = bool(due and due < today)
    return tasks.Task(
        f"{challenge.reference}: {challenge.service.title}",
        url,
        detail=", ".join(
            p for p in (challenge.organisation.name, due and f"{words} {due:%-d %B %Y}") if p
        ),
        tag="Overdue" if late else "Due",
        tag_colour="red" if late else "grey",
    )


def _staff_section(context, role, name, title, empty, open=True) -> tasks.Section:
    order = DUE_FIELDS[name][0] if name in DUE_FIELDS else "decision_due"
    cases = (
        _staff_cases(context)
        .filter(_conditions(context)[name])
        .distinct()
        .select_related("service", "organisation")
        .order_by(order, "received_at")
    )
    total, rows = tasks.listed(cases)

    def task(c):
        url = reverse("challenges:casework-case", args=[c.pk])
        if name in DUE_FIELDS:
            return _dated_task(c, url, *DUE_FIELDS[name], context.today)
        return _case_task(c, url)

    return tasks.Section(
        role,
        title,
        total,
        [task(c) for c in rows],
        open=open,
        more_url=reverse("challenges:casework"),
        empty=empty,
    )


def _body_section(context, title, cases, url_name, empty, open=True) -> tasks.Section:
    total, rows = tasks.listed(cases.select_related("service", "organisation"))
    return tasks.Section(
        BODY,
        title,
        total,
        [_case_task(c, reverse(url_name, args=[c.pk])) for c in rows],
        open=open,
        more_url=reverse("challenges:mine"),
        empty=empty,
    )


def sections(context: tasks.TaskContext) -> list:
    found: list = []
    if context.authority_ids(Role.OFFICER):
        found += [
            _staff_section(
                context, OFFICER, "to_assess", "Challenges to assess", "No challenges to assess"
            ),
            _staff_section(
                context,
                OFFICER,
                "eligibility",
                "Bodies whose eligibility to confirm",
                "No body is waiting for its eligibility to be confirmed",
            ),
            _staff_section(
                context,
                OFFICER,
                "replies",
                "Clarification replies received",
                "No replies waiting for you",
                open=False,
            ),
            _staff_section(context, OFFICER, "overdue", "Overdue decisions", "Nothing is overdue"),
            _staff_section(
                context,
                OFFICER,
                "expected_decision",
                "Bodies to tell when to expect the decision (Localism Act 2011 s.84(6)-(7))",
                "Every body has been told when to expect its decision",
            ),
            _staff_section(
                context,
                OFFICER,
                "procurement_due",
                "Procurement exercises to start by the published maximum (s.83(4)(b), (7))",
                "No accepted challenge is waiting for its procurement exercise",
            ),
            _staff_section(
                context,
                OFFICER,
                "due_soon",
                f"Decisions due within {tasks.DUE_SOON_WORKING_DAYS} working days",
                "No decision is due soon",
                open=False,
            ),
        ]
    if context.authority_ids(Role.DECISION_MAKER):
        found += [
            _staff_section(
                context,
                DECISION_MAKER,
                "to_sign",
                "Recommendations to sign off",
                "No recommendation is waiting for your sign-off",
            ),
            _staff_section(
                context,
                DECISION_MAKER,
                "awaiting_decision",
                "Challenges awaiting your decision",
                "No challenges are waiting for a decision",
            ),
            _staff_section(
                context,
                DECISION_MAKER,
                "decision_due_soon",
                f"Decisions overdue or due within {tasks.DUE_SOON_WORKING_DAYS} working days",
                "No decision is due soon",
            ),
        ]
    if context.authority_ids(Role.OFFICER, Role.DECISION_MAKER, Role.AUTHORITY_ADMIN):
        links = [("Case work queue", reverse("challenges:casework"))]
        if context.authority_ids(Role.AUTHORITY_ADMIN):
            links.append(("Scheme of delegation", reverse("challenges:delegation")))
        found.append(tasks.Links("Staff", links))
    if context.organisation_ids:
        cases = _body_cases(context)
        found += [
            _body_section(
                context,
                "Clarification requests to answer",
                cases.filter(state=State.CLARIFICATION_REQUESTED).order_by("decision_due"),
                "challenges:answer",
                "No requests for clarification",
            ),
            _body_section(
                context,
                "Modification proposals to reply to",
                cases.filter(state=State.MODIFICATION_PROPOSED).order_by("decision_due"),
                "challenges:modification",
                "No proposed modifications",
            ),
            _body_section(
                context,
                "Decisions received",
                cases.filter(state__in=DECIDED).exclude(outcome="").order_by("-decided_at"),
                "challenges:case",
                "No decisions yet",
                open=False,
            ),
            tasks.Links(BODY, [("Your challenges", reverse("challenges:mine"))]),
        ]
    return found


def register() -> None:
    tasks.register(sections, count)
