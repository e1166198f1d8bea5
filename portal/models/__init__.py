from .accounts import Role, RoleAssignment, User
from .authorities import Authority, ChallengeWindow
from .documents import StoredDocument
from .organisations import Membership, NhsBody, Organisation
from .pages import (
    AuthorityServicesPage,
    GuidancePage,
    HomePage,
    ServiceCategory,
    ServiceDirectoryPage,
    ServiceSpecificationPage,
)

__all__ = [
    "Authority",
    "AuthorityServicesPage",
    "ChallengeWindow",
    "GuidancePage",
    "HomePage",
    "Membership",
    "NhsBody",
    "Organisation",
    "Role",
    "RoleAssignment",
    "ServiceCategory",
    "ServiceDirectoryPage",
    "ServiceSpecificationPage",
    "StoredDocument",
    "User",
]
