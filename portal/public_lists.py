"""What the public lists (the service directory, the register of decisions) work out once for every
visitor, kept in the shared cache: filter options, totals and the rendered filter selects.

Every entry is stored under the current *generation*, a token in the cache. Anything that can
change what these lists show (a challenge saved or deleted, a specification page saved,
published, unpublished or deleted, an authority or a category saved or deleted) starts a new
generation, so a visitor sees the change on the next request; TIMEOUT is only a backstop for
changes made without signals (bulk inserts, raw SQL).
"""

import uuid

from django.core.cache import caches
from django.core.paginator import Paginator
from django.db import transaction

GENERATION_KEY = "public-lists:generation"
TIMEOUT = 600  # seconds
CACHE = "shared"  # a database table every web and worker process reads (settings.CACHES)


def _cache():
    return caches[CACHE]


def generation() -> str:
    """The current generation (one cache read; a new token when there is none)."""
    cache = _cache()
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex[:16], None)
        current = cache.get(GENERATION_KEY)
    return current


def cached(name: str, compute, generation_token: str | None = None):
    """`compute()`, worked out once per generation and shared by every process."""
    key = f"public-lists:{generation_token or generation()}:{name}"
    cache = _cache()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def changed(*args, **kwargs) -> None:
    """Start a new generation now (this transaction's reads) and again once it commits (so that
    a visitor who cached the old rows while it was open does not keep them). A signal receiver."""
    cache = _cache()
    cache.delete(GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


def follow(model) -> None:
    """Start a new generation whenever a row of `model` is saved or deleted (apps call this for
    the models their public lists show, from their AppConfig.ready())."""
    from django.db.models.signals import post_delete, post_save

    for signal in (post_save, post_delete):
        signal.connect(changed, sender=model, dispatch_uid=f"public-lists-{model.__name__}")


class CountedPaginator(Paginator):
    """A Paginator that is told its count when it is already known (from the cache)."""

    def __init__(self, object_list, per_page, count: int | None = None):
        super().__init__(object_list, per_page)
        if count is not None:
            self.count = count  # in place of the cached_property: no COUNT(*) query
