from django.urls import path

from . import register_views

app_name = "decisions"
urlpatterns = [
    path("decisions/", register_views.decision_list, name="list"),
    path("decisions/<str:reference>/", register_views.decision_detail, name="detail"),
]
