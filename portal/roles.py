"""The roles people act in, spelt once for the whole portal.

A staff role is one people are given (portal.models.Role, stored in RoleAssignment); a body member
belongs to the organisation a case is about (portal.models.Membership); the system is the portal
itself. Every audit event records the role its actor acted in (AuditEvent.actor_role): the chain
is append-only, so these values never change. A model's permission function names the role it
checks with `acts_as`; the workflow engine reads a transition's role from there.

Messaging tells people by audience: everyone in a role for one subject. The audience names are
stored with each notification (messaging.Notification.role), so they keep their own spelling.
"""

from collections.abc import Callable
from typing import TypeVar

# --- who acts ---------------------------------------------------------------------------------
BODY_MEMBER = "body_member"
OFFICER = "officer"
DECISION_MAKER = "decision_maker"
AUTHORITY_ADMIN = "authority_admin"
NHS_PARTNER = "nhs_partner"
SITE_ADMIN = "site_admin"
EDITOR = "editor"  # whoever changes a page in Wagtail's admin
SYSTEM = "system"
ACTING = frozenset({BODY_MEMBER, OFFICER, DECISION_MAKER, NHS_PARTNER, SITE_ADMIN, EDITOR, SYSTEM})

# --- who is told (messaging's subscription table) -----------------------------------------------
BODY = "body"  # the members of the body a case is about (a challenge's or an interest's)
OFFICERS = "officers"  # the authority's officers (and joint partner authorities')
DECISION_MAKERS = "decision_makers"  # the authority's decision makers (and partners')
NHS_PARTNERS = "nhs_partners"  # people with role nhs_partner for an agreement's NHS bodies
SUPPLIERS = "suppliers"  # the members of each organisation that expressed interest in an exercise
WATCHERS = "watchers"  # people following the case (messaging.Watch)
# The members of the partner organisations an innovation offer is made to (a police force).
PARTNERS = "partners"
PUBLISHERS = "publishers"  # those who approve an authority's CMS pages: its admins
EDITORS = "editors"  # whoever submitted a CMS page for approval
# The audiences of the people given each staff role.
AUDIENCES_OF_ROLE = {
    OFFICER: (OFFICERS, EDITORS),
    DECISION_MAKER: (DECISION_MAKERS, EDITORS),
    AUTHORITY_ADMIN: (PUBLISHERS, EDITORS),
    NHS_PARTNER: (NHS_PARTNERS,),
    SITE_ADMIN: (PUBLISHERS, EDITORS),
}

Permission = TypeVar("Permission", bound=Callable)


def acts_as(role: str) -> Callable[[Permission], Permission]:
    """Mark a django-fsm-2 permission function `(obj, user) -> bool` with the role it checks."""
    if role not in ACTING:
        raise ValueError(f"Unknown acting role {role!r}")

    def mark(permission: Permission) -> Permission:
        permission.role = role
        return permission

    return mark


def role_of(permission) -> str:
    """The role a permission function checks ("" when it names none)."""
    return getattr(permission, "role", "")
