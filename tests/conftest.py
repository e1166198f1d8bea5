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
