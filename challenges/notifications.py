"""Emails that follow a transition, queued in the portal's outbox (portal.outbox) inside the
transition's transaction: a rolled-back transition sends nothing, a committed one is delivered
after the commit. Each member of a body gets a message of their own."""

from django.conf import settings
from django.urls import reverse

from portal import outbox
from portal.models import Membership

from .letters import letter_as_text

DECISIONS = {"accept", "reject", "agree_modification", "decline_modification"}
ASKING = {
    "request_clarification": "clarification_requested",
    "propose_modification": "modification_proposed",
}


def body_addresses(challenge) -> list[str]:
    return list(
        Membership.objects.filter(organisation_id=challenge.organisation_id, approved=True)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


def site_link(path: str) -> str:
    return settings.BASE_URL.rstrip("/") + path


def case_link(challenge) -> str:
    return site_link(reverse("challenges:case", args=[challenge.pk]))


def _case(challenge) -> dict:
    return {
        "reference": challenge.reference,
        "authority_name": challenge.authority.name,
        "case_url": case_link(challenge),
    }


def queue_after_transition(challenge, name: str, letter=None) -> list[int]:
    """Inside the transition's transaction; most transitions send nothing. `letter` is the
    decision letter PDF stored by a deciding transition."""
    to = body_addresses(challenge)
    if name in DECISIONS:
        if letter is None:
            from .evidence import decision_letter

            letter = decision_letter(challenge)
        return outbox.queue(
            "decision",
            to,
            reference=challenge.reference,
            letter_text=letter_as_text(challenge.decision_letter),
            letter_url=site_link(letter.get_absolute_url()) if letter else case_link(challenge),
        )
    if name == "submit":
        return outbox.queue(
            "challenge_received",
            to,
            **_case(challenge),
            service_title=challenge.service.title,
            decision_due=f"{challenge.decision_due:%-d %B %Y}",
        )
    if name in ASKING:
        return outbox.queue(
            ASKING[name],
            to,
            **_case(challenge),
            authority_short_name=challenge.authority.nice_name,
        )
    return []
