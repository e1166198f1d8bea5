"""Who, for an exercise, an expression of interest or an agreement, is in each role of portal's
subscription table, where each is sent, and the fields of the procurement emails. Registered from
ProcurementConfig.ready()."""

from django.conf import settings
from django.urls import reverse

from messaging import subscriptions as table
from portal import permissions
from portal.models import Membership, User

from .models import (
    AgreementState,
    ExpressionOfInterest,
    InterestState,
    ProcurementExercise,
    TransferAgreement,
)
from .models.interests import ASSESSED

# Events about approvals go only to the parties that have not approved yet.
AWAITING_APPROVAL = {"agreement.approval_awaited"}


def _active(**lookups):
    return User.objects.filter(is_active=True, **lookups).distinct()


def _absolute(name, *args) -> str:
    return settings.BASE_URL.rstrip("/") + reverse(name, args=args)


def members(organisation_ids):
    return _active(memberships__organisation_id__in=organisation_ids, memberships__approved=True)


def staff(role, authority_ids):
    return _active(roles__role=role, roles__authority_id__in=authority_ids)


# --- exercises ----------------------------------------------------------------------------------


def exercise_suppliers(exercise, event=None):
    """Members of each organisation that submitted an expression of interest (not a draft, not
    withdrawn)."""
    organisations = exercise.interests.exclude(
        state__in=[InterestState.DRAFT, InterestState.WITHDRAWN]
    ).values("organisation_id")
    return members(organisations)


def exercise_link(exercise, role) -> str:
    if role in (table.OFFICERS, table.DECISION_MAKERS):
        return reverse("procurement:exercise", args=[exercise.reference])
    return exercise.get_public_url()


# Every supplier assessed at the award has a summary, whatever state its interest has reached by
# the time the event is delivered (a delay, a retry, or the award's later steps).
SUMMARISED = [*ASSESSED, InterestState.SUCCESSFUL, InterestState.UNSUCCESSFUL]


def assessment_fields(event, kind, user_ids) -> dict[int, dict]:
    """Procurement Act 2023 s.50: each assessed supplier gets its own assessment summary."""
    if kind != "assessment_summary":
        return {}
    exercise = event.subject
    common = {
        "exercise_reference": exercise.reference,
        "exercise_title": exercise.title,
        "authority_name": exercise.authority.name,
        "supplier_name": exercise.supplier.name if exercise.supplier_id else "",
        "standstill_ends_on": f"{exercise.standstill_ends_on:%-d %B %Y}"
        if exercise.standstill_ends_on
        else "",
    }
    interests = {i.organisation_id: i for i in exercise.interests.filter(state__in=SUMMARISED)}
    found = {}
    memberships = Membership.objects.filter(
        user_id__in=user_ids, organisation_id__in=interests, approved=True
    ).values_list("user_id", "organisation_id")
    for user_id, organisation_id in memberships:
        interest = interests[organisation_id]
        found[user_id] = {
            **common,
            "award_note": "Your tender is the one it intends to award the contract to.\n\n"
            if interest.pk == exercise.winning_interest_id
            else "",
            "score": interest.score,
            "assessment_summary": interest.assessment_summary,
            "reference": interest.reference,
            "interest_url": _absolute("procurement:interest", interest.pk),
        }
    return found


# --- expressions of interest --------------------------------------------------------------------


def interest_link(interest, role) -> str:
    if role == table.BODY:
        return reverse("procurement:interest", args=[interest.pk])
    return reverse("procurement:exercise", args=[interest.exercise.reference])


def interest_fields(event, kind) -> dict:
    interest = event.subject
    exercise = interest.exercise
    return {
        "reference": interest.reference,
        "authority_name": exercise.authority.name,
        "exercise_title": exercise.title,
        "exercise_reference": exercise.reference,
        "outcome": "successful" if event.name == "mark_successful" else "not successful",
        "interest_url": _absolute("procurement:interest", interest.pk),
    }


# --- agreements ---------------------------------------------------------------------------------


def _parties(agreement, event):
    parties = agreement.parties.all()
    if event is not None and event.kind in AWAITING_APPROVAL:
        parties = parties.filter(approved_at=None)
    return parties


def agreement_nhs_partners(agreement, event=None):
    bodies = _parties(agreement, event).filter(nhs_body__isnull=False).values("nhs_body_id")
    return _active(roles__role="nhs_partner", roles__nhs_body_id__in=bodies)


def agreement_decision_makers(agreement, event=None):
    """The decision makers of each authority party (who approve for it) and of the lead."""
    parties = _parties(agreement, event).filter(authority__isnull=False)
    ids = set(parties.values_list("authority_id", flat=True))
    if event is None or event.kind not in AWAITING_APPROVAL:
        ids.add(agreement.lead_authority_id)
    return staff("decision_maker", ids)


def agreement_link(agreement, role) -> str:
    if role == table.WATCHERS and agreement.state in (
        AgreementState.SIGNED,
        AgreementState.IN_FORCE,
        AgreementState.UNDER_REVIEW,
        AgreementState.TERMINATED,
    ):
        return agreement.get_public_url()
    return reverse("procurement:agreement", args=[agreement.reference])


def agreement_fields(event, kind) -> dict:
    agreement = event.subject
    return {
        "reference": agreement.reference,
        "title": agreement.title,
        "review_date": f"{agreement.review_date:%-d %B %Y}" if agreement.review_date else "",
        "agreement_url": _absolute("procurement:agreement", agreement.reference),
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
            name="exercise",
            model=ProcurementExercise,
            audiences={
                table.BODY: lambda e, event=None: members([e.challenge_organisation_id]),
                table.OFFICERS: lambda e, event=None: staff("officer", [e.authority_id]),
                table.DECISION_MAKERS: lambda e, event=None: staff(
                    "decision_maker", [e.authority_id]
                ),
                table.SUPPLIERS: exercise_suppliers,
            },
            link=exercise_link,
            title=lambda e: f"{e.title} ({e.authority.nice_name})",
            recipient_fields=assessment_fields,
            can_watch=lambda e, user: (
                ProcurementExercise.objects.published().filter(pk=e.pk).exists()
                or permissions.is_officer(user, e.authority_id)
            ),
        )
    )
    table.register(
        table.Machine(
            name="interest",
            model=ExpressionOfInterest,
            audiences={
                table.BODY: lambda i, event=None: members([i.organisation_id]),
                table.OFFICERS: lambda i, event=None: staff("officer", [i.exercise.authority_id]),
            },
            link=interest_link,
            title=lambda i: f"{i.organisation.name}: {i.exercise.title}",
            email_fields=interest_fields,
        )
    )
    table.register(
        table.Machine(
            name="agreement",
            model=TransferAgreement,
            audiences={
                table.NHS_PARTNERS: agreement_nhs_partners,
                table.OFFICERS: lambda a, event=None: staff("officer", [a.lead_authority_id]),
                table.DECISION_MAKERS: agreement_decision_makers,
            },
            link=agreement_link,
            title=lambda a: a.title,
            email_fields=agreement_fields,
            can_watch=may_see_agreement,
        )
    )
