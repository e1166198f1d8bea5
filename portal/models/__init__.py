from .accounts import Role, RoleAssignment, User
from .audit import AuditEvent
from .authorities import Authority, ChallengeWindow
from .documents import StoredDocument
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
    "ChallengeWindow",
    "DailyJobRun",
    "GuidancePage",
    "HomePage",
    "Membership",
    "NhsBody",
    "Organisation",
    "OutboxMessage",
    "Role",
    "RoleAssignment",
    "ServiceCategory",
    "ServiceDirectoryPage",
    "ServiceSpecificationPage",
    "StoredDocument",
    "User",
    "WorkerHeartbeat",
]
