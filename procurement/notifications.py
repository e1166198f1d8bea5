"""Emails that follow procurement transitions, queued in the portal's outbox (portal.outbox)
inside the transition's transaction: a rolled-back transition sends nothing. Addresses come from
memberships and roles, never from logs."""

import logging

from django.conf import settings
from django.urls import reverse

from portal import outbox
from portal.models import Membership

log = logging.getLogger("portal.procurement")


def member_addresses(organisation_id) -> list[str]:
    return list(
        Membership.objects.filter(organisation_id=organisation_id, approved=True)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


def link(name, *args) -> str:
    return settings.BASE_URL.rstrip("/") + reverse(name, args=args)


def queue_assessment_summaries(exercise) -> int:
    """Procurement Act 2023 s.50: each assessed supplier gets its assessment summary."""
    from .models import InterestState

    queued = 0
    for interest in exercise.interests.filter(
        state__in=[InterestState.SHORTLISTED, InterestState.NOT_SHORTLISTED]
    ).select_related("organisation"):
        won = interest.pk == exercise.winning_interest_id
        queued += len(
            outbox.queue(
                "assessment_summary",
                member_addresses(interest.organisation_id),
                exercise_reference=exercise.reference,
                exercise_title=exercise.title,
                authority_name=exercise.authority.name,
                supplier_name=exercise.supplier.name,
                award_note="Your tender is the one it intends to award the contract to.\n\n"
                if won
                else "",
                score=interest.score,
                assessment_summary=interest.assessment_summary,
                standstill_ends_on=f"{exercise.standstill_ends_on:%-d %B %Y}",
                reference=interest.reference,
                interest_url=link("procurement:interest", interest.pk),
            )
        )
    return queued


def queue_after_interest_transition(interest, name, user, kwargs) -> None:
    """The interest machine's after_save hook: inside the transition's transaction."""
    exercise = interest.exercise
    if name == "submit":
        outbox.queue(
            "interest_received",
            member_addresses(interest.organisation_id),
            authority_name=exercise.authority.name,
            exercise_title=exercise.title,
            exercise_reference=exercise.reference,
            reference=interest.reference,
            interest_url=link("procurement:interest", interest.pk),
        )
    elif name in ("mark_successful", "mark_unsuccessful"):
        outbox.queue(
            "interest_outcome",
            member_addresses(interest.organisation_id),
            exercise_reference=exercise.reference,
            exercise_title=exercise.title,
            reference=interest.reference,
            outcome="successful" if name == "mark_successful" else "not successful",
            interest_url=link("procurement:interest", interest.pk),
        )


def log_interest_transition(pk: int, name: str, state: str) -> None:
    log.info("interest %s: %s -> %s", pk, name, state)
