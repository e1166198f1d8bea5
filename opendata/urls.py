"""/api/v1/ (the open data API and its documentation page) and /data/ (bulk downloads)."""

from django.urls import path, re_path

from . import views
from .api import api

urlpatterns = [
    path("api/v1/", views.api_docs, name="api-docs"),
    path("api/v1/", api.urls),
    path("data/", views.data_index, name="bulk-data"),
    re_path(
        r"^data/(?P<name>[a-z0-9-]+\.(?:csv|jsonl|json)\.gz)$",
        views.data_file,
        name="open-data-file",
    ),
]
