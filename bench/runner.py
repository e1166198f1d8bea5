"""What the benchmarks share: their sizes from the environment, and a scratch test database
made before a measurement and dropped after it (bench/__main__.py runs each module's main())."""

import os
from contextlib import contextmanager


def env_int(name: str, default: int) -> int:
    """A size from the environment (BENCH_RECORDS=10000), or the default when unset or empty."""
    return int(os.environ.get(name) or default)


@contextmanager
def scratch_database(**settings):
    """A fresh test database (and Django's test environment, with `settings` overridden) for
    the block, dropped afterwards even when the measurement fails."""
    from django.db import connection
    from django.test.utils import (
        override_settings,
        setup_test_environment,
        teardown_test_environment,
    )

    with override_settings(**settings):
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            yield
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()


def in_scratch_database(measure, **settings) -> None:
    """Run `measure()` in a scratch database: the main() of most benchmarks."""
    with scratch_database(**settings):
        measure()
