"""The emails accounts sends (see messaging/email_kinds.py for what a kind is)."""

from messaging.email_kinds import Kind

KINDS = [
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
]
