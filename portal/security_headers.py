"""Headers that keep pages safe: the Content Security Policy (django-csp) with a relaxed policy
for Wagtail's admin only, and no caching of anything shown to a signed-in person.

Wagtail 8's admin still writes inline scripts (panels, date pickers) and inline styles, so under
/admin/ scripts and styles may be inline; every other page allows scripts only from the portal
itself or carrying the request's nonce (templates: `nonce="{{ request.csp_nonce }}"`).
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.cache import patch_cache_control


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.CSP_ADMIN_PATH)
        ):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


class NoStoreWhenSignedInMiddleware:
    """`Cache-Control: private, no-store` on every response to a signed-in person, and on any
    response that sets the session cookie (signing in or out), so no shared cache or browser
    history keeps a copy of a page meant for one person."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Without a session cookie nobody is signed in: public pages stay cacheable, and the
        # session is not read (which would add "Vary: Cookie"). A session changed by this request
        # (signing in or out) is about to be (re)sent, so that response is private too.
        signed_in = (
            settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated
        )
        if signed_in or (session is not None and session.modified):
            patch_cache_control(response, private=True, no_store=True)
        return response
