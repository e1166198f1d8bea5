"""Who may see and do what. Every app asks here, never the models directly.

Authority roles are scoped to one authority; provider membership to one organisation; NHS partners
to one NHS body. Site admins (superusers, or the site_admin role) may do anything.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save

from portal.models import Authority, Membership, Organisation, Role, RoleAssignment

AUTHORITY_STAFF = (Role.OFFICER, Role.DECISION_MAKER, Role.AUTHORITY_ADMIN)

# Role and membership look-ups are cached on the user object (one request's, in the web
# processes), so that a transition's permission check and its page's checks ask the database
# once. Any saved or deleted role or membership in this process starts a new generation, which
# drops every cached answer.
_GENERATION = [0]


def _new_generation(**kwargs) -> None:
    _GENERATION[0] += 1


for _model in (RoleAssignment, Membership):
    post_save.connect(_new_generation, sender=_model, dispatch_uid=f"permissions-{_model.__name__}")
    post_delete.connect(
        _new_generation, sender=_model, dispatch_uid=f"permissions-del-{_model.__name__}"
    )


def _cached(user, key, compute):
    cache = user.__dict__.get("_permissions_cache")
    if cache is None or cache[0] != (_GENERATION[0], user.pk):
        cache = ((_GENERATION[0], user.pk), {})
        user.__dict__["_permissions_cache"] = cache
    answers = cache[1]
    if key not in answers:
        answers[key] = compute()
    return answers[key]


def is_site_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return holds_role(user, Role.SITE_ADMIN)


def holds_role(user, role: str) -> bool:
    """Whether the user was given the role anywhere (a RoleAssignment)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return any(held == role for held, _, _ in assignments(user))


def assignments(user) -> tuple[tuple[str, int | None, int | None], ...]:
    """The user's role assignments as (role, authority id, NHS body id): one query, cached, from
    which every role question about the user is answered."""
    if not getattr(user, "is_authenticated", False):
        return ()
    return _cached(
        user,
        "assignments",
        lambda: tuple(
            RoleAssignment.objects.filter(user_id=user.pk).values_list(
                "role", "authority_id", "nhs_body_id"
            )
        ),
    )


def authority_ids(user, roles=AUTHORITY_STAFF) -> set[int]:
    """Ids of the authorities in which the user holds any of the roles."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return {a for role, a, _ in assignments(user) if role in roles and a is not None}


def authorities(user, roles=AUTHORITY_STAFF) -> QuerySet:
    if is_site_admin(user):
        return Authority.objects.all()
    return Authority.objects.filter(pk__in=authority_ids(user, roles))


def has_authority_role(user, authority, roles=AUTHORITY_STAFF) -> bool:
    if authority is None:
        return False
    authority_id = getattr(authority, "pk", authority)
    return is_site_admin(user) or authority_id in authority_ids(user, roles)


def is_officer(user, authority) -> bool:
    return has_authority_role(user, authority, AUTHORITY_STAFF)


def is_decision_maker(user, authority) -> bool:
    return has_authority_role(user, authority, (Role.DECISION_MAKER,))


def is_authority_admin(user, authority) -> bool:
    return has_authority_role(user, authority, (Role.AUTHORITY_ADMIN,))


def scope_to_authorities(
    queryset: QuerySet, user, *lookups: str, roles=AUTHORITY_STAFF
) -> QuerySet:
    """Limit a queryset to rows of the user's authorities.

    `lookups` name the authority paths on the row ("authority", "partner_authorities"); a row is
    visible when any of them is one of the user's authorities.
    """
    if is_site_admin(user):
        return queryset
    ids = authority_ids(user, roles)
    condition = Q()
    for lookup in lookups or ("authority",):
        condition |= Q(**{f"{lookup}__in": ids})
    return queryset.filter(condition).distinct() if len(lookups) > 1 else queryset.filter(condition)


def organisations(user, admin_only=False) -> QuerySet:
    """Organisations in which the user is an approved member."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    memberships = Membership.objects.filter(user_id=user.pk, approved=True)
    if admin_only:
        memberships = memberships.filter(role=Membership.ADMIN)
    return Organisation.objects.filter(pk__in=memberships.values("organisation_id"))


