import pytest
from django.utils import timezone

from messaging.models import OutboxMessage
from portal.settings import config

from .servers import FakeNotify, SmtpServer


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback, and Django's SMTP backend pointed at it by EMAIL_URL."""
    server = SmtpServer().start()
    for name, value in config.smtp_settings(server.url).items():
        setattr(settings, name, value)
    settings.EMAIL_TIMEOUT = 5
    settings.NOTIFY_API_KEY = ""
    yield server
    server.stop()


@pytest.fixture
def notify(settings):
    """A Notify API on loopback, and the portal configured for it (NOTIFY_*)."""
    server = FakeNotify().start()
    settings.NOTIFY_API_KEY = server.api_key
    settings.NOTIFY_BASE_URL = server.url
    settings.NOTIFY_TEMPLATES = server.template_ids()
    yield server
    server.stop()


@pytest.fixture
def deferred_tasks(settings):
    """Tasks are recorded, not run: delivery happens only when a test runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def later():
    """Time passes: every queued row's next attempt is due now."""
    OutboxMessage.objects.filter(status=OutboxMessage.Status.QUEUED).update(
        next_attempt_at=timezone.now()
    )


def rows(**filters):
    return list(OutboxMessage.objects.filter(**filters).order_by("pk"))
