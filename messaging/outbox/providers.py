"""The two ways out: GOV.UK Notify (NOTIFY_API_KEY set) or Django's email backend (SMTP from
EMAIL_URL, the console in the demo, locmem in tests). Each sends one outbox row and returns the
provider's id, or raises TransientError (try again later) or PermanentError (never resend)."""

import contextlib
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.utils import DNS_NAME
from notifications_python_client.errors import APIError, HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

NOTIFY_TIMEOUT = 20  # seconds


class DeliveryError(Exception):
    pass


class TransientError(DeliveryError):
    """The provider is down, busy or timed out: the row is tried again later."""


class PermanentError(DeliveryError):
    """The provider refused this message (bad address, bad key, bad request): no retry."""


class DjangoMailProvider:
    """Sends with Django's configured backend; the Message-ID it sets is the provider's id."""

    name = "the email backend"

    def __init__(self):
        self.connection = None

    def send(self, message) -> str:
        # Derived from the row, so an interrupted send can be looked up in the server's logs.
        stamp = int(message.created_at.timestamp() * 1_000_000)
        message_id = f"<outbox-{message.pk}-{stamp}@{DNS_NAME.get_fqdn()}>"
        headers = {"Message-ID": message_id}
        unsubscribe = (message.personalisation or {}).get("unsubscribe_url")
        if unsubscribe:  # RFC 8058 one-click unsubscribe (alert emails)
            headers["List-Unsubscribe"] = f"<{unsubscribe}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        email = EmailMessage(
            message.subject,
            message.body,
            settings.DEFAULT_FROM_EMAIL,
            [message.recipient],
            headers=headers,
        )
        if self.connection is None:
            self.connection = get_connection(fail_silently=False)
        try:
            self.connection.open()  # kept open for the rest of this delivery run
            self.connection.send_messages([email])
        except smtplib.SMTPRecipientsRefused as exc:
            self.close()
            codes = [code for code, _ in exc.recipients.values()]
            reply = "; ".join(
                f"{code} {text.decode(errors='replace')}" for code, text in exc.recipients.values()
            )
            error = f"SMTP recipient refused: {reply}"
            kind = PermanentError if all(c >= 500 for c in codes) else TransientError
            raise kind(error) from None
        except smtplib.SMTPResponseException as exc:
            self.close()
            text = (
                exc.smtp_error.decode(errors="replace")
                if isinstance(exc.smtp_error, bytes)
                else str(exc.smtp_error)
            )
            error = f"SMTP {type(exc).__name__} {exc.smtp_code} {text}"
            raise (PermanentError if exc.smtp_code >= 500 else TransientError)(error) from None
        except (smtplib.SMTPException, OSError) as exc:  # refused, dropped, timed out
            self.close()
            raise TransientError(f"SMTP {type(exc).__name__}: {exc}") from None
        return message_id

    def close(self):
        if self.connection is not None:
            with contextlib.suppress(Exception):  # a broken connection is dropped either way
                self.connection.close()
            self.connection = None


class NotifyProvider:
    """GOV.UK Notify: one template per kind, the row's personalisation as its fields, and the
    row's id as Notify's `reference` (so a notification can be looked up from the outbox)."""

    name = "notify"

    def __init__(self, api_key: str, base_url: str, templates: dict):
        self.client = NotificationsAPIClient(api_key, base_url=base_url, timeout=NOTIFY_TIMEOUT)
        self.templates = templates

    def send(self, message) -> str:
        template_id = self.templates.get(message.kind)
        if not template_id:
            raise PermanentError(f"No Notify template for {message.kind}: set NOTIFY_TEMPLATE_*")
        try:
            response = self.client.send_email_notification(
                email_address=message.recipient,
                template_id=template_id,
                personalisation=message.personalisation,
                reference=f"outbox-{message.pk}",
            )
        except HTTPError as exc:
            # The client reports a refused connection or a timeout as 503.
            error = f"Notify {exc.status_code}: {_notify_message(exc)}"
            if 400 <= exc.status_code < 500 and exc.status_code != 429:
                raise PermanentError(error) from None
            raise TransientError(error) from None
        except APIError as exc:  # a success without a readable answer: it may have been sent
            raise PermanentError(
                f"Notify answered {exc.status_code} without a notification id; it may have "
                "been sent: look it up by its reference before retrying"
            ) from None
        return response["id"]

    def close(self):
        self.client.request_session.close()


def _notify_message(exc) -> str:
    message = exc.message
    if isinstance(message, list):  # Notify's errors: [{"error": ..., "message": ...}]
        return "; ".join(
            str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in message
        )
    return str(message)


def get_provider():
    if settings.NOTIFY_API_KEY:
        return NotifyProvider(
            settings.NOTIFY_API_KEY, settings.NOTIFY_BASE_URL, settings.NOTIFY_TEMPLATES
        )
    return DjangoMailProvider()
