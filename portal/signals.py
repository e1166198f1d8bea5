from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.log_actions import get_active_log_context
from wagtail.models import PageLogEntry
from wagtail.signals import page_published, page_unpublished

from portal import audit, roles
from portal.models import RoleAssignment
from portal.workspaces import sync_groups


@receiver([post_save, post_delete], sender=RoleAssignment)
def role_changed(sender, instance, **kwargs):
    sync_groups(instance.user)


# --- pages published and unpublished: one audit event each ---------------------------------------


def _record_page(page, transition: str, actor, from_state: str, to_state: str, **changes):
    audit.record(
        page,
        transition=transition,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        role=roles.EDITOR if actor is not None else roles.SYSTEM,
        changes={"page": page.pk, "url_path": page.url_path, **changes},
    )


@receiver(page_published)
def page_was_published(sender, instance, revision=None, **kwargs):
    # Wagtail's admin names the person acting (its log context); otherwise (a scheduled or
    # programmatic publish) the author of the revision published.
    actor = get_active_log_context().user or getattr(revision, "user", None)
    revision_id = getattr(revision, "pk", None)
    _record_page(instance, "publish_page", actor, "", "live", revision=revision_id)


@receiver(page_unpublished)
def page_was_unpublished(sender, instance, **kwargs):
    actor = get_active_log_context().user
    if actor is None:  # Wagtail logs the unpublishing, with its user, before this signal
        entry = (
            PageLogEntry.objects.filter(page_id=instance.pk, action="wagtail.unpublish")
            .order_by("-timestamp", "-pk")
            .first()
        )
        actor = entry.user if entry is not None else None
    _record_page(instance, "unpublish_page", actor, "live", "not_live")
