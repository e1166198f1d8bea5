"""CMS moderation told through the portal: Wagtail's workflow signals (a page submitted for
approval, approved, changes requested) become portal events ("page.submitted", "page.approved",
"page.rejected"), so that people hear of them in the app and through the outbox, with their
preferences, like every other event, instead of from Wagtail's own emails sent by the web
process.

Wagtail connects its email notifiers from wagtail.admin's AppConfig.ready(), each under a
dispatch_uid (wagtail/admin/signal_handlers.py). Messaging is installed before wagtail.admin and
connects its own receivers under the same uids first; Django's Signal.connect ignores a second
receiver under a uid already connected, so Wagtail's are never connected
(tests/events/test_moderation.py checks that none is).
"""

from django.db import transaction
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from portal.models import User
from portal.roles import AUTHORITY_ADMIN, EDITORS, PUBLISHERS, SITE_ADMIN

from . import events, subscriptions

KINDS = {
    workflow_submitted: "page.submitted",
    workflow_approved: "page.approved",
    workflow_rejected: "page.rejected",
}
# Wagtail's notifiers: signal, sender, dispatch_uid.
WAGTAIL_NOTIFIERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification"),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification"),
]


def _publish_workflow_event(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    signal = kwargs["signal"]
    page = instance.content_object
    if not isinstance(page, Page):
        return
    page = page.specific
    submitted = page.get_latest_revision_as_object()  # the edit under moderation, not the live page
    with transaction.atomic():
        events.publish(
            events.Event(
                KINDS[signal],
                page,
                actor=user,
                data={"reference": title(submitted)[:60], "workflow_state": instance.pk},
            )
        )


def _task_submitted(sender, **kwargs) -> None:
    """Each workflow here has one task: its submission is the workflow's ("page.submitted")."""


def _authority_id(page):
    return getattr(page, "authority_id", None)


def publishers(page, event):
    """The admins of the page's authority (a page of no authority: the site admins)."""
    authority_id = _authority_id(page)
    if authority_id is None:
        return User.objects.filter(roles__role=SITE_ADMIN)
    return User.objects.filter(roles__role=AUTHORITY_ADMIN, roles__authority_id=authority_id)


def editors(page, event):
    """Whoever submitted the page for approval (the latest workflow's requester)."""
    state = WorkflowState.objects.for_instance(page).order_by("-created_at").first()
    return [state.requested_by_id] if state and state.requested_by_id else []


def link(page, role) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def title(page) -> str:
    authority = getattr(page, "authority", None)
    return f"{page.title}, {authority.nice_name}" if authority else page.title


def register() -> None:
    """Connect before wagtail.admin is ready (messaging is installed before it)."""
    for signal, sender, uid in WAGTAIL_NOTIFIERS:
        handler = _task_submitted if signal is task_submitted else _publish_workflow_event
        signal.connect(handler, sender=sender, dispatch_uid=uid)
    subscriptions.register(
        subscriptions.Machine(
            name="page",
            model=Page,
            audiences={PUBLISHERS: publishers, EDITORS: editors},
            link=link,
            title=title,
        )
    )
