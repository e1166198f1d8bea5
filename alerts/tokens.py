"""Signed links in alert emails: confirm an address (double opt-in), unsubscribe in one click.

Each names the subscription by its random key, never by address; a link cannot be forged
without SECRET_KEY, and a confirmation link lasts CONFIRM_MAX_AGE."""

from django.core import signing

CONFIRM_SALT = "alerts.confirm"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
CONFIRM_MAX_AGE = 3 * 24 * 3600  # 3 days, as for an account's address


class BadLink(Exception):
    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "bad signature")
        self.expired = expired


def confirm_token(subscription) -> str:
    return signing.dumps(str(subscription.key), salt=CONFIRM_SALT)


def unsubscribe_token(subscription) -> str:
    return signing.dumps(str(subscription.key), salt=UNSUBSCRIBE_SALT)


def _read(token: str, salt: str, max_age: int | None) -> str:
    try:
        return str(signing.loads(token, salt=salt, max_age=max_age))
    except signing.SignatureExpired:
        raise BadLink(expired=True) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise BadLink(expired=False) from None


def read_confirm(token: str) -> str:
    """The subscription key, or BadLink."""
    return _read(token, CONFIRM_SALT, CONFIRM_MAX_AGE)


def read_unsubscribe(token: str) -> str:
    """The subscription key, or BadLink. Unsubscribe links do not expire."""
    return _read(token, UNSUBSCRIBE_SALT, None)
