import pytest
from django.core.cache import caches

from tests import builders, components
from tests.shared_data import SHARED, TRANSACTIONAL, wanted

DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


@pytest.fixture(autouse=True)
def _fresh_caches(request, django_db_blocker):
    """Each test starts with empty caches. The shared cache is a table that Django's flush (after
    a transactional test) does not empty, so entries about rows that are gone would outlive them."""
    caches["default"].clear()
    uses_database = request.node.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
        request.fixturenames
    )
    if uses_database:
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            caches["shared"].clear()


@pytest.fixture
def trafford(db):
    return builders.trafford()


@pytest.fixture
def manchester(db):
    return builders.manchester()


@pytest.fixture
def world(trafford):
    """The standard world (tests/builders.py): found in the shared transaction when the test
    runs inside it, built for the test otherwise (transactional tests)."""
    keys = SHARED.holds("world")
    return builders.find_world(keys) if keys else builders.world(trafford)


@pytest.fixture
def seeded_demo(db):
    """The demo's data (`manage.py seed_demo`), shared by the tests that read it."""
    if SHARED.name != "demo":
        from io import StringIO

        from django.core.management import call_command

        call_command("seed_demo", stdout=StringIO())


# --- the shared data (tests/shared_data.py) -------------------------------------------------
@pytest.fixture(scope="session")
def _shared_data_session(django_db_setup, django_db_blocker):
    yield
    with django_db_blocker.unblock():
        SHARED.leave()  # before the test database is dropped


@pytest.fixture
def _shared_data(request, _shared_data_session, django_db_blocker):
    name = wanted(request.node)
    with django_db_blocker.unblock():
        if name:
            SHARED.enter(name)
        else:
            SHARED.leave()


@pytest.fixture
def _django_db_helper(_shared_data, _django_db_helper):
    """pytest-django's own, opened inside the shared data's transaction when the test reads it."""
    return _django_db_helper


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """`@pytest.mark.requires("elasticsearch")`: fail (make test) or skip without it. Then roll
    the shared data back before a test that does not read it sets up its fixtures (a module's own
    transaction must not nest in it)."""
    for mark in item.iter_markers("requires"):
        for name in mark.args:
            components.require(name)
    if SHARED.name and wanted(item) != SHARED.name:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            SHARED.leave()


# Tests that must not share the machine with a copy of themselves on the other xdist worker:
# each group runs on one worker, one test at a time. xdist places a group where its first test
# comes in the order (pytest-django's: database tests, then transactional ones, then those
# without a database; see pytest_configure), so a group holds only transactional tests and tests
# without a database: one that held a plain database test would run its transactional tests
# early, and their flush would empty the tables under the plain tests that follow on that worker.
XDIST_GROUPS = {
    "tests/search/test_cluster.py": "search-cluster",  # a three-node cluster of its own
}


def _module_group(item) -> str | None:
    """A module with a fixture of its own wider than a test (a seeded world, a released copy,
    started processes) runs its tests on one worker, one after another, so the fixture is set up
    once: spread over both workers, or interleaved with other modules' tests, it was set up again
    each time its tests came back together (three releases, two pairs of processes). Its plain
    database tests and its transactional ones (with those needing no database) form two groups,
    so that each stays in its place in pytest-django's order (see XDIST_GROUPS). Not the readers
    of the shared data (the security matrices, the sweep): their own fixtures are a few clients,
    and their long runs are better shared by both workers."""
    if wanted(item):
        return None  # its data is the shared demo or world, built once per worker anyway
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    wide = any(
        d.scope in ("module", "class", "package") and d.func.__module__.startswith("tests.")
        for defs in definitions.values()
        for d in defs
    )
    if not wide:
        return None
    names = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    transactional = names & TRANSACTIONAL or (marker and marker.kwargs.get("transaction"))
    plain = not transactional and (marker or names & {"db", "django_db_setup"} - {"live_server"})
    module = item.nodeid.split("::")[0]
    return f"{module}:{'database' if plain else 'transactional'}"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Readers of the same shared data side by side (whole modules, keeping module fixtures to
    one set-up); xdist groups. pytest-django's sort (transactional tests last) runs after this
    and keeps this order within its own."""
    for item in items:
        path = item.nodeid.split("::")[0]
        for prefix, group in XDIST_GROUPS.items():
            if path.startswith(prefix):
                item.add_marker(pytest.mark.xdist_group(group))
                break
        else:
            group = _module_group(item)
            if group:
                item.add_marker(pytest.mark.xdist_group(group))
    rank = {"world": 0, "demo": 1, None: 2}
    module_rank: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::")[0]
        module_rank[module] = min(module_rank.get(module, 2), rank[wanted(item)])
    order = {item.nodeid.split("::")[0]: i for i, item in reversed(list(enumerate(items)))}
    items.sort(
        key=lambda item: (
            module_rank[item.nodeid.split("::")[0]],
            order[item.nodeid.split("::")[0]],
            rank[wanted(item)],
        )
    )


class _GroupsHold:
    """On an xdist worker under --dist loadgroup, after xdist has tagged the grouped tests: a
    grouped test without its tag would run beside a copy of itself on the other worker (pytest
    9.2 with pytest-xdist 3.8 drops the tag silently, pytest-xdist#1386), so the run stops."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config, items):
        if not getattr(config.option, "loadgroup", False):
            return
        lost = [
            i.nodeid for i in items if i.get_closest_marker("xdist_group") and "@" not in i.nodeid
        ]
        if lost:
            raise pytest.UsageError(
                f"--dist loadgroup is not grouping ({len(lost)} tests, e.g. {lost[0]}): "
                "check the pytest and pytest-xdist versions (pyproject.toml)"
            )


def pytest_configure(config):
    config.pluginmanager.register(_GroupsHold(), "portal-groups-hold")
    # xdist puts the largest work units (the groups) first unless told not to: the cluster
    # group's transactional tests would then run first, and their flush would empty what the
    # migrations wrote (the working-day calendar, Wagtail's root page and collection, the
    # groups) under every plain database test after them on that worker.
    if getattr(config.option, "dist", "") == "loadgroup":
        config.option.loadscopereorder = False


@pytest.fixture(autouse=True, scope="session")
def _force_login_passes_the_second_factor():
    """Client.force_login also completes the staff second factor (tests/otp.py). Session-wide,
    so clients made in module-scoped fixtures get it too."""
    from django.test import Client

    from tests import otp

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        otp.verify_session(self, user)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "force_login", force_login)
        yield
