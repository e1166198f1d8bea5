"""Every kind of email the portal sends, in one table.

Each kind is one GOV.UK Notify template (its id in NOTIFY_TEMPLATE_<KIND>), whose fields are the
personalisation the code fills; the same subject and body are rendered here for SMTP and the
console. In Notify, write each `{field}` below as `((field))`.

Settings read every NOTIFY_TEMPLATE_* variable; check_templates says which must be there.
"""

from dataclasses import dataclass
from string import Formatter

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Kind:
    name: str
    subject: str
    body: str
    when: str  # for the README and the admin

    @property
    def fields(self) -> tuple[str, ...]:
        found = []
        for text in (self.subject, self.body):
            for _, field, _, _ in Formatter().parse(text):
                if field and field not in found:
                    found.append(field)
        return tuple(found)

    @property
    def setting(self) -> str:
        return f"NOTIFY_TEMPLATE_{self.name.upper()}"

    def render(self, personalisation: dict) -> tuple[str, str]:
        return self.subject.format(**personalisation), self.body.format(**personalisation)

    def notify_template(self) -> tuple[str, str]:
        """The subject and body to paste into Notify, with ((field)) placeholders."""

        def convert(text):
            return text.format(**{f: f"(({f}))" for f in self.fields})

        return convert(self.subject), convert(self.body)


