from django.urls import path

from search import views
from search.feeds import SearchFeed

app_name = "search"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/suggest", views.suggest, name="suggest"),
    path("feeds/search/", SearchFeed(), name="feed"),
]
