"""The agreements' pages: managed by their parties' staff (signed in), and published."""

from django.urls import path, re_path

from agreements import public_views, views

REFERENCE = r"(?P<reference>[A-Z0-9]{2,4}-TA-\d{4}-\d{4})"

app_name = "agreements"
urlpatterns = [
    path("agreements/manage/", views.agreement_list, name="manage-list"),
    path("agreements/manage/new/", views.agreement_new, name="manage-new"),
    path("agreements/manage/<str:reference>/", views.agreement_detail, name="manage"),
    path("agreements/manage/<str:reference>/terms/", views.edit_terms, name="manage-terms"),
    path("agreements/manage/<str:reference>/parties/", views.add_party, name="manage-party"),
    path(
        "agreements/manage/<str:reference>/contributions/",
        views.add_contribution,
        name="manage-contribution",
    ),
    path("agreements/manage/<str:reference>/staff/", views.add_staff, name="manage-staff"),
    path("agreements/manage/<str:reference>/approve/", views.approve, name="manage-approve"),
    path(
        "agreements/manage/<str:reference>/signed-copy/",
        views.signed_copy,
        name="manage-signed-copy",
    ),
    path(
        "agreements/manage/<str:reference>/do/<slug:name>/",
        views.agreement_action,
        name="manage-action",
    ),
    re_path(r"^agreements/$", public_views.agreement_list, name="list"),
    re_path(rf"^agreements/{REFERENCE}/$", public_views.agreement_detail, name="detail"),
]