KINDS = {
    kind.name: kind
    for kind in [
        Kind(
            "confirm_email",
            "Confirm your email address",
            "Confirm your email address for the Challenge and Transfer Portal by opening this "
            "link within 3 days:\n\n{confirm_url}\n",
            "someone registers an account",
        ),
        Kind(
            "account_exists",
            "You already have an account",
            "Someone, probably you, tried to create a Challenge and Transfer Portal account "
            "with this email address, which already has one. Nothing has changed.\n\n"
            "Sign in: {sign_in_url}\n\nForgotten your password? Reset it: {reset_url}\n\n"
            "If it was not you, ignore this email.\n",
            "someone registers with an address that already has an account (the page they see "
            "is the same as for a new address, so it does not reveal who has an account)",
        ),
        Kind(
            "feedback_received",
            "Feedback on the portal: {rating}",
            "Someone sent feedback on the Challenge and Transfer Portal.\n\n"
            "How they felt: {rating}\nPage: {page}\n\n{comments}\n\n"
            "Read all feedback: {admin_url}\n",
            "someone sends the feedback form (to every site admin)",
        ),
        Kind(
            "password_reset",
            "Reset your password",
            "Someone asked to reset the password of your Challenge and Transfer Portal "
            "account. Choose a new password by opening this link within 1 hour; it works "
            "once:\n\n{reset_url}\n\nIf it was not you, ignore this email: your password has "
            "not changed.\n",
            "someone asks to reset the password of a registered account (nothing is sent for an "
            "address with no account)",
        ),
        Kind(
            "password_changed",
            "Your password has been changed",
            "The password of your Challenge and Transfer Portal account has been changed and "
            "every session signed in with the old one has ended.\n\nIf you did not change it, "
            "reset it now: {reset_request_url}\n",
            "a password is reset (to the account's address)",
        ),
        Kind(
            "challenge_received",
            "We have received your challenge {reference}",
            "{authority_name} has received your expression of interest in running "
            "{service_title}. Its reference is {reference}.\n\n"
            "The decision is due by {decision_due}.\n\n"
            "Follow your case: {case_url}\n",
            "a body submits a challenge (to each approved member of the body)",
        ),
        Kind(
            "clarification_requested",
            "{authority_short_name} asks for clarification on {reference}",
            "{authority_name} has a question about your expression of interest {reference}. "
            "Read it and answer here: {case_url}\n",
            "an officer asks for clarification (to each member of the body)",
        ),
        Kind(
            "modification_proposed",
            "{authority_short_name} proposes a modification to {reference}",
            "{authority_name} proposes to accept your expression of interest {reference} with a "
            "modification, if you agree. Read it and reply here: {case_url}\n",
            "the decision maker proposes a modification (to each member of the body)",
        ),
        Kind(
            "decision",
            "Decision on your challenge {reference}",
            "{letter_text}\nThe letter as a PDF: {letter_url}\n",
            "a challenge is accepted, rejected or a modification agreed or declined (to each "
            "member of the body)",
        ),
        Kind(
            "decision_due_reminder",
            "Decision due on {decision_due}: {reference}",
            "The decision on challenge {reference} ({service_title}, from {organisation_name}) "
            "is due by {decision_due}, the end of {authority_short_name}'s published period of "
            "{decision_period} (Localism Act 2011 s.84(1)(b)).\n\nOpen the case: {case_url}\n",
            "check_deadlines, CHALLENGE_REMINDER_DAYS before a decision is due (to each decision "
            "maker of the authority)",
        ),
        Kind(
            "interest_received",
            "We have received your expression of interest {reference}",
            "{authority_name} has received your expression of interest in {exercise_title} "
            "({exercise_reference}). Its reference is {reference}.\n\n"
            "Follow it here: {interest_url}\n",
            "a provider submits an expression of interest in a procurement exercise",
        ),
        Kind(
            "interest_outcome",
            "Outcome of {exercise_reference}: your tender was {outcome}",
            "The contract for {exercise_title} has been awarded. Your expression of interest "
            "{reference} was {outcome}.\n\n{interest_url}\n",
            "a procurement exercise is awarded (to each member of each bidder)",
        ),
        Kind(
            "assessment_summary",
            "Assessment summary for {exercise_reference}: {exercise_title}",
            "{authority_name} intends to award the contract for {exercise_title} to "
            "{supplier_name}.\n\n{award_note}Your score: {score} out of 100.\n\n"
            "Assessment summary:\n{assessment_summary}\n\n"
            "The standstill period ends on {standstill_ends_on}.\n\n"
            "Your expression of interest {reference}: {interest_url}\n",
            "the award is confirmed (Procurement Act 2023 s.50; to each assessed supplier)",
        ),
        Kind(
            "agreement_review_due",
            "Annual review due on {review_date}: {reference}",
            "The annual review of the partnership agreement {reference} ({title}) is due by "
            "{review_date}.\n\nOpen the agreement: {agreement_url}\n",
            "agreement_reviews, 30 days before an agreement's annual review (to the lead "
            "authority's staff and the NHS partners)",
        ),
        Kind(
            "challenge_arrived",
            "New challenge {reference} to {service_title}",
            "{organisation_name} has challenged {authority_short_name}'s {service_title}. Its "
            "reference is {reference} and the decision is due by {decision_due}.\n\n"
            "Open the case: {case_url}\n\n"
            "Choose which emails you get: {preferences_url}\n",
            "a body submits a challenge (to the officers and decision makers of the authorities "
            "that run the service)",
        ),
        Kind(
            "clarification_answered",
            "{organisation_name} answered your question on {reference}",
            "{organisation_name} has answered the request for clarification on challenge "
            "{reference}.\n\nRead the answer: {case_url}\n\n"
            "Choose which emails you get: {preferences_url}\n",
            "a body answers a request for clarification (to the authorities' officers)",
        ),
        Kind(
            "agreement_approval_requested",
            "{what}: {reference}",
            "{what}: the partnership agreement {reference} ({title}) needs the approval of "
            "each party.\n\nRead and approve it: {agreement_url}\n\n"
            "Choose which emails you get: {preferences_url}\n",
            "an agreement is sent for approval, its review starts, or approval is still awaited "
            "(to the NHS partners and the decision makers of each party)",
        ),
        Kind(
            "case_update",
            "{what}: {reference}",
            "{what}.\n\n{title}\n\nOpen it: {url}\n\n"
            "Choose which emails you get: {preferences_url}\n",
            "any other event of the subscription table (messaging/subscriptions.py), to the people "
            "it names who chose to be emailed straight away",
        ),
        Kind(
            "daily_digest",
            "Your daily summary: {count} update(s)",
            "What happened on the cases you are told about:\n\n{items}\n"
            "All your notifications: {notifications_url}\n\n"
            "Choose which emails you get: {preferences_url}\n",
            "send_digests, once a day, to each person who chose a daily summary and has new "
            "notifications",
        ),
        Kind(
            "alert_confirm",
            "Confirm your email alert",
            "Someone, probably you, asked the Challenge and Transfer Portal to email this address "
            "about {alert_description}.\n\nTo start the alerts, open this link within 3 days:"
            "\n\n{confirm_url}\n\nIf you did not ask for them, ignore this email: you will "
            "get nothing more from us.\n",
            "someone without a confirmed account sets up an alert (double opt-in; at most one "
            "every few minutes to an address)",
        ),
        Kind(
            "search_alert",
            "New results for your search: {search_description}",
            "New records match your search {search_description}:\n\n{results}\n\n"
            "See every result: {search_url}\n\n"
            "Stop these emails (one click, no sign-in): {unsubscribe_url}\n",
            "send_alerts finds records published since the last run that match a saved search "
            "(at once, or in a daily digest)",
        ),
        Kind(
            "window_open_alert",
            "{authority_name} is open for challenges: {scope}",
            "{authority_name} is now accepting expressions of interest (Community Right to "
            "Challenge, Localism Act 2011 s.82) for {scope}, from {opens_on} until {closes_on}."
            "\n\nRead the service and challenge it: {service_url}\n\n"
            "Stop these emails (one click, no sign-in): {unsubscribe_url}\n",
            "send_alerts finds a challenge window opened for a service someone asked to hear about "
            "(once per window)",
        ),
    ]
}


def get(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"Unknown kind of email {name!r}") from None


def check_templates(api_key: str, templates: dict) -> None:
    """With GOV.UK Notify, every kind of email needs its template: refuse to start otherwise
    (run when messaging is ready, so a process never starts half able to send)."""
    if not api_key:
        return
    missing = [k.setting for k in KINDS.values() if k.name not in templates]
    if missing:
        raise ImproperlyConfigured(
            f"NOTIFY_API_KEY is set but {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not (one Notify template per kind of email)"
        )
