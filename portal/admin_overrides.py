"""Two of Wagtail's admin addresses answered by the portal first (issue 23).

- `/admin/logout/`: Wagtail's view deletes the session cookie before Django's LogoutView refuses
  a GET with 405, so any site could sign staff out with a link. Only a POST signs out here; a GET
  is refused before Wagtail's view runs, and the cookie is left alone.
- `/admin/failwhale/`: Wagtail's deliberate server error, to test error reporting; with DEBUG off
  (production, the demo, the tests) it is not routed: "Page not found".
"""

from django.conf import settings
from django.urls import path
from django.views.decorators.http import require_POST
from wagtail.admin.views.account import LogoutView

from portal.errors import not_found

admin_logout = require_POST(LogoutView.as_view())


def urlpatterns() -> list:
    """Placed before Wagtail's admin URLs, which they shadow; unnamed, so the URL names (and the
    admin matrix that walks them) stay Wagtail's."""
    found = [path("admin/logout/", admin_logout)]
    if not settings.DEBUG:
        found.append(path("admin/failwhale/", not_found))
    return found
