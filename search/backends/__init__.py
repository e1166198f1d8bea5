"""The search backend in use: Elasticsearch when ELASTICSEARCH_URL is set, else the database."""

from django.conf import settings

from .base import Hit, SearchBackend, SearchQuery, SearchResults

__all__ = ["Hit", "SearchBackend", "SearchQuery", "SearchResults", "get_backend", "backend_named"]

_cache: dict[str, SearchBackend] = {}


def backend_named(name: str) -> SearchBackend:
    key = "|".join(
        [
            name,
            settings.ELASTICSEARCH_URL,
            settings.SEARCH_INDEX_PREFIX,
            settings.SEARCH_INDEX_REPLICAS,
        ]
    )
    if key not in _cache:
        if name == "elasticsearch":
            from .elastic import ElasticsearchBackend

            _cache[key] = ElasticsearchBackend(
                settings.ELASTICSEARCH_URL,
                settings.SEARCH_INDEX_PREFIX,
                replicas=settings.SEARCH_INDEX_REPLICAS,
            )
        elif name == "database":
            from .database import DatabaseBackend

            _cache[key] = DatabaseBackend()
        else:
            raise ValueError(f"Unknown search backend {name!r}")
    return _cache[key]


def get_backend() -> SearchBackend:
    return backend_named("elasticsearch" if settings.ELASTICSEARCH_URL else "database")
