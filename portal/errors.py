"""The styled error pages (DEBUG is off everywhere but a developer's own machine)."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

log = logging.getLogger(__name__)
BARE_500 = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
    "<title>Sorry, there is a problem with the service</title></head><body>"
    "<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p></body></html>"
)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Rendered without the request's context processors: the error may be the database's. If
    even that fails (no static files manifest, say), a bare page says the same."""
    try:
        return HttpResponseServerError(loader.render_to_string("500.html"))
    except Exception:
        log.exception("the 500 page could not be rendered")
        return HttpResponseServerError(BARE_500)
