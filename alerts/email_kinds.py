"""The emails alerts sends (see messaging/email_kinds.py for what a kind is)."""

from messaging.email_kinds import Kind

KINDS = [
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
