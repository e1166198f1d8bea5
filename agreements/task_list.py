"""Agreement tasks on /tasks/: approvals awaited from NHS partners and decision makers,
agreements every party has approved (ready for the lead's decision maker to sign), and agreement
reviews due."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from agreements.models import AgreementParty, AgreementState, TransferAgreement
from messaging import task_list as tasks
from portal import law
from portal.models import Role

NHS, DECISION_MAKER, OFFICER = "NHS partner", "Decision maker", "Officer"


def _awaiting_approval(party_condition: Q):
    """Agreements in approval with a party (matching the condition) that has not approved."""
    pending = AgreementParty.objects.filter(
        party_condition, agreement=OuterRef("pk"), approved_at=None
    )
    return TransferAgreement.objects.filter(state=AgreementState.APPROVAL).filter(Exists(pending))


def _ready_to_sign(context):
    """Agreements in approval led by the person's authorities, which every party has approved."""
    pending = AgreementParty.objects.filter(agreement=OuterRef("pk"), approved_at=None)
    return TransferAgreement.objects.filter(
        state=AgreementState.APPROVAL,
        lead_authority_id__in=context.authority_ids(Role.DECISION_MAKER),
    ).exclude(Exists(pending))


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


def count(context: tasks.TaskContext) -> int:
    total = 0
    if context.nhs_body_ids:
        total += _awaiting_approval(_nhs(context)).count()
        total += _reviews_due(context, _nhs(context)).count()
    if context.authority_ids(Role.DECISION_MAKER):
        total += _awaiting_approval(_authorities(context, Role.DECISION_MAKER)).count()
        total += _ready_to_sign(context).count()
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
        more_url=reverse("agreements:manage-list"),
        empty=empty,
    )


def sections(context: tasks.TaskContext) -> list:
    found: list = []
    if context.nhs_body_ids:
        found += [
            _agreement_section(
                NHS,
                "Agreements awaiting your approval",
                _awaiting_approval(_nhs(context)),
                "agreements:manage-approve",
                "No agreement is waiting for your body's approval",
            ),
            _agreement_section(
                NHS,
                "Agreement reviews due",
                _reviews_due(context, _nhs(context)),
                "agreements:manage",
                f"No review is due in the next {law.AGREEMENT_REVIEW_REMINDER_DAYS} days",
            ),
            tasks.Links(NHS, [("Your body's agreements", reverse("agreements:manage-list"))]),
        ]
    if context.authority_ids(Role.DECISION_MAKER):
        found.append(
            _agreement_section(
                DECISION_MAKER,
                "Agreements awaiting your authority's approval",
                _awaiting_approval(_authorities(context, Role.DECISION_MAKER)),
                "agreements:manage-approve",
                "No agreement is waiting for your authority's approval",
            )
        )
        found.append(
            _agreement_section(
                DECISION_MAKER,
                "Agreements ready to sign",
                _ready_to_sign(context),
                "agreements:manage",
                "No agreement has every party's approval yet",
            )
        )
    if context.authority_ids(Role.OFFICER):
        section = _agreement_section(
            OFFICER,
            "Agreement reviews due",
            _reviews_due(context, _authorities(context, Role.OFFICER)),
            "agreements:manage",
            f"No review is due in the next {law.AGREEMENT_REVIEW_REMINDER_DAYS} days",
        )
        section.open = False
        found.append(section)
    if context.authority_ids(Role.OFFICER, Role.DECISION_MAKER, Role.AUTHORITY_ADMIN):
        found.append(
            tasks.Links("Staff", [("Transfer agreements", reverse("agreements:manage-list"))])
        )
    return found


def register() -> None:
    tasks.register(sections, count)
