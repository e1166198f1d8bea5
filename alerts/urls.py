from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("alerts/search/", views.search_alert, name="search"),
    path("alerts/service/<int:page_id>/", views.window_alert, name="window"),
    path("alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
