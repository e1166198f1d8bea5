from .events import (
    Digest,
    EventRecord,
    Frequency,
    Notification,
    NotificationPreference,
    Watch,
)
from .outbox import OutboxMessage

__all__ = [
    "Digest",
    "EventRecord",
    "Frequency",
    "Notification",
    "NotificationPreference",
    "OutboxMessage",
    "Watch",
]
