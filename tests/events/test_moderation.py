"""CMS moderation through the portal (issue 19, item 4): Wagtail's workflow steps reach people as
portal events (in the app and through the outbox), not as Wagtail's own emails."""

import pytest
from django.core import mail
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from messaging.models import EventRecord, Notification, OutboxMessage
from tests import builders

pytestmark = pytest.mark.django_db


def test_wagtail_sends_no_workflow_email_of_its_own():
    connected = [
        receiver
        for signal in (task_submitted, workflow_submitted, workflow_approved, workflow_rejected)
        for receiver in signal._live_receivers(None)[0]
    ]
    modules = {getattr(r, "__module__", type(r).__module__) for r in connected}
    assert not any(module.startswith("wagtail.admin") for module in modules), modules


def test_submitted_approved_and_rejected_pages_are_told_through_the_portal(
    trafford, django_capture_on_commit_callbacks
):
    page = builders.service(trafford, "Youth clubs")
    officer = builders.staff("officer", trafford, "olu.officer@example.org")
    admin = builders.staff("authority_admin", trafford, "ada.admin@example.org")
    builders.staff("authority_admin", builders.authority("OTH"), "other.admin@example.org")
    mail.outbox.clear()

    page.title = "Youth clubs and detached youth work"
    page.save_revision(user=officer)
    with django_capture_on_commit_callbacks(execute=True):
        page.get_workflow().start(page, officer)
    assert list(EventRecord.objects.values_list("kind", "reference")) == [
        ("page.submitted", "Youth clubs and detached youth work, Trafford")
    ]
    assert set(Notification.objects.values_list("user__email", "url")) == {
        ("ada.admin@example.org", f"/admin/pages/{page.pk}/edit/")
    }
    assert set(OutboxMessage.objects.values_list("recipient", "kind")) == {
        ("ada.admin@example.org", "case_update")
    }

    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(task_state, admin, "reject")
    other = builders.service(trafford, "Libraries")
    other.title = "Libraries and archives"
    other.save_revision(user=officer)
    with django_capture_on_commit_callbacks(execute=True):
        other.get_workflow().start(other, officer)
    other.refresh_from_db()
    task_state = other.current_workflow_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(task_state, admin, "approve")

    kinds = list(EventRecord.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["page.submitted", "page.rejected", "page.submitted", "page.approved"]
    told = Notification.objects.filter(event__kind__in=["page.rejected", "page.approved"])
    assert set(told.values_list("user__email", "event__kind")) == {
        ("olu.officer@example.org", "page.rejected"),
        ("olu.officer@example.org", "page.approved"),
    }
    # Every email sent is one of the portal's outbox rows: none of Wagtail's own.
    delivered = set(OutboxMessage.objects.values_list("recipient", "subject"))
    assert {(m.to[0], m.subject) for m in mail.outbox} == delivered
    assert len(mail.outbox) == 4
