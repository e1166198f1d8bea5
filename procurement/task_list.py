"""Procurement and agreement tasks on /tasks/: approvals awaited from NHS partners and decision
makers, agreement reviews due, contract details notices due or overdue (Procurement Act 2023
s.53), and providers' expressions of interest with their states."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from agreements.models import AgreementParty, AgreementState, TransferAgreement
from messaging import task_list as tasks
from portal import law
from portal.models import Role
from procurement.models import ExpressionOfInterest, ProcurementExercise
from procurement.models import State as ExerciseState
from procurement.models.interests import InterestState

NHS, DECISION_MAKER, OFFICER, BODY = (
    "NHS partner",
    "Decision maker",
    "Officer",
    "Your organisations",
)


def _awaiting_approval(party_condition: Q):
    """Agreements in approval with a party (matching the condition) that has not approved."""
    pending = AgreementParty.objects.filter(
        party_condition, agreement=OuterRef("pk"), approved_at=None
    )
    return TransferAgreement.objects.filter(state=AgreementState.APPROVAL).filter(Exists(pending))


def _reviews_due(context, party_condition: Q):
    horizon = context.today + timedelta(days=law.AGREEMENT_REVIEW_REMINDER_DAYS)
    parties = AgreementParty.objects.filter(party_condition, agreement=OuterRef("pk"))
    return TransferAgreement.objects.filter(
        Q(state=AgreementState.IN_FORCE, review_date__lte=horizon)
        | Q(state=AgreementState.UNDER_REVIEW)
    ).filter(Exists(parties))


def _nhs(context) -> Q:
    return Q(nhs_body_id__in=context.nhs_body_ids)


def _authorities(context, *roles) -> Q:
    return Q(authority_id__in=context.authority_ids(*roles))


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
    if context.nhs_body_ids:
        total += _awaiting_approval(_nhs(context)).count()
        total += _reviews_due(context, _nhs(context)).count()
    if context.authority_ids(Role.DECISION_MAKER):
        total += _awaiting_approval(_authorities(context, Role.DECISION_MAKER)).count()
    if context.organisation_ids:
        total += _interests(context).filter(state=InterestState.DRAFT).count()
    return total


def _agreement_task(agreement: TransferAgreement, url: str) -> tasks.Task:
    detail = agreement.lead_authority.nice_name
    if agreement.review_date and agreement.state != AgreementState.APPROVAL:
        detail += f", review due {agreement.review_date:%-d %B %Y}"
    return tasks.Task(
        f"{agreement.reference}: {agreement.title}",
        url,
        detail=detail,
        tag=agreement.get_state_display(),
        tag_colour="yellow" if agreement.state == AgreementState.APPROVAL else "grey",
    )


def _agreement_section(role, title, agreements, url_name, empty) -> tasks.Section:
    total, rows = tasks.listed(agreements.select_related("lead_authority").order_by("reference"))
    return tasks.Section(
        role,
        title,
        total,
        [_agreement_task(a, reverse(url_name, args=[a.reference])) for a in rows],
        more_url=reverse("procurement:agreements"),
        empty=empty,
    )


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
    if context.nhs_body_ids:
        found += [
            _agreement_section(
                NHS,
                "Agreements awaiting your approval",
                _awaiting_approval(_nhs(context)),
                "procurement:agreement-approve",
                "No agreement is waiting for your body's approval",
            ),
            _agreement_section(
                NHS,
                "Agreement reviews due",
                _reviews_due(context, _nhs(context)),
                "procurement:agreement",
                f"No review is due in the next {law.AGREEMENT_REVIEW_REMINDER_DAYS} days",
            ),
            tasks.Links(NHS, [("Your body's agreements", reverse("procurement:agreements"))]),
        ]
    if context.authority_ids(Role.DECISION_MAKER):
        found.append(
            _agreement_section(
                DECISION_MAKER,
                "Agreements awaiting your authority's approval",
                _awaiting_approval(_authorities(context, Role.DECISION_MAKER)),
                "procurement:agreement-approve",
                "No agreement is waiting for your authority's approval",
            )
        )
    if context.authority_ids(Role.OFFICER):
        found.append(_contract_notice_section(context))
        section = _agreement_section(
            OFFICER,
            "Agreement reviews due",
            _reviews_due(context, _authorities(context, Role.OFFICER)),
            "procurement:agreement",
            f"No review is due in the next {law.AGREEMENT_REVIEW_REMINDER_DAYS} days",
        )
        section.open = False
        found.append(section)
    if context.authority_ids(Role.OFFICER, Role.DECISION_MAKER, Role.AUTHORITY_ADMIN):
        found.append(
            tasks.Links(
                "Staff",
                [
                    ("Procurement exercises", reverse("procurement:exercises")),
                    ("Transfer agreements", reverse("procurement:agreements")),
                ],
            )
        )
    if context.organisation_ids:
        found += [
            _interest_section(context),
            tasks.Links(BODY, [("Your expressions of interest", reverse("procurement:interests"))]),
        ]
    return found


def register() -> None:
    tasks.register(sections, count)
