import pytest

from tests import builders


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
