"""The database triggers that keep the audit table append-only, per database vendor.

Migration 0003 creates them (with its own frozen copy of this SQL). This module serves the code
that must step around them on purpose: tests that tamper with the chain, and SQLite's flush.

Both vendors refuse every row-level UPDATE and DELETE. Emptying the whole database is a different,
administrative act: on PostgreSQL Django's flush (and so TransactionTestCase) uses TRUNCATE,
which row triggers do not see; on SQLite flush issues `DELETE FROM` each table, so
`install_sqlite_flush_hook` has flush drop the DELETE trigger and recreate it in the same
transaction. Other deletes, by the ORM or by hand, are still refused.
"""

from contextlib import contextmanager

TABLE = "portal_auditevent"

POSTGRESQL_CREATE = f"""
CREATE OR REPLACE FUNCTION portal_auditevent_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused on %', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER portal_auditevent_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION portal_auditevent_refuse_change();
"""
POSTGRESQL_DROP = f"""
DROP TRIGGER IF EXISTS portal_auditevent_append_only ON {TABLE};
DROP FUNCTION IF EXISTS portal_auditevent_refuse_change();
"""

SQLITE_NO_UPDATE = f"""
CREATE TRIGGER portal_auditevent_no_update BEFORE UPDATE ON {TABLE}
BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END;
"""
SQLITE_NO_DELETE = f"""
CREATE TRIGGER portal_auditevent_no_delete BEFORE DELETE ON {TABLE}
BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END;
"""
SQLITE_TRIGGERS = ("portal_auditevent_no_update", "portal_auditevent_no_delete")


@contextmanager
def triggers_disabled(connection):
    """Lift the append-only triggers inside the current transaction (tests that tamper).

    PostgreSQL will not ALTER a table with deferred foreign-key checks still pending in the
    transaction, so they are run first and deferred again afterwards (Django's default).
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER portal_auditevent_append_only")
        else:
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER portal_auditevent_append_only")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            else:
                cursor.execute(SQLITE_NO_UPDATE)
                cursor.execute(SQLITE_NO_DELETE)


def install_sqlite_flush_hook() -> None:
    """Let SQLite's flush (tests, `manage.py flush`) empty the audit table, as TRUNCATE does."""
    from django.db.backends.sqlite3.base import DatabaseOperations

    if getattr(DatabaseOperations.sql_flush, "keeps_audit_trigger", False):
        return
    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *args, **kwargs):
        sql = original(self, style, tables, *args, **kwargs)
        if any(TABLE in statement for statement in sql):
            sql = (
                ["DROP TRIGGER IF EXISTS portal_auditevent_no_delete;"]
                + sql
                + [SQLITE_NO_DELETE.strip()]
            )
        return sql

    sql_flush.keeps_audit_trigger = True
    DatabaseOperations.sql_flush = sql_flush
