"""Site admins manage alerts in the Wagtail admin (the one place addresses are shown); the
dashboard shows only counts."""

from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Subscription


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
    form_fields = ["frequency"]
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
        return self.request.user.has_perm("alerts.view_subscription")


@hooks.register("register_admin_viewset")
def register_subscriptions():
    return SubscriptionViewSet()


@hooks.register("construct_homepage_summary_items")
def add_alert_counts(request, items):
    items.append(AlertCounts(request))
