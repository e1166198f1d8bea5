"""A password validator for the words a guesser tries first on this service.

Django's CommonPasswordValidator knows the world's common passwords but not this site's: a
password built only from the service's own words ("challenge-demo", "Portal2026!") is among the
first an attacker tries. What is left after removing those words, digits and punctuation must
still be a real password.
"""

import re

from django.core.exceptions import ValidationError

SERVICE_WORDS = (
    "challenge",
    "transfer",
    "community",
    "right",
    "portal",
    "council",
    "localism",
    "demo",
    "test",
    "password",
    "passw0rd",
    "admin",
    "welcome",
    "letmein",
    "qwerty",
)
MIN_REMAINDER = 6


class ServiceWordsValidator:
    def validate(self, password, user=None):
        rest = password.lower()
        for word in SERVICE_WORDS:
            rest = rest.replace(word, "")
        rest = re.sub(r"[\W\d_]", "", rest)
        if len(rest) < MIN_REMAINDER:
            raise ValidationError(
                "Your password is too easy to guess: do not build it from words about this "
                "service, numbers or symbols alone",
                code="password_service_words",
            )

    def get_help_text(self):
        return "Your password cannot be made only of words about this service and numbers."
