"""`manage.py check --deploy`: a production whose email goes to the console loses every email."""

from django.conf import settings
from django.core import checks

CONSOLE = "django.core.mail.backends.console.EmailBackend"


@checks.register(checks.Tags.compatibility, deploy=True)
def email_is_delivered(app_configs=None, **kwargs):
    if settings.NOTIFY_API_KEY or settings.EMAIL_BACKEND != CONSOLE:
        return []
    return [
        checks.Warning(
            "Email goes to the console: set NOTIFY_API_KEY (GOV.UK Notify) or EMAIL_URL (SMTP)",
            id="portal.W101",
        )
    ]
