"""Who, for an agreement, is in each role of messaging's subscription table, where each is sent,
and the fields of the agreement emails. Registered from AgreementsConfig.ready()."""

from django.urls import reverse

from agreements.models import AgreementState, TransferAgreement
from messaging import subscriptions as table
from portal import roles
from procurement.subscriptions import absolute, active, staff

# Events about approvals go only to the parties that have not approved yet.
AWAITING_APPROVAL = {"agreement.approval_awaited"}


def _parties(agreement, event):
    parties = agreement.parties.all()
    if event is not None and event.kind in AWAITING_APPROVAL:
        parties = parties.filter(approved_at=None)
    return parties


def agreement_nhs_partners(agreement, event=None):
    bodies = _parties(agreement, event).filter(nhs_body__isnull=False).values("nhs_body_id")
    return active(roles__role=roles.NHS_PARTNER, roles__nhs_body_id__in=bodies)


def agreement_decision_makers(agreement, event=None):
    """The decision makers of each authority party (who approve for it) and of the lead."""
    parties = _parties(agreement, event).filter(authority__isnull=False)
    ids = set(parties.values_list("authority_id", flat=True))
    if event is None or event.kind not in AWAITING_APPROVAL:
        ids.add(agreement.lead_authority_id)
    return staff(roles.DECISION_MAKER, ids)


def agreement_link(agreement, role) -> str:
    if role == table.WATCHERS and agreement.state in (
        AgreementState.SIGNED,
        AgreementState.IN_FORCE,
        AgreementState.UNDER_REVIEW,
        AgreementState.TERMINATED,
    ):
        return agreement.get_public_url()
    return reverse("agreements:manage", args=[agreement.reference])


def agreement_fields(event, kind) -> dict:
    agreement = event.subject
    return {
        "reference": agreement.reference,
        "title": agreement.title,
        "review_date": f"{agreement.review_date:%-d %B %Y}" if agreement.review_date else "",
        "agreement_url": absolute("agreements:manage", agreement.reference),
    }


def may_see_agreement(agreement, user) -> bool:
    return (
        TransferAgreement.objects.for_officer(user).filter(pk=agreement.pk).exists()
        or TransferAgreement.objects.for_nhs_partner(user).filter(pk=agreement.pk).exists()
        or TransferAgreement.objects.published().filter(pk=agreement.pk).exists()
    )


def register() -> None:
    table.register(
        table.Machine(
            name="agreement",
            model=TransferAgreement,
            audiences={
                table.NHS_PARTNERS: agreement_nhs_partners,
                table.OFFICERS: lambda a, event=None: staff(roles.OFFICER, [a.lead_authority_id]),
                table.DECISION_MAKERS: agreement_decision_makers,
            },
            link=agreement_link,
            title=lambda a: a.title,
            email_fields=agreement_fields,
            can_watch=may_see_agreement,
        )
    )
