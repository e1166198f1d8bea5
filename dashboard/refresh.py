"""The dashboard's figures, served from the shared cache and refreshed by the worker.

Every entry lives under the current *generation* (a token in the shared cache, the pattern of
portal.public_lists). `rebuild()` works out England's figures and the league table under a new
token and then switches to it, so readers never see half a refresh; each authority's page is
worked out once per generation, on its first visit.

When does a refresh happen?
- on events: a receiver (messaging.events) marks the figures stale whenever a challenge,
  procurement exercise or agreement changes state; the worker's sweep (`refresh_if_stale`, every
  minute) rebuilds them once for all the changes since the last run;
- when an authority, a window or a service page changes (signals mark them stale the same way);
- nightly: `manage.py refresh_dashboard` is one of the worker's daily jobs (windows open and
  close with the date);
- on a cold cache, the first visitor's request works them out.
"""

import uuid

from django.core.cache import caches
from django.utils import timezone
from django_tasks import task

from . import statistics

CACHE = "shared"
GENERATION_KEY = "dashboard:generation"
STALE_KEY = "dashboard:stale"
TIMEOUT = 2 * 24 * 3600  # a backstop: the nightly job replaces every entry well before
MACHINES = {"challenge", "exercise", "agreement"}


def _cache():
    return caches[CACHE]


def _key(generation: str, name: str) -> str:
    return f"dashboard:{generation}:{name}"


def _national_entry() -> dict:
    today = timezone.localdate()
    rows = statistics.league(today)
    return {
        "england": statistics.england(today),
        "league": rows,
        "medians": statistics.medians(rows),
        "computed_at": timezone.now().isoformat(),
    }


def _national_name(records: str) -> str:
    # every record (the default) keeps the name it always had
    return "national" if records == statistics.ALL else f"national:{records}"


def rebuild() -> str:
    """Work out England's figures and the league table under a new generation; switch to it.
    The figures over real records only (when synthetic ones are in the portal) are worked out
    on their first visit, like an authority's."""
    cache = _cache()
    generation = uuid.uuid4().hex[:16]
    entry = _national_entry() | {"generation": generation}
    cache.set(_key(generation, "national"), entry, TIMEOUT)
    cache.set(GENERATION_KEY, generation, None)
    return generation


def national(records: str = statistics.ALL) -> dict:
    """{"england": ..., "league": [...], "medians": {...}, "computed_at": iso}: one cache read
    for the token and one for the entry when warm. `records`: statistics.ALL or REAL."""
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    entry = cache.get(_key(generation, "national")) if generation else None
    if entry is None:
        generation = rebuild()
        entry = cache.get(_key(generation, "national"))
    if records != statistics.REAL:
        return entry
    key = _key(generation, _national_name(records))
    real = cache.get(key)
    if real is None:
        with statistics.counting(records):
            real = _national_entry() | {"generation": generation}
        cache.set(key, real, TIMEOUT)
    return real


def for_authority(authority, records: str = statistics.ALL) -> dict:
    """One authority's figures, worked out once per generation (and per choice of records)."""
    cache = _cache()
    generation = cache.get(GENERATION_KEY) or rebuild()
    suffix = "" if records != statistics.REAL else f":{records}"
    key = _key(generation, f"authority:{authority.pk}{suffix}")
    entry = cache.get(key)
    if entry is None:
        with statistics.counting(records):
            entry = statistics.authority(authority) | {"computed_at": timezone.now().isoformat()}
        cache.set(key, entry, TIMEOUT)
    return entry


def mark_stale(*args, **kwargs) -> None:
    """Ask the worker's next sweep to rebuild (a signal receiver as well)."""
    _cache().set(STALE_KEY, timezone.now().isoformat(), None)


def on_event(event) -> None:
    """messaging.events receiver: a change of state of a case the dashboard counts."""
    if event.machine in MACHINES:
        mark_stale()


def refresh_if_stale_now() -> bool:
    cache = _cache()
    if cache.get(STALE_KEY) is None:
        return False
    cache.delete(STALE_KEY)  # before the rebuild: a change during it marks it stale again
    rebuild()
    return True


@task()
def refresh_if_stale() -> bool:
    """The worker's sweep (portal.registry.worker_sweeps)."""
    return refresh_if_stale_now()


def connect() -> None:
    """Mark the figures stale when what they count changes outside the workflows."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    from portal.models import Authority, ChallengeWindow, ServiceSpecificationPage

    for model in (Authority, ChallengeWindow):
        for signal in (post_save, post_delete):
            signal.connect(mark_stale, sender=model, dispatch_uid=f"dashboard-{model.__name__}")
    for signal in (page_published, page_unpublished):
        signal.connect(mark_stale, sender=ServiceSpecificationPage, dispatch_uid="dashboard-pages")
