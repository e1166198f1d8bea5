from django.urls import include, path, re_path
from wagtail.documents import urls as wagtaildocs_urls

from . import views

urlpatterns = [
    path(
        "account/organisations/<slug:slug>/documents/",
        views.organisation_documents,
        name="organisation-documents",
    ),
    path(
        "account/organisations/<slug:slug>/documents/<uuid:pk>/remove/",
        views.organisation_document_delete,
        name="organisation-document-delete",
    ),
    # Wagtail's document link, its id checked first (the same pattern and name as Wagtail's)
    re_path(r"^documents/(\d+)/(.*)$", views.wagtail_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("files/<uuid:pk>/", views.download, name="document-download"),
]
