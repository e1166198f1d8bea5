"""Headers that keep pages safe: the Content Security Policy (django-csp), and no caching of
anything shown to a signed-in person.

Every page allows scripts only from the portal itself or carrying the request's nonce (templates:
`nonce="{{ request.csp_nonce }}"`). Wagtail 8's admin still writes a few inline scripts (date
pickers, inline panels, choosers) where no request is in the template context, so the nonce is
also kept for the request being answered (`current_nonce`); portal/wagtail_csp.py gives it to
those scripts. The admin's policy differs only in allowing inline styles, frames and blobs.
"""

from contextvars import ContextVar

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.cache import patch_cache_control

_answering = ContextVar("csp_request", default=None)


def current_nonce() -> str:
    """The nonce of the request this thread is answering ("" outside a request)."""
    request = _answering.get()
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


class PortalCSPMiddleware(CSPMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request._csp_context = _answering.set(request)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        token = getattr(request, "_csp_context", None)
        if token is not None:
            _answering.reset(token)
        return response

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
