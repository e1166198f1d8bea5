import pytest
from django.core.cache import caches

from tests import builders, components

DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def pytest_runtest_setup(item):
    """`@pytest.mark.requires("elasticsearch")`: fail (make test) or skip without it."""
    for mark in item.iter_markers("requires"):
        for name in mark.args:
            components.require(name)


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
    return builders.authority(
        "TRF",
        gss_code="E08000009",
        name="Trafford Metropolitan Borough Council",
        nice_name="Trafford",
        slug="trafford",
        authority_type="MD",
    )


@pytest.fixture
def manchester(db):
    return builders.authority(
        "MAN",
        gss_code="E08000003",
        name="Manchester City Council",
        nice_name="Manchester",
        slug="manchester",
        authority_type="MD",
    )


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
