"""Procurement tasks on /tasks/: contract details notices due or overdue (Procurement Act 2023
s.53), and providers' expressions of interest with their states."""

from django.urls import reverse

from messaging import task_list as tasks
from portal.models import Role
from procurement.models import ExpressionOfInterest, ProcurementExercise
from procurement.models import State as ExerciseState
from procurement.models.interests import InterestState

OFFICER, BODY = "Officer", "Your organisations"


def _interests(context):
    return ExpressionOfInterest.objects.filter(organisation_id__in=context.organisation_ids)


def _contract_notices_due(context):
    """Exercises whose contract was entered into and whose contract details notice (or, under
    the Provider Selection Regime, notice of the award) is overdue or due within five working
    days."""
    return ProcurementExercise.objects.filter(
        authority_id__in=context.authority_ids(Role.OFFICER),
        state=ExerciseState.AWARDED,
        contract_details_due__lte=context.due_soon_until,
    )


def _contract_notice_section(context) -> tasks.Section:
    total, rows = tasks.listed(
        _contract_notices_due(context).select_related("authority").order_by("contract_details_due")
    )
    return tasks.Section(
        OFFICER,
        "Contract details notices due",
        total,
        [
            tasks.Task(
                f"{e.reference}: {e.title}",
                reverse("procurement:exercise-action", args=[e.reference, "start_delivery"]),
                detail=f"{e.contract_notice_label} due by {e.contract_details_due:%-d %B %Y}",
                tag="Overdue" if e.contract_details_due < context.today else "Due soon",
                tag_colour="red" if e.contract_details_due < context.today else "yellow",
            )
            for e in rows
        ],
        more_url=reverse("procurement:exercises") + "?state=awarded",
        empty="No contract details notice is due in the next "
        f"{tasks.DUE_SOON_WORKING_DAYS} working days",
    )


def count(context: tasks.TaskContext) -> int:
    total = 0
    if context.authority_ids(Role.OFFICER):
        total += _contract_notices_due(context).count()
    if context.organisation_ids:
        total += _interests(context).filter(state=InterestState.DRAFT).count()
    return total


def _interest_section(context) -> tasks.Section:
    interests = (
        _interests(context).select_related("exercise", "organisation").order_by("-created_at")
    )
    total, rows = tasks.listed(interests)
    colours = {
        InterestState.DRAFT: "yellow",
        InterestState.SHORTLISTED: "blue",
        InterestState.SUCCESSFUL: "green",
        InterestState.NOT_SHORTLISTED: "red",
        InterestState.UNSUCCESSFUL: "red",
    }
    return tasks.Section(
        BODY,
        "Your expressions of interest in procurement exercises",
        total,
        [
            tasks.Task(
                f"{i.exercise.reference}: {i.exercise.title}",
                reverse("procurement:interest", args=[i.pk]),
                detail=i.organisation.name
                + (", not yet submitted" if i.state == InterestState.DRAFT else ""),
                tag=i.get_state_display(),
                tag_colour=colours.get(i.state, "grey"),
            )
            for i in rows
        ],
        open=False,
        more_url=reverse("procurement:interests"),
        empty="Your organisations have not expressed interest in a procurement exercise",
    )


def sections(context: tasks.TaskContext) -> list:
    found: list = []
    if context.authority_ids(Role.OFFICER):
        found.append(_contract_notice_section(context))
    if context.authority_ids(Role.OFFICER, Role.DECISION_MAKER, Role.AUTHORITY_ADMIN):
        found.append(
            tasks.Links("Staff", [("Procurement exercises", reverse("procurement:exercises"))])
        )
    if context.organisation_ids:
        found += [
            _interest_section(context),
            tasks.Links(BODY, [("Your expressions of interest", reverse("procurement:interests"))]),
        ]
    return found


def register() -> None:
    tasks.register(sections, count)
