"""Sign-in security in the CMS menu, for site admins."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem

from portal import permissions


class SiteAdminMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return permissions.is_site_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_sign_in_security_menu_item():
    """Site admins lift lockouts and reset lost authenticator apps (portal views, audited)."""
    return SiteAdminMenuItem(
        "Sign-in security", reverse("account-security"), icon_name="lock", order=10000
    )
