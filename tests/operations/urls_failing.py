"""The portal's URLs plus one view that fails, to see the 500 page."""

from django.urls import path

from portal.urls import handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns


def fails(request):
    raise RuntimeError("a bug")


urlpatterns = [path("fails/", fails), *portal_urlpatterns]
