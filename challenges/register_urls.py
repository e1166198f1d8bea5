from django.urls import path

from . import register_views
from .feeds import DecisionsFeed

app_name = "decisions"
urlpatterns = [
    path("decisions/", register_views.decision_list, name="list"),
    path("feeds/decisions/", DecisionsFeed(), name="feed"),
    path("decisions/<str:reference>/", register_views.decision_detail, name="detail"),
]
