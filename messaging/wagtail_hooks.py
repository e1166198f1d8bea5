"""The email outbox in the CMS: site admins only, read-only but for retrying a failed message."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views import View
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from messaging import outbox
from messaging.models import OutboxMessage
from portal.models import User


class SiteAdminsOnly(BasePermissionPolicy):
    """Superusers may look (the "view" action); nobody adds, edits or deletes a message."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return User.objects.none()
        return User.objects.filter(is_active=True, is_superuser=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


register_permission_policy(OutboxMessage, SiteAdminsOnly(OutboxMessage))


class OutboxIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == OutboxMessage.Status.FAILED:
            url = reverse("outbox:retry", args=[instance.pk])
            buttons.append(MenuItem("Retry", url=url, icon_name="repeat", priority=5))
        return buttons


class RetryView(WagtailAdminTemplateMixin, View):
    template_name = "messaging/admin/outbox_retry.html"
    page_title = "Retry an email"
    header_icon = "mail"
    index_url_name = ""

    def dispatch(self, request, pk):
        if not (request.user.is_active and request.user.is_superuser):
            raise PermissionDenied
        self.message = get_object_or_404(OutboxMessage, pk=pk, status=OutboxMessage.Status.FAILED)
        return super().dispatch(request, pk)

    def get(self, request, pk):
        return self.render_to_response(
            self.get_context_data(message=self.message, index_url=reverse(self.index_url_name))
        )

    def post(self, request, pk):
        if outbox.retry(self.message.pk):
            messages.success(request, f"Email #{self.message.pk} is queued to be sent again")
        return redirect(self.index_url_name)


class OutboxViewSet(ModelViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = "Emails"
    add_to_admin_menu = True
    menu_order = 900
    index_view_class = OutboxIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # never shown: nobody holds "add" or "change" (SiteAdminsOnly)
    list_display = [
        "kind",
        "status",
        "attempts",
        "last_error",
        "recipient",
        "created_at",
        "next_attempt_at",
    ]
    list_filter = ["status", "kind"]
    inspect_view_fields = [
        "kind",
        "status",
        "recipient",
        "subject",
        "body",
        "personalisation",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "provider_id",
        "last_error",
        "created_at",
        "updated_at",
        "sent_at",
    ]

    def get_urlpatterns(self):
        retry = RetryView.as_view(index_url_name=self.get_url_name("index"))
        return [
            *super().get_urlpatterns(),
            path("retry/<int:pk>/", retry, name="retry"),
        ]


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet("outbox")
