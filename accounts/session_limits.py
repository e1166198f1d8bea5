"""Staff sessions end after STAFF_SESSION_IDLE_SECONDS without a request and
STAFF_SESSION_MAX_SECONDS in all; providers keep SESSION_COOKIE_AGE (two weeks).

The session holds when it signed in and when it was last seen; an expired staff session is
flushed on the server (not just forgotten by the browser) and the person is sent to sign in.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.second_factor import requires_second_factor

STARTED = "portal_signed_in_at"
SEEN = "portal_seen_at"
# When a staff member was last seen is recorded at most once a minute, so that every request does
# not write the session: idleness is counted from that record (the session then ends between
# STAFF_SESSION_IDLE_SECONDS and a minute more after the last request, never before), and the
# stored session outlives it by the same minute.
SEEN_PRECISION = 60


def idle_expiry() -> int:
    return settings.STAFF_SESSION_IDLE_SECONDS + SEEN_PRECISION


@receiver(user_logged_in)
def start_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = request.session[SEEN] = now


def expiry_reason(session, now: int) -> str:
    """Why the staff session has ended, or "" while it is alive."""
    started, seen = session.get(STARTED), session.get(SEEN)
    if started is not None and now - started > settings.STAFF_SESSION_MAX_SECONDS:
        hours = settings.STAFF_SESSION_MAX_SECONDS // 3600
        return f"You have been signed out because staff sessions last at most {hours} hours"
    if seen is not None and now - seen > settings.STAFF_SESSION_IDLE_SECONDS:
        minutes = settings.STAFF_SESSION_IDLE_SECONDS // 60
        return f"You have been signed out after {minutes} minutes without activity"
    return ""


class StaffSessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if requires_second_factor(user):
            now = int(time.time())
            reason = expiry_reason(request.session, now)
            if reason:
                logout(request)  # flushes the session on the server
                messages.info(request, reason)
                target = request.get_full_path() if request.method == "GET" else ""
                query = f"?{urlencode({'next': target})}" if target else ""
                return redirect(reverse("sign-in") + query)
            session = request.session
            if STARTED not in session:
                session[STARTED] = now
            if now - session.get(SEEN, 0) >= SEEN_PRECISION:
                session[SEEN] = now
            if session.get("_session_expiry") != idle_expiry():
                session.set_expiry(idle_expiry())
        return self.get_response(request)
