from .accounts import Role, RoleAssignment, User
from .audit import AuditEvent
from .authorities import Authority, ChallengeWindow
from .events import (
    Digest,
    EventRecord,
    Frequency,
    Notification,
    NotificationPreference,
    Watch,
)
from .feedback import Feedback
from .organisations import Membership, NhsBody, Organisation
from .outbox import OutboxMessage
from .pages import (
    AuthorityServicesPage,
    GuidancePage,
    HomePage,
    ServiceCategory,
    ServiceDirectoryPage,
    ServiceSpecificationPage,
)
from .workers import DailyJobRun, WorkerHeartbeat

__all__ = [
    "AuditEvent",
    "Authority",
    "AuthorityServicesPage",
    "Digest",
    "EventRecord",
    "Feedback",
    "Frequency",
    "ChallengeWindow",
    "DailyJobRun",
    "GuidancePage",
    "HomePage",
    "Membership",
    "NhsBody",
    "Notification",
    "NotificationPreference",
    "Organisation",
    "OutboxMessage",
    "Role",
    "RoleAssignment",
    "ServiceCategory",
    "ServiceDirectoryPage",
    "ServiceSpecificationPage",
    "User",
    "Watch",
    "WorkerHeartbeat",
]
