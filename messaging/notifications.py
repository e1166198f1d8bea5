"""In-app notifications and their emails: the receiver that turns each delivered event into one
Notification per person the subscription table names, and emails each person as they prefer.

    from portal import notifications
    notifications.unread_count(user)

Runs inside the transaction that marks the event delivered (messaging.events), so a failure
leaves neither notifications nor emails behind, and the event is tried again.
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from messaging import email_kinds, outbox, subscriptions
from messaging.events import Event
from messaging.models import Frequency, Notification, NotificationPreference, Watch
from portal.models import User

log = logging.getLogger("messaging.notifications")


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at=None).count()


def recent(user, limit: int = 10):
    """The person's latest notifications, for `includes/notifications_list.html`."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user).select_related("event")[:limit]


def absolute(path: str) -> str:
    return settings.BASE_URL.rstrip("/") + path if path.startswith("/") else path


def preferences_url() -> str:
    return absolute(reverse("notification-preferences"))


def watcher_ids(subject) -> list[int]:
    return list(
        Watch.objects.filter(
            subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
        ).values_list("user_id", flat=True)
    )


def _ids(found) -> set[int]:
    if isinstance(found, QuerySet):
        return set(found.values_list("pk", flat=True))
    return {getattr(u, "pk", u) for u in found}


def recipients(event: Event, row: subscriptions.Subscription) -> dict[int, list[str]]:
    """user id -> the roles (in the row's order) in which the table names them."""
    machine = subscriptions.machine(event.machine)
    roles_by_user: dict[int, list[str]] = defaultdict(list)
    for role in row.roles:
        if role == subscriptions.WATCHERS:
            found = watcher_ids(event.subject)
        elif machine and role in machine.audiences:
            found = _ids(machine.audiences[role](event.subject, event))
        else:
            continue
        for pk in found:
            roles_by_user[pk].append(role)
    return roles_by_user


def deliver(event: Event) -> list[Notification]:
    """The receiver: tell everyone the table names for `event.kind`."""
    row = subscriptions.get(event.kind)
    if row is None or event.id is None:
        return []
    machine = subscriptions.machine(event.machine)
    roles_by_user = recipients(event, row)
    if not roles_by_user:
        return []
    users = {
        u.pk: u
        for u in User.objects.filter(pk__in=roles_by_user, is_active=True).only("pk", "email")
    }
    chosen = dict(
        NotificationPreference.objects.filter(user__in=users, kind=event.kind).values_list(
            "user_id", "frequency"
        )
    )
    actor_id = getattr(event.actor, "pk", None)
    notes, instant = [], defaultdict(list)  # (email kind, role) -> users
    for pk, user in users.items():
        roles = roles_by_user[pk]
        statutory = next((r for r in roles if r in row.statutory), None)
        if pk == actor_id and not statutory:
            continue  # nobody is told of their own action, unless the law says so
        role = statutory or roles[0]
        frequency = Frequency.INSTANT if statutory else chosen.get(pk, Frequency.INSTANT)
        link = machine.link(event.subject, role) if machine else ""
        note = Notification(user=user, event_id=event.id, role=role, url=link)
        if frequency == Frequency.INSTANT:
            note.email = Notification.Email.INSTANT
            note.emailed_at = timezone.now()
            instant[(row.email_kind(role), role)].append(user)
        elif frequency == Frequency.DAILY:
            note.email = Notification.Email.DAILY
        notes.append(note)
    Notification.objects.bulk_create(notes, ignore_conflicts=True)
    for (kind, role), people in instant.items():
        _email(event, row, machine, kind, role, people)
    return notes


def _email(event, row, machine, kind: str, role: str, people: list) -> None:
    spec = email_kinds.get(kind)
    fields = {
        "what": row.label,
        "reference": event.reference,
        "title": machine.title(event.subject) if machine else "",
        "url": absolute(machine.link(event.subject, role)) if machine else "",
        "preferences_url": preferences_url(),
    }
    if machine and kind != subscriptions.GENERIC_EMAIL:
        fields.update(machine.email_fields(event, kind))
    per_person = {}
    if machine and machine.recipient_fields:
        per_person = machine.recipient_fields(event, kind, [p.pk for p in people]) or {}
    if per_person:
        for person in people:
            if person.pk in per_person:
                values = {**fields, **per_person[person.pk]}
                outbox.queue(kind, [person.email], **{f: values[f] for f in spec.fields})
        return
    missing = set(spec.fields) - set(fields)
    if missing:
        # A kind written for each person (an assessment summary) found nobody to write it for:
        # the in-app notification still goes; say so rather than fail the whole event.
        log.error("%s: no %s email, fields %s unknown", event.kind, kind, sorted(missing))
        return
    outbox.queue(kind, [p.email for p in people], **{f: fields[f] for f in spec.fields})


def mark_read(user, ids=None) -> int:
    unread = Notification.objects.filter(user=user, read_at=None)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
