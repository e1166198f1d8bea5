"""The pages every GOV.UK service has (cookies, privacy, accessibility, contact), the service
status page and the open data page. Their facts come from settings, so they stay true."""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import timezone

from portal import health


def _owner() -> dict:
    return {"service_owner": settings.SERVICE_OWNER, "contact_email": settings.CONTACT_EMAIL}


def _lasts(seconds: int) -> str:
    """A cookie's age in words: "14 days", "1 year"."""
    days = seconds // 86400
    if days >= 360:
        years = round(days / 365)
        return f"{years} year{'s' if years != 1 else ''}"
    if days >= 1:
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{seconds // 3600} hours"


def cookies(request):
    """Only the cookies the portal needs to work: each named as the settings name it."""
    essential = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "purpose": "Keeps you signed in as you move from page to page, and remembers the "
            "answers of a form you are part way through.",
            "expires": f"After {_lasts(settings.SESSION_COOKIE_AGE)}, or when you sign out "
            f"(staff: after {settings.STAFF_SESSION_IDLE_SECONDS // 60} minutes without "
            "activity)",
        },
        {
            "name": settings.CSRF_COOKIE_NAME,
            "purpose": "Protects the forms you send from being sent by another website "
            "pretending to be you.",
            "expires": f"After {_lasts(settings.CSRF_COOKIE_AGE)}",
        },
        {
            "name": CookieStorage.cookie_name,
            "purpose": "Shows you a message once, on the next page, after you do something "
            "(for example, that your email address is confirmed).",
            "expires": "As soon as the message is shown, or when you close your browser",
        },
    ]
    return render(request, "info/cookies.html", {"essential": essential})


def privacy(request):
    return render(
        request,
        "info/privacy.html",
        {
            **_owner(),
            "session_lasts": _lasts(settings.SESSION_COOKIE_AGE),
            "staff_idle_minutes": settings.STAFF_SESSION_IDLE_SECONDS // 60,
        },
    )


def accessibility(request):
    return render(request, "info/accessibility.html", _owner())


def contact(request):
    return render(request, "info/contact.html", _owner())


# What each readiness check means to someone using the service (never its internals).
COMPONENTS = {
    "database": "Saving and reading records",
    "storage": "Uploading and downloading documents",
    "search": "Search",
    "search_outbox": "Updating search results",
    "worker": "Background work (reminders, alerts, search updates)",
    "task_queue": "Background work queue",
    "email_outbox": "Sending emails",
    "events": "Notifications",
}


def service_status(request):
    """The checks of /readyz (portal.health), as a page: working or not, nothing more."""
    ready, report = health.run_checks()
    components = [
        {
            "name": COMPONENTS.get(name, name.replace("_", " ").capitalize()),
            "working": result["status"] == "ok",
        }
        for name, result in report.items()
    ]
    return render(
        request,
        "info/service_status.html",
        {"ready": ready, "components": components, "checked_at": timezone.now()},
    )


def _serves(path: str) -> bool:
    """Whether a view of the portal's own (not a CMS page) answers at `path`: the open data
    API and bulk downloads are linked only once they exist."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return not match.func.__module__.startswith("wagtail.")


def open_data(request):
    return render(
        request,
        "info/open_data.html",
        {"api": _serves("/api/v1/"), "bulk": _serves("/data/")},
    )
