"""A delete in the CMS that the database's protected foreign keys would refuse is refused first,
with a message naming what depends on the record (not a server error, issue 23).

Wagtail's before-delete hooks (snippets, pages, users) ask Django's deletion collector, which
raises ProtectedError or RestrictedError before anything is deleted; the middleware answers the
same way for any other view of the admin that meets one.
"""

from django.conf import settings
from django.contrib import messages
from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.utils.text import capfirst
from wagtail import hooks

SHOWN = 5  # the records named in the message; the rest are counted


def dependents(instances) -> list:
    """The records whose protected foreign keys stop `instances` being deleted."""
    by_model: dict[type, list] = {}
    for obj in instances:
        by_model.setdefault(type(obj), []).append(obj)
    found = []
    for model, objs in by_model.items():  # the collector takes one model at a time
        collector = Collector(using=router.db_for_write(model))
        try:
            collector.collect(objs)
        except ProtectedError as error:
            found += error.protected_objects
        except RestrictedError as error:
            found += error.restricted_objects
    return found


def describe(blocking) -> str:
    """ "2 challenges and 1 expression of interest (Riverside Youth Trust: …, …)"."""
    counts: dict[str, int] = {}
    for obj in blocking:
        meta = obj._meta
        counts[meta.verbose_name] = counts.get(meta.verbose_name, 0) + 1
    plural = {obj._meta.verbose_name: obj._meta.verbose_name_plural for obj in blocking}
    parts = [f"{n} {name if n == 1 else plural[name]}" for name, n in counts.items()]
    names = ", ".join(str(obj) for obj in blocking[:SHOWN])
    more = f" and {len(blocking) - SHOWN} more" if len(blocking) > SHOWN else ""
    return f"{' and '.join(parts)} ({names}{more})"


def refusal(request, instances, blocking, back: str, *args):
    label = ", ".join(str(obj) for obj in instances[:SHOWN])
    messages.error(
        request,
        f"{capfirst(label)} cannot be deleted: {describe(blocking)} depend on it. "
        "Delete or move those first.",
    )
    return redirect(back, *args)


def _back(request) -> str:
    referrer = request.META.get("HTTP_REFERER", "")
    path = referrer.split(request.get_host(), 1)[-1] if referrer else ""
    return path if path.startswith(settings.CSP_ADMIN_PATH) else settings.CSP_ADMIN_PATH


@hooks.register("before_delete_snippet")
def refuse_protected_snippet_delete(request, instances):
    blocking = dependents(instances)
    if blocking:
        viewset = instances[0].snippet_viewset
        return refusal(request, list(instances), blocking, viewset.get_url_name("list"))
    return None


@hooks.register("before_delete_page")
def refuse_protected_page_delete(request, page):
    blocking = dependents([page.specific, *page.get_descendants().specific()])
    if blocking:
        return refusal(request, [page], blocking, "wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_delete_user")
def refuse_protected_user_delete(request, user):
    blocking = dependents([user])
    if blocking:
        return refusal(request, [user], blocking, "wagtailusers_users:edit", user.pk)
    return None


class AdminProtectedDeleteMiddleware:
    """Any other admin view that meets a protected foreign key: the same message, back where
    the person came from."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.path_info.startswith(settings.CSP_ADMIN_PATH):
            return None
        if isinstance(exception, ProtectedError):
            blocking = list(exception.protected_objects)
        elif isinstance(exception, RestrictedError):
            blocking = list(exception.restricted_objects)
        else:
            return None
        return refusal(request, ["This record"], blocking, _back(request))
