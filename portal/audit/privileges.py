"""Who may do what, and the bodies it reaches, in the hash chain whoever changes it (issue 23).

Role assignments, the superuser, staff and active flags, group membership and group permissions,
NHS bodies, authorities and organisations: every create, change and delete writes one audit event
naming the fields that changed, from Django's model signals, so a change made in Wagtail's admin,
a portal view, a management command or a shell is recorded alike. (Queryset `update()` and
`bulk_create()` send no signals; the portal uses neither on these models.)

The actor is the person of the request that made the change (portal.audit.actor), or Wagtail's
log context; without either (a command, a shell) the event names the system.
"""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from portal import audit, roles
from portal.audit.actor import current_actor
from portal.models import Authority, NhsBody, Organisation, RoleAssignment, User

USER_FLAGS = ("is_superuser", "is_staff", "is_active")
IGNORED = {"id", "created_at", "updated_at", "password", "last_login"}


def _fields(model) -> tuple[str, ...]:
    if model is User:
        return USER_FLAGS
    return tuple(
        f.attname
        for f in model._meta.concrete_fields
        if f.attname not in IGNORED and f.name not in IGNORED
    )


WATCHED = {model: _fields(model) for model in (RoleAssignment, NhsBody, Authority, Organisation)}
WATCHED[User] = USER_FLAGS


def _kind(model) -> str:
    return model._meta.model_name  # "roleassignment", "nhsbody", "authority", ...


def _values(instance, fields) -> dict:
    return {name: getattr(instance, name) for name in fields}


def _actor_and_role():
    """(actor, role): a site admin anywhere; other staff in the CMS as editors, elsewhere in
    their highest authority role (an admin's register import); anyone else through the portal's
    own pages (an organisation's admin, say) as a body's member."""
    actor, in_admin = current_actor()
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, roles.SYSTEM
    from portal import permissions

    if permissions.is_site_admin(actor):
        return actor, roles.SITE_ADMIN
    if in_admin:
        return actor, roles.EDITOR
    for staff_role in (roles.AUTHORITY_ADMIN, roles.DECISION_MAKER, roles.OFFICER):
        if permissions.holds_role(actor, staff_role):  # an officer's own page, an import
            return actor, staff_role
    return actor, roles.BODY_MEMBER


def _record(instance, transition: str, changes: dict, to_state: str = "") -> None:
    actor, role = _actor_and_role()
    audit.record(
        instance,
        transition=transition,
        from_state="",
        to_state=to_state,
        actor=actor,
        role=role,
        changes=changes,
        reference=instance.code if isinstance(instance, Authority) else "",
    )


def remember_before(sender, instance, raw=False, update_fields=None, **kwargs):
    """The watched values as stored, read before the save overwrites them."""
    fields = WATCHED[sender]
    if raw or instance._state.adding or instance.pk is None:
        instance._privileges_before = None
        return
    if update_fields is not None and not set(update_fields) & {
        sender._meta.get_field(name).name for name in fields
    }:
        instance._privileges_before = "unchanged"
        return
    instance._privileges_before = (
        sender._base_manager.filter(pk=instance.pk).values(*fields).first()
    )


def record_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    fields = WATCHED[sender]
    now = _values(instance, fields)
    before = getattr(instance, "_privileges_before", None)
    if created or before is None:
        if sender is User and not (instance.is_superuser or instance.is_staff):
            return  # an ordinary account holds no privilege yet: nothing to record
        _record(instance, f"create_{_kind(sender)}", {"created": now})
        return
    if before == "unchanged":
        return
    changed = {name: [before[name], now[name]] for name in fields if before[name] != now[name]}
    if changed:
        _record(instance, f"change_{_kind(sender)}", {"changed": changed})


def record_delete(sender, instance, **kwargs):
    if sender is User and not (instance.is_superuser or instance.is_staff):
        return
    _record(
        instance,
        f"delete_{_kind(sender)}",
        {"deleted": _values(instance, WATCHED[sender])},
        to_state="deleted",
    )


# --- group membership and group permissions ---------------------------------------------------


def _group_names(pks) -> list[str]:
    return sorted(Group.objects.filter(pk__in=pks).values_list("name", flat=True))


def record_membership(sender, instance, action, reverse, pk_set, **kwargs):
    """One event per person whose groups changed, naming the groups added or removed."""
    if action == "pre_clear":
        # `clear()` names nobody afterwards: remember who is in what first.
        if reverse:  # group.user_set.clear()
            instance._members_cleared = list(instance.user_set.values_list("pk", flat=True))
        else:
            instance._groups_cleared = list(instance.groups.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    added = action == "post_add"
    if action == "post_clear":
        if reverse:
            pairs = [(pk, {instance.pk}) for pk in getattr(instance, "_members_cleared", [])]
        else:
            pairs = [(instance.pk, set(getattr(instance, "_groups_cleared", [])))]
    elif reverse:  # group.user_set.add(user, ...): instance is the group
        pairs = [(pk, {instance.pk}) for pk in pk_set or ()]
    else:
        pairs = [(instance.pk, set(pk_set or ()))]
    for user_pk, group_pks in pairs:
        if not group_pks:
            continue
        user = instance if not reverse else User.objects.filter(pk=user_pk).first()
        if user is None:
            continue
        key = "added" if added else "removed"
        _record(
            user,
            "add_to_groups" if added else "remove_from_groups",
            {key: _group_names(group_pks)},
        )


def record_group_permissions(sender, instance, action, reverse, pk_set, **kwargs):
    """A group's model permissions granted or withdrawn (the group's own event)."""
    if reverse or action not in ("post_add", "post_remove") or not pk_set:
        return
    from django.contrib.auth.models import Permission

    codenames = sorted(
        f"{app}.{codename}"
        for app, codename in Permission.objects.filter(pk__in=pk_set).values_list(
            "content_type__app_label", "codename"
        )
    )
    added = action == "post_add"
    _record(
        instance,
        "grant_group_permissions" if added else "withdraw_group_permissions",
        {"granted" if added else "withdrawn": codenames, "group": instance.name},
    )


def connect() -> None:
    for model in WATCHED:
        uid = f"privileges-{_kind(model)}"
        pre_save.connect(remember_before, sender=model, dispatch_uid=uid)
        post_save.connect(record_save, sender=model, dispatch_uid=uid)
        post_delete.connect(record_delete, sender=model, dispatch_uid=uid)
    m2m_changed.connect(record_membership, sender=User.groups.through, dispatch_uid="privileges")
    m2m_changed.connect(
        record_group_permissions, sender=Group.permissions.through, dispatch_uid="privileges"
    )
