"""Who, for an exercise or an expression of interest, is in each role of messaging's
subscription table, where each is sent, and the fields of the procurement emails. Registered from
ProcurementConfig.ready()."""

from django.conf import settings
from django.urls import reverse

from messaging import subscriptions as table
from portal import permissions, roles
from portal.models import Membership, User
from procurement.models import ExpressionOfInterest, InterestState, ProcurementExercise
from procurement.models.interests import ASSESSED

# Events about approvals go only to the parties that have not approved yet.


def active(**lookups):
    return User.objects.filter(is_active=True, **lookups).distinct()


def absolute(name, *args) -> str:
    return settings.BASE_URL.rstrip("/") + reverse(name, args=args)


def members(organisation_ids):
    return active(memberships__organisation_id__in=organisation_ids, memberships__approved=True)


def staff(role, authority_ids):
    return active(roles__role=role, roles__authority_id__in=authority_ids)


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
            "interest_url": absolute("procurement:interest", interest.pk),
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
        "interest_url": absolute("procurement:interest", interest.pk),
    }


def register() -> None:
    table.register(
        table.Machine(
            name="exercise",
            model=ProcurementExercise,
            audiences={
                table.BODY: lambda e, event=None: members([e.challenge_organisation_id]),
                table.OFFICERS: lambda e, event=None: staff(roles.OFFICER, [e.authority_id]),
                table.DECISION_MAKERS: lambda e, event=None: staff(
                    roles.DECISION_MAKER, [e.authority_id]
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
                table.OFFICERS: lambda i, event=None: staff(
                    roles.OFFICER, [i.exercise.authority_id]
                ),
            },
            link=interest_link,
            title=lambda i: f"{i.organisation.name}: {i.exercise.title}",
            email_fields=interest_fields,
        )
    )
