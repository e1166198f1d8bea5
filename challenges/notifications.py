"""Emails that follow a transition. Called from transaction.on_commit, so a rolled-back transition
sends nothing."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.urls import reverse

from portal.models import Membership, User

from .letters import letter_as_text

DECISIONS = {"accept", "reject", "agree_modification", "decline_modification"}


def body_addresses(challenge) -> list[str]:
    return list(
        Membership.objects.filter(organisation_id=challenge.organisation_id, approved=True)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


def decision_maker_addresses(challenge) -> list[str]:
    return list(
        User.objects.filter(
            roles__role="decision_maker", roles__authority_id=challenge.authority_id, is_active=True
        )
        .values_list("email", flat=True)
        .distinct()
        .order_by("email")
    )


def send(subject: str, text: str, to: list[str], html: str = "", separately=False) -> int:
    """One message to `to`, or with `separately` one message to each address, so that the
    members of a body (who may use personal addresses) do not see each other's."""
    if not to:
        return 0
    recipients = [[address] for address in to] if separately else [to]
    messages = []
    for addresses in recipients:
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, addresses)
        if html:
            message.attach_alternative(html, "text/html")
        messages.append(message)
    return get_connection().send_messages(messages) or 0


def send_to_body(challenge, subject: str, text: str, html: str = "") -> int:
    return send(subject, text, body_addresses(challenge), html=html, separately=True)


def site_link(path: str) -> str:
    return settings.BASE_URL.rstrip("/") + path


def case_link(challenge) -> str:
    return site_link(reverse("challenges:case", args=[challenge.pk]))


def after_transition(challenge, name: str) -> None:
    """Runs after the commit, with the committed challenge; most transitions send nothing."""
    if name in DECISIONS:
        from .evidence import decision_letter

        pdf = decision_letter(challenge)
        link = f"\nThe letter as a PDF: {site_link(pdf.get_absolute_url())}\n" if pdf else ""
        send_to_body(
            challenge,
            f"Decision on your challenge {challenge.reference}",
            letter_as_text(challenge.decision_letter) + link,
            html=challenge.decision_letter,
        )
    elif name == "submit":
        send_to_body(
            challenge,
            f"We have received your challenge {challenge.reference}",
            f"{challenge.authority.name} has received your expression of interest in running "
            f"{challenge.service.title}. Its reference is {challenge.reference}.\n\n"
            f"The decision is due by {challenge.decision_due:%-d %B %Y}.\n\n"
            f"Follow your case: {case_link(challenge)}\n",
        )
    elif name == "request_clarification":
        send_to_body(
            challenge,
            f"{challenge.authority.nice_name} asks for clarification on {challenge.reference}",
            f"{challenge.authority.name} has a question about your expression of interest "
            f"{challenge.reference}. Read it and answer here: {case_link(challenge)}\n",
        )
    elif name == "propose_modification":
        send_to_body(
            challenge,
            f"{challenge.authority.nice_name} proposes a modification to {challenge.reference}",
            f"{challenge.authority.name} proposes to accept your expression of interest "
            f"{challenge.reference} with a modification, if you agree. Read it and reply here: "
            f"{case_link(challenge)}\n",
        )


def send_deadline_reminder(challenge) -> int:
    return send(
        f"Decision due on {challenge.decision_due:%-d %B %Y}: {challenge.reference}",
        f"The decision on challenge {challenge.reference} ({challenge.service.title}, from "
        f"{challenge.organisation.name}) is due by {challenge.decision_due:%-d %B %Y}, the end of "
        f"{challenge.authority.nice_name}'s published period of "
        f"{challenge.authority.decision_period_text} (Localism Act 2011 s.84).\n\n"
        f"Open the case: {settings.BASE_URL.rstrip('/')}"
        f"{reverse('challenges:casework-case', args=[challenge.pk])}\n",
        decision_maker_addresses(challenge),
    )
