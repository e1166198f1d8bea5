"""Messaging's part of /readyz: the email outbox and the event backlog."""

from django.conf import settings

from portal.health import NotReady, backlog, register_ready


@register_ready("email_outbox")
def email_outbox() -> dict:
    """Emails waiting or failed (messaging.outbox). Not ready when the oldest waiting message is
    older than EMAIL_BACKLOG_MAX_AGE: delivery has stalled (worker stopped, provider down)."""
    from messaging.outbox import outbox_backlog

    waiting = outbox_backlog()
    if waiting["oldest_queued_seconds"] > settings.EMAIL_BACKLOG_MAX_AGE:
        raise NotReady("email delivery is behind", **waiting)
    return waiting


@register_ready("events")
def event_backlog() -> dict:
    """Events waiting for delivery, and those given up on after every attempt (their people were
    not told: a site admin must look at last_error). Not ready while any is given up on."""
    from messaging.events import MAX_ATTEMPTS
    from messaging.models import EventRecord

    undelivered = EventRecord.objects.filter(delivered_at=None)
    report = {
        **backlog(undelivered.filter(attempts__lt=MAX_ATTEMPTS), "created_at"),
        "given_up": undelivered.filter(attempts__gte=MAX_ATTEMPTS).count(),
    }
    if report["given_up"]:
        raise NotReady("events could not be delivered", **report)
    return report
