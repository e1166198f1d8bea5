"""The emails procurement sends (see messaging/email_kinds.py for what a kind is)."""

from messaging.email_kinds import Kind

KINDS = [
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
]
