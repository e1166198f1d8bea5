"""The offers' pages: made by any registered organisation, answered by each addressee's own
people, and public (/offers/, /offers/<reference>/)."""

from django.urls import path, re_path

from offers import public_views, views

REFERENCE = r"(?P<reference>[A-Z0-9]{2,4}-IO-\d{4}-\d{4})"

app_name = "offers"
urlpatterns = [
    path("offers/new/", views.offer_new, name="new"),
    path("offers/yours/", views.my_offers, name="mine"),
    re_path(rf"^offers/yours/{REFERENCE}/$", views.my_offer, name="yours"),
    re_path(rf"^offers/yours/{REFERENCE}/withdraw/$", views.withdraw, name="withdraw"),
    path("offers/manage/", views.manage_list, name="manage-list"),
    path("offers/standards/", views.standards, name="standards"),
    re_path(rf"^offers/manage/{REFERENCE}/$", views.manage, name="manage"),
    re_path(
        rf"^offers/manage/{REFERENCE}/(?P<addressee>\d+)/(?P<step>acknowledge|assess)/$",
        views.addressee_step,
        name="step",
    ),
    re_path(
        rf"^offers/manage/{REFERENCE}/(?P<addressee>\d+)/meeting/$", views.meeting, name="meeting"
    ),
    re_path(
        rf"^offers/manage/{REFERENCE}/(?P<addressee>\d+)/answer/$", views.answer, name="answer"
    ),
    re_path(r"^offers/$", public_views.offer_list, name="list"),
    re_path(rf"^offers/{REFERENCE}/$", public_views.offer_detail, name="detail"),
]
