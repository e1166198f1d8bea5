"""The person whose request is running, for audit events written from model signals
(portal.audit.privileges), which are not handed the request.

Wagtail's admin names its user in its log context; the portal's own views do not, so this
middleware keeps the request's user in a context variable for the length of the request.
"""

import contextvars
from contextlib import contextmanager

from wagtail.log_actions import get_active_log_context

_request_user = contextvars.ContextVar("portal_audit_request_user", default=None)


def current_actor() -> tuple:
    """(user, in Wagtail's admin): Wagtail's acting user, else the signed-in person of the
    current request, else None."""
    admin_user = get_active_log_context().user
    if admin_user is not None:
        return admin_user, True
    return _request_user.get(), False


@contextmanager
def acting(user):
    """Outside a request (a management command), name `user` as the person behind the records
    the block creates or changes."""
    token = _request_user.set(user)
    try:
        yield
    finally:
        _request_user.reset(token)


class AuditActorMiddleware:
    """After AuthenticationMiddleware: the request's user (read lazily, when an event needs it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _request_user.reset(token)
