"""Who, for a challenge, is in each role of portal's subscription table, where each is sent, and
the fields of the challenge emails. Registered from ChallengesConfig.ready()."""

from django.conf import settings
from django.urls import reverse

from messaging import subscriptions as table
from portal import law, roles
from portal.models import User

from .letters import letter_as_text
from .models import Challenge, is_body_member, is_case_officer


def _active(**lookups):
    return User.objects.filter(is_active=True, **lookups).distinct()


def body(challenge, event=None):
    return _active(
        memberships__organisation_id=challenge.organisation_id, memberships__approved=True
    )


def officers(challenge, event=None):
    """The officers of the lead authority and, for a joint service, of each partner."""
    return _active(roles__role=roles.OFFICER, roles__authority_id__in=challenge.authority_ids)


def decision_makers(challenge, event=None):
    """The lead's decision makers, and each partner's (who record their agreement)."""
    return _active(
        roles__role=roles.DECISION_MAKER, roles__authority_id__in=challenge.authority_ids
    )


def link(challenge, role) -> str:
    if role == table.BODY:
        return reverse("challenges:case", args=[challenge.pk])
    if role == table.WATCHERS and challenge.is_published:
        return reverse("decisions:detail", args=[challenge.reference])
    return reverse("challenges:casework-case", args=[challenge.pk])


def title(challenge) -> str:
    return f"{challenge.service.title}, {challenge.authority.nice_name} ({challenge.organisation})"


def _absolute(path: str) -> str:
    return settings.BASE_URL.rstrip("/") + path


def email_fields(event, kind: str) -> dict:
    challenge = event.subject
    fields = {
        "reference": challenge.reference,
        "authority_name": challenge.authority.name,
        "authority_short_name": challenge.authority.nice_name,
        "service_title": challenge.service.title,
        "organisation_name": challenge.organisation.name,
        "decision_due": (
            f"{challenge.decision_due:%-d %B %Y}"
            if challenge.decision_due
            else f"a date not yet known: {challenge.authority.nice_name} has not published the "
            "maximum period for its decision (Localism Act 2011 s.84(3))"
        ),
        "decision_period": (
            challenge.periods.decision_period_text if challenge.periods else law.NOT_PUBLISHED
        ),
        "case_url": _absolute(reverse("challenges:case", args=[challenge.pk])),
        "expected_decision": challenge.expected_decision_notice,
    }
    if kind in ("challenge_arrived", "clarification_answered", "decision_due_reminder"):
        fields["case_url"] = _absolute(reverse("challenges:casework-case", args=[challenge.pk]))
    if kind == "clarification_requested":
        asked = challenge.messages.filter(from_authority=True).last()
        fields["question"] = asked.text if asked else ""
        fields["reply_by"] = (
            f"by {asked.reply_by:%-d %B %Y}" if asked and asked.reply_by else "as soon as you can"
        )
    if kind == "decision":
        from .evidence import decision_letter

        letter = decision_letter(challenge)
        fields["letter_text"] = letter_as_text(challenge.decision_letter)
        fields["letter_url"] = (
            _absolute(letter.get_absolute_url()) if letter else fields["case_url"]
        )
    return fields


def can_watch(challenge, user) -> bool:
    return (
        challenge.is_published
        or is_case_officer(challenge, user)
        or is_body_member(challenge, user)
    )


def register() -> None:
    table.register(
        table.Machine(
            name="challenge",
            model=Challenge,
            audiences={
                table.BODY: body,
                table.OFFICERS: officers,
                table.DECISION_MAKERS: decision_makers,
            },
            link=link,
            title=title,
            email_fields=email_fields,
            can_watch=can_watch,
        )
    )
