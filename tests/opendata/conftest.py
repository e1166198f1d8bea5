"""The demo's data (every collection, every exercise state), built once and shared by the tests
that read it (tests/shared_data.py); each test runs inside it in its own savepoint. The bulk files
go to the S3 server (the `s3` fixture)."""

import pytest

from tests.documents.conftest import s3, s3_bucket  # noqa: F401  (fixtures)


@pytest.fixture
def demo(seeded_demo):
    return seeded_demo
