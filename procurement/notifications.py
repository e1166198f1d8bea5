"""Emails that follow procurement transitions, sent from transaction.on_commit (a rolled-back
transition sends nothing). Addresses come from memberships and roles, never from logs."""

import logging

from django.conf import settings
from django.urls import reverse

from challenges.notifications import send
from portal.models import Membership, User

log = logging.getLogger("portal.procurement")


def member_addresses(organisation_id) -> list[str]:
    return list(
        Membership.objects.filter(organisation_id=organisation_id, approved=True)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


def staff_addresses(authority_id, roles=("officer", "decision_maker")) -> list[str]:
    return list(
        User.objects.filter(roles__role__in=roles, roles__authority_id=authority_id, is_active=True)
        .values_list("email", flat=True)
        .distinct()
        .order_by("email")
    )


def nhs_partner_addresses(nhs_body_id) -> list[str]:
    return list(
        User.objects.filter(
            roles__role="nhs_partner", roles__nhs_body_id=nhs_body_id, is_active=True
        )
        .values_list("email", flat=True)
        .distinct()
        .order_by("email")
    )


def link(name, *args) -> str:
    return settings.BASE_URL.rstrip("/") + reverse(name, args=args)


def send_assessment_summaries(exercise_pk: int) -> int:
    """Procurement Act 2023 s.50: each assessed supplier gets its assessment summary."""
    from .models import InterestState, ProcurementExercise

    exercise = ProcurementExercise.objects.select_related("supplier").get(pk=exercise_pk)
    sent = 0
    for interest in exercise.interests.filter(
        state__in=[InterestState.SHORTLISTED, InterestState.NOT_SHORTLISTED]
    ).select_related("organisation"):
        won = interest.pk == exercise.winning_interest_id
        sent += send(
            f"Assessment summary for {exercise.reference}: {exercise.title}",
            f"{exercise.authority.name} intends to award the contract for {exercise.title} to "
            f"{exercise.supplier.name}.\n\n"
            + ("Your tender is the one it intends to award the contract to.\n\n" if won else "")
            + f"Your score: {interest.score} out of 100.\n\n"
            f"Assessment summary:\n{interest.assessment_summary}\n\n"
            f"The standstill period ends on {exercise.standstill_ends_on:%-d %B %Y}.\n\n"
            f"Your expression of interest {interest.reference}: "
            f"{link('procurement:interest', interest.pk)}\n",
            member_addresses(interest.organisation_id),
        )
    return sent


def after_interest_transition(pk: int, name: str, state: str) -> None:
    from .models import ExpressionOfInterest

    interest = ExpressionOfInterest.objects.select_related("exercise", "organisation").get(pk=pk)
    if name == "submit":
        send(
            f"We have received your expression of interest {interest.reference}",
            f"{interest.exercise.authority.name} has received your expression of interest in "
            f"{interest.exercise.title} ({interest.exercise.reference}). "
            f"Its reference is {interest.reference}.\n\n"
            f"Follow it here: {link('procurement:interest', interest.pk)}\n",
            member_addresses(interest.organisation_id),
        )
    elif name in ("mark_successful", "mark_unsuccessful"):
        outcome = "successful" if name == "mark_successful" else "not successful"
        send(
            f"Outcome of {interest.exercise.reference}: your tender was {outcome}",
            f"The contract for {interest.exercise.title} has been awarded. Your expression of "
            f"interest {interest.reference} was {outcome}.\n\n"
            f"{link('procurement:interest', interest.pk)}\n",
            member_addresses(interest.organisation_id),
        )
    log.info("interest %s: %s -> %s", interest.reference or interest.pk, name, state)


def send_review_reminder(agreement) -> int:
    to = staff_addresses(agreement.lead_authority_id)
    for party in agreement.nhs_parties():
        to += nhs_partner_addresses(party.nhs_body_id)
    return send(
        f"Annual review due on {agreement.review_date:%-d %B %Y}: {agreement.reference}",
        f"The annual review of the partnership agreement {agreement.reference} "
        f"({agreement.title}) is due by {agreement.review_date:%-d %B %Y}.\n\n"
        f"Open the agreement: {link('procurement:agreement', agreement.reference)}\n",
        sorted(set(to)),
    )
