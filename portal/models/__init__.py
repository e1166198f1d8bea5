from .accounts import Role, RoleAssignment, User
from .audit import AuditEvent
from .authorities import Authority, ChallengeWindow, PeriodVersion
from .feedback import Feedback
from .organisations import Membership, NhsBody, Organisation
from .pages import (
    AuthorityServicesPage,
    GuidancePage,
    HomePage,
    ServiceCategory,
    ServiceDirectoryPage,
    ServiceSpecificationPage,
)
from .provenance import Provenanced, RegisterImport
from .references import ReferenceCounter
from .workers import DailyJobRun, WorkerHeartbeat

__all__ = [
    "AuditEvent",
    "Authority",
    "AuthorityServicesPage",
    "Feedback",
    "ChallengeWindow",
    "DailyJobRun",
    "GuidancePage",
    "HomePage",
    "Membership",
    "NhsBody",
    "Organisation",
    "PeriodVersion",
    "Role",
    "RoleAssignment",
    "Provenanced",
    "ReferenceCounter",
    "RegisterImport",
    "ServiceCategory",
    "ServiceDirectoryPage",
    "ServiceSpecificationPage",
    "User",
    "WorkerHeartbeat",
]
