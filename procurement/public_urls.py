"""Public addresses: /procurement/ and /agreements/ (DESIGN.md "Public addresses")."""

from django.urls import path, re_path

from procurement import public_views
from procurement.feeds import NoticesFeed

REFERENCE = r"(?P<reference>[A-Z0-9]{2,4}-PR-\d{4}-\d{4})"

app_name = "procurement-public"
urlpatterns = [
    path("procurement/", public_views.exercise_list, name="list"),
    path("feeds/notices/", NoticesFeed(), name="feed"),
    re_path(rf"^procurement/{REFERENCE}\.json$", public_views.exercise_ocds, name="ocds"),
    re_path(rf"^procurement/{REFERENCE}/$", public_views.exercise_detail, name="exercise"),
]
