"""Password strength (issue 23): the length rule and Django's lists, then three of the portal's.

- ServiceWordsValidator: a password built only from the service's own words ("challenge-demo",
  "Portal2026!") is among the first an attacker tries. What is left after removing those words,
  digits and punctuation must still be a real password.
- PublishedPasswordsValidator: the deny list, every password printed in the README or docs (the
  demo's among them): a guesser reads them too.
- StrengthValidator: zxcvbn's estimate (django-zxcvbn-password-validator) of how long a password
  takes to guess, at least PASSWORD_MINIMAL_STRENGTH (3 of 4), knowing the service's words and
  every authority's name and code, so "Trafford2026!", "aaaaaaaaaaaa" and "qwertyuiopas" fail.

A person whose password no longer passes (set before these rules) is asked to choose a new one
when they next sign in (accounts/password_change.py).
"""

import re

from django.core.exceptions import ValidationError
from django_zxcvbn_password_validator import ZxcvbnPasswordValidator

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

# Every password printed in README.md or docs/ (tests/portal/test_passwords.py reads them all and
# fails when one is missing here). Compared without case, spaces or punctuation at the ends.
PUBLISHED_PASSWORDS = frozenset({"kettle-orbit-lantern"})


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


class PublishedPasswordsValidator:
    def validate(self, password, user=None):
        if password.strip().lower() in PUBLISHED_PASSWORDS:
            raise ValidationError(
                "This password is published in the portal's documentation: choose another",
                code="password_published",
            )

    def get_help_text(self):
        return "Your password cannot be one printed in the portal's documentation."


def guessable_words() -> list[str]:
    """What zxcvbn should know a guesser tries: the service's words, the published passwords'
    words, and every authority's names and code."""
    from portal.models import Authority

    words = [*SERVICE_WORDS, *(w for p in PUBLISHED_PASSWORDS for w in re.split(r"\W+", p))]
    for name, nice_name, code in Authority.objects.values_list("name", "nice_name", "code"):
        words += [name, nice_name, code]
    return words


class StrengthValidator(ZxcvbnPasswordValidator):
    """zxcvbn with the portal's words added to the person's own (name, email)."""

    def _get_user_inputs(self, user):
        return [*super()._get_user_inputs(user), *guessable_words()]
