"""Each authority's corner of the CMS: its services page, its editor and publisher groups, and the
moderation workflow that puts its officers' edits in front of its admins before they go live."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.models import Authority, AuthorityServicesPage, Role, ServiceDirectoryPage

EDITOR_ROLES = {Role.OFFICER, Role.DECISION_MAKER}
PUBLISHER_ROLES = {Role.AUTHORITY_ADMIN}
PUBLISHER_MODEL_PERMISSIONS = [
    ("portal", "change_authority"),
    ("portal", "add_challengewindow"),
    ("portal", "change_challengewindow"),
    ("portal", "delete_challengewindow"),
]


def editors_group_name(authority: Authority) -> str:
    return f"{authority.code} editors"


def publishers_group_name(authority: Authority) -> str:
    return f"{authority.code} publishers"


def _permissions(*wanted: tuple[str, str]) -> dict[tuple[str, str], Permission]:
    """{(app label, codename): permission} for the wanted ones, in one query."""
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in={app for app, _ in wanted},
            codename__in={codename for _, codename in wanted},
        )
    }
    return {key: found[key] for key in wanted}


_ENSURED: ContextVar[dict | None] = ContextVar("ensured_workspaces", default=None)


@contextmanager
def each_ensured_once():
    """Within the block, each authority's workspace is ensured (about 40 queries) once: seeding
    makes hundreds of pages and role assignments, and each would repair the same groups and
    workflow again. For code that does not roll back a workspace it made inside the block."""
    token = _ENSURED.set({})
    try:
        yield
    finally:
        _ENSURED.reset(token)


def ensure_workspace(authority: Authority) -> AuthorityServicesPage | None:
    """Create (or repair) the authority's services page, groups and workflow. Idempotent."""
    ensured = _ENSURED.get()
    if ensured is None:
        return _ensure_workspace(authority)
    if authority.pk not in ensured:
        ensured[authority.pk] = _ensure_workspace(authority)
    return ensured[authority.pk]


@transaction.atomic
def _ensure_workspace(authority: Authority) -> AuthorityServicesPage | None:
    directory = ServiceDirectoryPage.objects.first()
    if directory is None:
        return None
    page = AuthorityServicesPage.objects.filter(authority=authority).first()
    if page is None:
        page = AuthorityServicesPage(
            title=f"{authority.nice_name} services",
            slug=authority.slug,
            authority=authority,
            intro=f"Services run by {authority.name} that may be challenged.",
        )
        directory.add_child(instance=page)
        page.save_revision().publish()

    page_kinds = ("add", "change", "publish")
    permission = _permissions(
        ("wagtailadmin", "access_admin"),
        *PUBLISHER_MODEL_PERMISSIONS,
        *(("wagtailcore", f"{kind}_page") for kind in page_kinds),
    )
    access_admin = permission["wagtailadmin", "access_admin"]
    editors, _ = Group.objects.get_or_create(name=editors_group_name(authority))
    publishers, _ = Group.objects.get_or_create(name=publishers_group_name(authority))
    editors.permissions.add(access_admin)
    publishers.permissions.add(access_admin, *(permission[p] for p in PUBLISHER_MODEL_PERMISSIONS))
    for group, kinds in ((editors, page_kinds[:2]), (publishers, page_kinds)):
        for kind in kinds:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission["wagtailcore", f"{kind}_page"]
            )

    workflow, _ = Workflow.objects.get_or_create(name=f"{authority.nice_name}: approval")
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task, _ = GroupApprovalTask.objects.get_or_create(name=f"{authority.code} admin approves")
        task.groups.set([publishers])
        # Workflow is a cluster: create the link row directly so that it is saved.
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return page


def sync_groups(user) -> None:
    """Put the user in exactly the authority groups their roles call for."""
    wanted = set()
    for role in user.roles.exclude(authority=None).select_related("authority"):
        if role.role in EDITOR_ROLES:
            wanted.add(editors_group_name(role.authority))
        if role.role in PUBLISHER_ROLES:
            wanted.add(publishers_group_name(role.authority))
            wanted.add(editors_group_name(role.authority))
        ensure_workspace(role.authority)
    managed = [g for g in user.groups.all() if g.name.endswith((" editors", " publishers"))]
    user.groups.remove(*[g for g in managed if g.name not in wanted])
    user.groups.add(*Group.objects.filter(name__in=wanted))
