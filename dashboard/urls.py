from django.urls import path

from . import import_views, views

app_name = "dashboard"
urlpatterns = [
    path("dashboard/", views.england, name="england"),
    path("dashboard/how-we-count/", views.how_we_count, name="how-we-count"),
    path("dashboard/who-engages/", views.engagement, name="engagement"),
    path("dashboard/import/", import_views.upload, name="import"),
    path("dashboard/league-table.csv", views.league_csv, name="league-csv"),
    path("dashboard/csv/<slug:chart>.csv", views.england_csv, name="england-csv"),
    path("dashboard/<slug:slug>/", views.authority, name="authority"),
    path("dashboard/<slug:slug>/csv/<slug:chart>.csv", views.authority_csv, name="authority-csv"),
]
