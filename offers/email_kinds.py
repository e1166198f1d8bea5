"""The emails innovation offers send (see messaging/email_kinds.py for what a kind is)."""

from messaging.email_kinds import Kind

KINDS = [
    Kind(
        "offer_received",
        "Your innovation offer was received: {reference}",
        "Your innovation offer {reference} ({title}) was received and sent to each body you "
        "made it to. Each answers for itself, under its own published standard.\n\n"
        "{not_statutory}\n\nFollow it: {offer_url}\n",
        "an offer is made (to the offeror's members)",
    ),
    Kind(
        "offer_answered",
        "An answer to your innovation offer: {reference}",
        "One of the bodies you made your innovation offer {reference} ({title}) to has "
        "answered, with its reasons.\n\nRead the answer: {offer_url}\n",
        "an addressee answers an offer (to the offeror's members)",
    ),
    Kind(
        "offer_reminder",
        "{what}: {reference}",
        "{what} for the innovation offer {reference} ({title}): {due}.\n\n"
        "Open the offer: {offer_url}\n",
        "offer_reminders, daily: an addressee's acknowledgement or answer is due within two "
        "working days, or past its date (to the people who answer for that addressee)",
    ),
]
