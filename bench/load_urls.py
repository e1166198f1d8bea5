"""The portal's addresses plus /bench/floor: the smallest view the same server can answer (a fixed
JSON body through the same middleware), the baseline the load benchmark divides by."""

from django.http import JsonResponse
from django.urls import include, path

FLOOR_BODY = {"service": "challenge-portal", "floor": True}


def floor(request):
    return JsonResponse(FLOOR_BODY)


urlpatterns = [
    path("bench/floor", floor, name="bench-floor"),
    path("", include("portal.urls")),
]

handler404 = "portal.errors.not_found"
handler500 = "portal.errors.server_error"
