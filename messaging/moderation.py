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
from django.db.models import Q
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Page, TaskState, WorkflowState
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
    """Whoever can approve the page's current task (the members of its approval groups: an
    authority's publishers, Wagtail's Moderators), and the admins of the page's authority (a
    page of no authority: the site admins)."""
    authority_id = _authority_id(page)
    if authority_id is None:
        admins = Q(roles__role=SITE_ADMIN)
    else:
        admins = Q(roles__role=AUTHORITY_ADMIN, roles__authority_id=authority_id)
    state = _workflow_state(page, event)
    task_state = state.current_task_state if state else None
    task = task_state.task.specific if task_state else None
    if isinstance(task, GroupApprovalTask):
        admins |= Q(groups__in=task.groups.all())
    return User.objects.filter(admins).distinct()


def _workflow_state(page, event) -> WorkflowState | None:
    """The workflow the event is about (or the page's latest)."""
    pk = (event.data or {}).get("workflow_state") if event is not None else None
    if pk:
        return WorkflowState.objects.filter(pk=pk).first()
    return WorkflowState.objects.for_instance(page).order_by("-created_at").first()


def editors(page, event):
    """Whoever submitted the page for approval."""
    state = _workflow_state(page, event)
    return [state.requested_by_id] if state and state.requested_by_id else []


def link(page, role) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


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
