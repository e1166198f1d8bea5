"""The CMS side of authorities: admins edit their own authority's timescales and windows only;
site admins manage organisations, NHS bodies and roles, and read the feedback; changes to
timescales, windows and pages are audited."""

import functools

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal import audit, permissions, protected_deletes  # noqa: F401  (its hooks)
from portal.models import (
    Authority,
    ChallengeWindow,
    Feedback,
    NhsBody,
    Organisation,
    RoleAssignment,
    User,
)
from portal.params import object_id
from portal.spreadsheets import safe_cell


class SafeCsvIndexView(SnippetIndexView):
    """The listing's CSV export, with cells a spreadsheet would run as formulas neutralised."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: safe_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )


class AuthorityScopedViewSet(SnippetViewSet):
    """Every view of one object (edit, delete, copy, history, usage, inspect, revisions...)
    reaches only the objects of the viewset's queryset: the user's own authority's."""

    index_view_class = SafeCsvIndexView

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        viewset = self

        @functools.wraps(view)
        def scoped_view(request, *args, **kwargs):
            if "pk" in kwargs:
                pk = object_id(unquote(str(kwargs["pk"])))
                if pk is None or not viewset.get_queryset(request).filter(pk=pk).exists():
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        return scoped_view


class AuthorityViewSet(AuthorityScopedViewSet):
    model = Authority
    icon = "site"
    menu_label = "Authorities"
    list_display = ["nice_name", "code", "authority_type", "region", "decision_period_text"]
    list_filter = ["authority_type", "region"]
    list_export = ["name", "code", "gss_code", "authority_type", "region", "population"]
    search_fields = ["name", "nice_name", "code"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("decision_period"), FieldPanel("decision_period_unit")]),
                FieldRowPanel(
                    [
                        FieldPanel("procurement_min_period"),
                        FieldPanel("procurement_min_period_unit"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("procurement_max_period"),
                        FieldPanel("procurement_max_period_unit"),
                    ]
                ),
                FieldPanel(
                    "timescales_published_on",
                    help_text="The date these periods take effect. Changing the periods keeps "
                    "the earlier ones as a version: challenges received before this date are "
                    "still judged against them. A date not after the current version's takes "
                    "effect today.",
                ),
                FieldPanel("separate_decision_maker"),
            ],
            heading="Published timescales (Localism Act 2011 s.83(4)-(6), s.84(3)-(5))",
        ),
    ]

    def get_queryset(self, request):
        return permissions.authorities(request.user, roles=(permissions.Role.AUTHORITY_ADMIN,))


class ChallengeWindowViewSet(AuthorityScopedViewSet):
    model = ChallengeWindow
    icon = "date"
    menu_label = "Challenge windows"
    list_display = ["authority", "service", "opens_on", "closes_on"]
    list_filter = ["authority"]

    def get_queryset(self, request):
        return permissions.scope_to_authorities(
            ChallengeWindow.objects.select_related("authority", "service"),
            request.user,
            roles=(permissions.Role.AUTHORITY_ADMIN,),
        )

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)

        class WindowForm(form_class):
            def __init__(self, *args, for_user=None, **kwargs):
                super().__init__(*args, for_user=for_user, **kwargs)
                allowed = permissions.authorities(
                    for_user, roles=(permissions.Role.AUTHORITY_ADMIN,)
                )
                self.fields["authority"].queryset = allowed
                self.fields["service"].queryset = self.fields["service"].queryset.filter(
                    authority__in=allowed
                )

        return WindowForm


class SiteAdminViewSet(SnippetViewSet):
    index_view_class = SafeCsvIndexView

    """Models only site admins manage (through model permissions they alone hold)."""


class OrganisationViewSet(SiteAdminViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "body_type", "charity_number", "company_number"]
    list_filter = ["body_type"]
    search_fields = ["name"]


class NhsBodyViewSet(SiteAdminViewSet):
    model = NhsBody
    icon = "plus-inverse"
    list_display = ["name", "ods_code", "kind"]


class RoleAssignmentViewSet(SiteAdminViewSet):
    model = RoleAssignment
    icon = "user"
    list_display = ["user", "role", "authority", "nhs_body"]
    list_filter = ["role", "authority"]


class PortalViewSetGroup(SnippetViewSetGroup):
    menu_label = "Portal"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        AuthorityViewSet,
        ChallengeWindowViewSet,
        OrganisationViewSet,
        NhsBodyViewSet,
        RoleAssignmentViewSet,
    )


register_snippet(PortalViewSetGroup)


# --- feedback from the phase banner's form: site admins read it --------------------------------


class FeedbackReaders(BasePermissionPolicy):
    """Site admins may read feedback; nobody edits it (it is what people said)."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and permissions.is_site_admin(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return User.objects.none()
        site_admins = Q(is_superuser=True) | Q(roles__role=permissions.Role.SITE_ADMIN)
        return User.objects.filter(site_admins, is_active=True).distinct()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


register_permission_policy(Feedback, FeedbackReaders(Feedback))


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    icon = "comment"
    menu_label = "Feedback"
    add_to_admin_menu = True
    menu_order = 910
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["rating"]  # never shown: nobody holds "add" or "change"
    list_display = ["rating", "comments", "page", "created_at"]
    list_filter = ["rating"]
    inspect_view_fields = ["rating", "comments", "page", "created_at"]


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet("feedback")


# --- the audit trail: timescales (s.84), windows (s.82) and pages published or unpublished -------

# What an event records of each: the published values, never a person's data.
AUDITED_FIELDS = {
    Authority: (
        "decision_period",
        "decision_period_unit",
        "procurement_min_period",
        "procurement_min_period_unit",
        "procurement_max_period",
        "procurement_max_period_unit",
        "timescales_published_on",
        "separate_decision_maker",
    ),
    ChallengeWindow: ("authority_id", "service_id", "opens_on", "closes_on"),
}
TRANSITIONS = {
    Authority: {
        "create": "create_authority",
        "edit": "edit_timescales",
        "delete": "delete_authority",
    },
    ChallengeWindow: {"create": "create_window", "edit": "edit_window", "delete": "delete_window"},
}


def _record_snippet(request, instance, action: str):
    model = type(instance)
    if model not in TRANSITIONS or (model is Authority and action != "edit"):
        return  # an authority's creation and deletion: portal.audit.privileges records them
    role = permissions.Role.AUTHORITY_ADMIN
    if permissions.is_site_admin(request.user):
        role = permissions.Role.SITE_ADMIN
    audit.record(
        instance,
        transition=TRANSITIONS[model][action],
        from_state="",
        to_state="deleted" if action == "delete" else "",
        actor=request.user,
        role=role,
        changes={name: getattr(instance, name) for name in AUDITED_FIELDS[model]},
        reference=instance.code if model is Authority else "",
    )


@hooks.register("after_create_snippet")
def audit_snippet_created(request, instance):
    _record_snippet(request, instance, "create")


@hooks.register("after_edit_snippet")
def audit_snippet_edited(request, instance):
    _record_snippet(request, instance, "edit")


@hooks.register("before_delete_snippet")
def remember_deleted_ids(request, instances):
    for instance in instances:
        instance._audit_pk = instance.pk  # Django clears pk once the row is deleted


@hooks.register("after_delete_snippet")
def audit_snippet_deleted(request, instances):
    for instance in instances:
        if instance.pk is None and getattr(instance, "_audit_pk", None) is not None:
            instance.pk = instance._audit_pk
            _record_snippet(request, instance, "delete")