def organisation_ids(user) -> frozenset[int]:
    """Ids of the organisations in which the user is an approved member (cached)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return _cached(
        user,
        "organisations",
        lambda: frozenset(
            Membership.objects.filter(user_id=user.pk, approved=True).values_list(
                "organisation_id", flat=True
            )
        ),
    )


def is_member(user, organisation) -> bool:
    return getattr(organisation, "pk", organisation) in organisation_ids(user)


def is_organisation_admin(user, organisation) -> bool:
    org_id = getattr(organisation, "pk", organisation)
    return organisations(user, admin_only=True).filter(pk=org_id).exists()


def nhs_body_ids(user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return {n for role, _, n in assignments(user) if role == Role.NHS_PARTNER}


def is_nhs_partner(user, nhs_body) -> bool:
    return getattr(nhs_body, "pk", nhs_body) in nhs_body_ids(user)


def is_staff_anywhere(user) -> bool:
    return is_site_admin(user) or bool(authority_ids(user))


# --- documents ------------------------------------------------------------------------------
# Who may download a StoredDocument is decided by its owner's kind. Apps register a policy per
# owner model (e.g. a decision's letter is public once the decision is published; a challenge's
# evidence follows the challenge). A policy gets (user, document, owner) and returns a bool.
DocumentPolicy = Callable[[object, object, object], bool]
DOCUMENT_POLICIES: dict[str, DocumentPolicy] = {}


def register_document_policy(model_label: str):
    """Decorator: `@register_document_policy("challenges.challenge")`."""

    def decorator(policy: DocumentPolicy) -> DocumentPolicy:
        DOCUMENT_POLICIES[model_label.lower()] = policy
        return policy

    return decorator


def _default_document_policy(user, document, owner) -> bool:
    """Without a policy for the owner's kind: the uploader and the authority's staff."""
    uploaded_by = getattr(user, "pk", None) is not None and document.uploaded_by_id == user.pk
    return uploaded_by or (
        document.authority_id is not None and is_officer(user, document.authority)
    )


def can_view_document(user, document) -> bool:
    if is_site_admin(user):
        return True
    owner = document.owner if document.owner_type_id else None
    if document.owner_type_id and owner is None:
        return False  # the owner is gone: only site admins see what is left
    label = document.owner_type.natural_key() if document.owner_type_id else None
    policy = DOCUMENT_POLICIES.get(".".join(label)) if label else None
    return bool((policy or _default_document_policy)(user, document, owner))


# Apps say which authorities an organisation deals with (a submitted challenge, an expression of
# interest, a contract won): each registers a function (organisation id) -> authority id query.
OrganisationAuthorities = Callable[[int], QuerySet]
ORGANISATION_AUTHORITIES: list[OrganisationAuthorities] = []


def register_organisation_authorities(function: OrganisationAuthorities):
    ORGANISATION_AUTHORITIES.append(function)
    return function


def deals_with_authority(organisation, user) -> bool:
    """Whether the user is staff of an authority the organisation has a case with."""
    held = authority_ids(user)
    if not held:
        return False
    org_id = getattr(organisation, "pk", organisation)
    return any(
        function(org_id).filter(pk__in=held).exists() for function in ORGANISATION_AUTHORITIES
    )


@register_document_policy("portal.organisation")
def organisation_document_policy(user, document, owner) -> bool:
    """An organisation's own papers (constitution, accounts): its members, and the staff of the
    authorities it has a challenge, an expression of interest or a contract with."""
    return is_member(user, owner) or deals_with_authority(owner, user)


def can_manage_organisation_documents(user, organisation) -> bool:
    return is_member(user, organisation) or is_site_admin(user)
