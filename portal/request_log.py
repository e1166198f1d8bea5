"""One log line per request: request id, method, path, status, duration and a hash of the user.

The request id comes from the X-Request-ID header when a proxy sent a sensible one, otherwise it
is made here; it is returned in the response's X-Request-ID and added to every log record written
while the request runs (RequestIdFilter). The user is logged as a keyed hash of their id, never
an email or a name, so lines of one person can be followed without saying who they are.
"""

import hashlib
import hmac
import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.utils.functional import empty

log = logging.getLogger("portal.requests")
request_id_var: ContextVar[str] = ContextVar("request_id", default="")
ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def user_hash(user_id) -> str:
    """A keyed hash of a user's id: stable for one SECRET_KEY, meaningless without it."""
    digest = hmac.new(settings.SECRET_KEY.encode(), str(user_id).encode(), hashlib.sha256)
    return digest.hexdigest()[:16]


def _user_id(request):
    """The signed-in user's id, if the request already looked the user up (no extra query)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


def _logged_path(request) -> str:
    """The path, with a secret in it (an email confirmation token) replaced. The query string,
    which may hold what someone searched for, is never logged."""
    match = getattr(request, "resolver_match", None)
    token = match.kwargs.get("token") if match else None
    return request.path.replace(token, "[token]") if token else request.path


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = request_id_var.get()
        return True


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get("X-Request-ID", "")
        request_id = sent if ACCEPTED_ID.match(sent) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            user_id = _user_id(request)
            path = _logged_path(request)
            log.info(
                "%s %s %s",
                request.method,
                path,
                response.status_code,
                extra={
                    "request_id": request_id,
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user": user_hash(user_id) if user_id is not None else None,
                },
            )
            return response
        finally:
            request_id_var.reset(token)
