"""The CMS side of authorities: admins edit their own authority's timescales and windows only;
site admins manage organisations, NHS bodies and roles."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from portal import permissions
from portal.models import Authority, ChallengeWindow, NhsBody, Organisation, RoleAssignment


class AuthorityScopedMixin:
    """Only the authority's own admins (and site admins) reach an object of that authority."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        authority = obj if isinstance(obj, Authority) else obj.authority
        if not permissions.is_authority_admin(self.request.user, authority):
            raise PermissionDenied
        return obj


class ScopedEditView(AuthorityScopedMixin, EditView):
    pass


class ScopedDeleteView(AuthorityScopedMixin, DeleteView):
    pass


class AuthorityViewSet(SnippetViewSet):
    model = Authority
    icon = "site"
    menu_label = "Authorities"
    list_display = ["nice_name", "code", "authority_type", "region", "decision_period_text"]
    list_filter = ["authority_type", "region"]
    list_export = ["name", "code", "gss_code", "authority_type", "region", "population"]
    search_fields = ["name", "nice_name", "code"]
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
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
                FieldPanel("timescales_published_on"),
                FieldPanel("separate_decision_maker"),
            ],
            heading="Published timescales (Localism Act 2011 s.84)",
        ),
    ]

    def get_queryset(self, request):
        return permissions.authorities(request.user, roles=(permissions.Role.AUTHORITY_ADMIN,))


class ChallengeWindowViewSet(SnippetViewSet):
    model = ChallengeWindow
    icon = "date"
    menu_label = "Challenge windows"
    list_display = ["authority", "service", "opens_on", "closes_on"]
    list_filter = ["authority"]
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView

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
