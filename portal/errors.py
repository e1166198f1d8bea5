"""The styled error pages (DEBUG is off everywhere but a developer's own machine)."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Rendered without the request's context processors: the error may be the database's."""
    return HttpResponseServerError(loader.render_to_string("500.html"))
