"""The emails challenges sends (see messaging/email_kinds.py for what a kind is)."""

from messaging.email_kinds import Kind

KINDS = [
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
        "{authority_name} has a question about your expression of interest {reference}:\n\n"
        "{question}\n\n"
        "Please answer {reply_by}. The authority's period for its decision keeps running "
        "while it waits.\n\nAnswer here: {case_url}\n",
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
        "{decision_period} (Localism Act 2011 s.84(3)).\n\nOpen the case: {case_url}\n",
        "check_deadlines, CHALLENGE_REMINDER_DAYS before a decision is due (to each decision "
        "maker of the authority)",
    ),
    Kind(
        "expected_decision",
        "When to expect the decision on {reference}",
        "{authority_name} expects to notify you of its decision on your expression of interest "
        "{reference} as follows: {expected_decision}.\n\n"
        "The Localism Act 2011 s.84(6) requires the authority to tell you this in writing.\n\n"
        "Follow your case: {case_url}\n",
        "an officer records when the body can expect the decision, where no decision period was "
        "in force on receipt (to each member of the body)",
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
]
