"""Data that many tests read, built once and shared: the standard `world` (tests/builders.py) and
the seeded demo.

The data is built inside a transaction that stays open while the tests that read it run, each
inside it in a savepoint of its own (pytest-django's `db` nests its atomic block in ours), so a
test's changes are rolled back after it and the next one finds the data as built. When a test that
must not see the data comes (one that reads neither, a transactional test, or one whose module
keeps a transaction of its own), the transaction is rolled back: the database is as the
migrations left it, and nothing was committed, so a transactional test's flush loses nothing.
`pytest_collection_modifyitems` in tests/conftest.py puts the readers of each set side by side,
so each is built about once per run (once per xdist worker).
"""

from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from tests import builders

# The fixture a test asks for -> the data it reads. A test asking for both reads the demo from
# here and gets a world built for it alone (the world is small; the demo is not).
READERS = {"seeded_demo": "demo", "world": "world"}
TRANSACTIONAL = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def _world() -> dict[str, int]:
    return builders.world_keys(builders.world())


def _demo() -> None:
    call_command("seed_demo", stdout=StringIO())


BUILDERS = {"world": _world, "demo": _demo}


def wanted(item) -> str | None:
    """The shared data the test reads, or None."""
    names = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    if names & TRANSACTIONAL or (marker and marker.kwargs.get("transaction")):
        return None
    for fixture, data in READERS.items():
        if fixture in names:
            return data
    return None


class SharedData:
    def __init__(self):
        self.name = None  # which data the open transaction holds
        self.value = None
        self._atomic = None

    def holds(self, name: str):
        """The value `enter(name)` built, or None when the data is not shared now."""
        return self.value if self.name == name else None

    def enter(self, name: str) -> None:
        if self.name == name:
            return
        self.leave()
        if connection.in_atomic_block:
            return  # inside a transaction of the test's module: the test builds its own
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        try:
            self.value = BUILDERS[name]()
        except BaseException:
            self.leave()
            raise
        self.name = name

    def leave(self) -> None:
        if self._atomic is None:
            return
        atomic, self._atomic, self.name, self.value = self._atomic, None, None, None
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        from wagtail.models import Site

        Site.clear_site_root_paths_cache()


SHARED = SharedData()

# A module whose own set-up reads the demo marks its tests with this, so that they run beside the
# suite's other readers (one seeding per worker for all of them), and sets up inside shared_demo().
DEMO_READERS = pytest.mark.usefixtures("seeded_demo")


@contextmanager
def shared_demo():
    """The shared demo for a module's own set-up (the database unblocked): what the block writes
    is rolled back when it ends (a savepoint in the shared transaction)."""
    from wagtail.models import Site

    SHARED.enter("demo")
    assert SHARED.name == "demo", "the demo could not be shared (a transaction was open)"
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
            Site.clear_site_root_paths_cache()
