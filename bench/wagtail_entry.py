"""The database backend's rows as Wagtail sees an indexed model, for benchmark (d) only.

A proxy: same table and rows, no migration, and (because the portal writes entries with
bulk_create, which sends no signals) Wagtail never indexes them outside the benchmark.
"""

from wagtail.search import index

from search.models import SearchEntry


class BenchEntry(index.Indexed, SearchEntry):
    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
    ]

    class Meta:
        proxy = True
        app_label = "search"


def _connect_index_entries():
    # Wagtail (django-modelsearch) adds this relation to indexed models when apps are ready;
    # this model arrives later, so add it here.
    from modelsearch.abstract_models import TextIDGenericRelation
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    TextIDGenericRelation(IndexEntry).contribute_to_class(BenchEntry, "index_entries")


_connect_index_entries()
