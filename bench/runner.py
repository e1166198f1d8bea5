"""What the benchmarks share: their sizes from the environment (tiny ones in the smoke run that
`make test` makes of every benchmark), and a scratch database made before a measurement and
dropped after it (bench/__main__.py runs each module's main()).

A scratch database is a copy of BENCH_TEMPLATE_DB when scripts/test.sh has migrated one (a few
seconds), and migrated from nothing otherwise (about half a minute of Django's migration states).
"""

import os
from contextlib import contextmanager

from django.conf import settings
from django.db import connections


def smoke() -> bool:
    """BENCH_SMOKE=1: every size at its smoke value, so that the run proves only that each
    benchmark still runs to its report (tests/operations/test_bench_smoke.py)."""
    return os.environ.get("BENCH_SMOKE") == "1"


def env_int(name: str, default: int, smoke_size: int | None = None) -> int:
    """A size from the environment (BENCH_RECORDS=10000); else the smoke size in a smoke run;
    else the default."""
    if os.environ.get(name):
        return int(os.environ[name])
    if smoke_size is not None and smoke():
        return smoke_size
    return default


def template() -> str:
    """The migrated template database to copy (scripts/test.sh), or ""."""
    return os.environ.get("BENCH_TEMPLATE_DB", "")


def _drop(conn, name: str) -> None:
    from psycopg import sql

    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _server(dbname: str):
    """An autocommit connection to the PostgreSQL server, through the database `dbname`."""
    from psycopg import connect

    db = settings.DATABASES["default"]
    params = {"host": db.get("HOST"), "port": db.get("PORT"), "user": db.get("USER")}
    params.update(password=db.get("PASSWORD"), dbname=dbname)
    return connect(**{k: v for k, v in params.items() if v}, autocommit=True)


def _point_at(name: str) -> None:
    """As Django's test runner does when it makes a test database: the same connection, renamed."""
    connections["default"].close()
    connections["default"].settings_dict["NAME"] = name
    settings.DATABASES["default"]["NAME"] = name


def create_database(name: str) -> bool:
    """(Re)create the PostgreSQL database `name` beside the configured one and point this
    process's connection at it; True when it is a copy of the migrated template (no migration
    needed)."""
    from psycopg import sql

    copied = template()
    with _server(settings.DATABASES["default"]["NAME"]) as conn:
        _drop(conn, name)
        create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if copied:
            create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(copied))
        conn.execute(create)
    _point_at(name)
    return bool(copied)


def drop_database(name: str, original: str) -> None:
    _point_at(original)
    with _server(original) as conn:
        _drop(conn, name)


def ready_database(label: str) -> None:
    """Point this process at a migrated database for the benchmark `label`: a copy of the
    template (`<name>_<label>`) when there is one, else the configured database, migrated."""
    from django.core.management import call_command
    from django.db import connection

    if template() and connection.vendor == "postgresql":
        create_database(f"{settings.DATABASES['default']['NAME']}_{label}")
        return
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)


@contextmanager
def scratch_database(**overrides):
    """A fresh test database (and Django's test environment, with `overrides`) for the block,
    dropped afterwards even when the measurement fails."""
    from django.db import connection
    from django.test.utils import (
        override_settings,
        setup_test_environment,
        teardown_test_environment,
    )

    with override_settings(**overrides):
        setup_test_environment()
        try:
            if template() and connection.vendor == "postgresql":
                original = connection.settings_dict["NAME"]
                name = f"bench_{os.getpid()}"
                create_database(name)
                try:
                    yield
                finally:
                    drop_database(name, original)
            else:
                # A name of its own: two benchmarks may run at once (the smoke run's workers).
                connection.settings_dict["TEST"]["NAME"] = f"test_bench_{os.getpid()}"
                old_name = connection.creation.create_test_db(
                    verbosity=0, autoclobber=True, keepdb=False
                )
                try:
                    yield
                finally:
                    connection.creation.destroy_test_db(old_name, verbosity=0)
        finally:
            teardown_test_environment()


def in_scratch_database(measure, **overrides) -> None:
    """Run `measure()` in a scratch database: the main() of most benchmarks."""
    with scratch_database(**overrides):
        measure()
