"""The register import (dashboard.import_views) in the CMS menu, for authority and site admins."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem

from .import_views import importable


class ImportMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return importable(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Import a register", reverse("dashboard:import"), icon_name="upload", order=9000
    )
