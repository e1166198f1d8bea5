"""The daily summary: one email per person who chose "daily" for some kinds, listing what they
were told since their last summary. Idempotent per person per day (messaging.Digest is unique on
person and day), and built with a handful of queries whatever the number of people."""

import logging
from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from messaging import outbox, subscriptions
from messaging.models import Digest, Notification
from messaging.notifications import absolute, preferences_url

log = logging.getLogger("messaging.notifications")
MAX_ITEMS = 50  # a longer summary ends with "and N more"


def _line(kind: str, reference: str, url: str) -> str:
    row = subscriptions.get(kind)
    label = row.label if row else kind
    return f"- {label}: {reference}" + (f" {absolute(url)}" if url else "")


def send_digests(today=None) -> int:
    """Queue today's summaries. Returns how many were queued."""
    today = today or timezone.localdate()
    with transaction.atomic():
        done_today = Digest.objects.filter(day=today).values("user_id")
        pending = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(email=Notification.Email.DAILY, emailed_at=None, user__is_active=True)
            .exclude(user_id__in=done_today)
            .order_by("user_id", "created_at", "pk")
            .values_list("pk", "user_id", "user__email", "event__kind", "event__reference", "url")
        )
        by_user: dict[int, list] = defaultdict(list)
        addresses: dict[int, str] = {}
        for pk, user_id, email, kind, reference, url in pending:
            by_user[user_id].append((pk, kind, reference, url))
            addresses[user_id] = email
        if not by_user:
            return 0
        common = {
            "notifications_url": absolute(reverse("notifications")),
            "preferences_url": preferences_url(),
        }
        messages, digests, ids = [], [], []
        for user_id, items in by_user.items():
            lines = [_line(kind, ref, url) for _, kind, ref, url in items[:MAX_ITEMS]]
            if len(items) > MAX_ITEMS:
                lines.append(f"- and {len(items) - MAX_ITEMS} more")
            messages.append(
                (
                    addresses[user_id],
                    {"count": len(items), "items": "\n".join(lines) + "\n", **common},
                )
            )
            digests.append(Digest(user_id=user_id, day=today, count=len(items)))
            ids.extend(pk for pk, *_ in items)
        Digest.objects.bulk_create(digests, batch_size=2000)
        outbox.queue_each("daily_digest", messages)
        now = timezone.now()
        for start in range(0, len(ids), 5000):
            Notification.objects.filter(pk__in=ids[start : start + 5000]).update(emailed_at=now)
    log.info("queued %s daily summaries", len(digests))
    return len(digests)
