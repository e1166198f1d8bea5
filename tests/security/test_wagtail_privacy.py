"""The CMS sends no staff email hash to Gravatar, and its own emails link to BASE_URL."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url
from wagtail.models import Workflow

from tests import builders

pytestmark = pytest.mark.django_db


def test_no_gravatar(settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    url = avatar_url(builders.user(email="someone@example.org"))
    assert "gravatar" not in url and "//" not in url.split("?")[0].removeprefix("/")


def test_cms_moderation_emails_link_to_the_base_url(
    settings, trafford, django_capture_on_commit_callbacks
):
    """Moderation is told through the portal's outbox (messaging/moderation.py), after the
    commit; its links are BASE_URL's, as Wagtail's own would be WAGTAILADMIN_BASE_URL's."""
    assert settings.WAGTAILADMIN_BASE_URL == settings.BASE_URL
    settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org"
    moderator = builders.user(email="moderator@example.org", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    editor = builders.user(is_superuser=True)
    page = builders.service(trafford, "Street lighting")
    workflow = Workflow.objects.get(name="Moderators approval")
    page.save_revision(user=editor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.start(page, editor)
    bodies = [m.body for m in mail.outbox if "moderator@example.org" in m.to]
    assert bodies, [m.subject for m in mail.outbox]
    assert f"https://portal.example.org/admin/pages/{page.pk}/" in bodies[0]
    assert "localhost" not in bodies[0]
