"""A Trafford service open for challenge with its staff, two providers, and Manchester beside it
(tests/procurement's world); every test here runs with DEBUG off, as production does."""

import pytest

from tests import builders
from tests.documents.conftest import s3_bucket  # noqa: F401  (fixture)


@pytest.fixture
def manchester_admin(manchester):
    return builders.staff("authority_admin", manchester)
