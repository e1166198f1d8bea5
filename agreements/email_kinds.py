"""The emails agreements sends (see messaging/email_kinds.py for what a kind is)."""

from messaging.email_kinds import Kind

KINDS = [
    Kind(
        "agreement_review_due",
        "Annual review due on {review_date}: {reference}",
        "The annual review of the partnership agreement {reference} ({title}) is due by "
        "{review_date}.\n\nOpen the agreement: {agreement_url}\n",
        "agreement_reviews, 30 days before an agreement's annual review (to the lead "
        "authority's staff and the NHS partners)",
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
]
