"""Site admins manage alerts in the Wagtail admin (the one place addresses are shown); the
dashboard shows only counts."""

from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.models import User

from .models import Subscription


class SiteAdminsViewAndDelete(BasePermissionPolicy):
    """Superusers may look at alerts and delete one (someone asks to be removed); nobody adds
    or edits one here: an alert starts only from its owner's form and confirmation."""

    ACTIONS = {"view", "delete"}

    def user_has_permission(self, user, action):
        return action in self.ACTIONS and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not self.ACTIONS.intersection(actions):
            return User.objects.none()
        return User.objects.filter(is_active=True, is_superuser=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


register_permission_policy(Subscription, SiteAdminsViewAndDelete(Subscription))


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    name = "alert_subscriptions"
    url_prefix = "alerts/subscription"
    icon = "mail"
    menu_label = "Email alerts"
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["email", "kind", "frequency", "confirmed_at", "created_at", "last_run_at"]
    list_filter = ["kind", "frequency"]
    form_fields = ["frequency"]  # never edited (see the policy); the viewset needs a form
    inspect_view_enabled = True
    copy_view_enabled = False


class AlertCounts(SummaryItem):
    order = 900

    def render_html(self, parent_context=None):
        active = Subscription.objects.filter(confirmed_at__isnull=False).count()
        pending = Subscription.objects.filter(confirmed_at__isnull=True).count()
        return format_html(
            '<li><svg class="icon icon-mail" aria-hidden="true"><use href="#icon-mail"></use>'
            "</svg><span>{} email alert{} ({} waiting for confirmation)</span></li>",
            active,
            "" if active == 1 else "s",
            pending,
        )

    def is_shown(self):
        return self.request.user.is_active and self.request.user.is_superuser


@hooks.register("register_admin_viewset")
def register_subscriptions():
    return SubscriptionViewSet()


@hooks.register("construct_homepage_summary_items")
def add_alert_counts(request, items):
    items.append(AlertCounts(request))
