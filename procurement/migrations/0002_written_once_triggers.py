"""Published notices (with their OCDS releases) and agreement versions are written once: the
database refuses to change them. PostgreSQL also refuses row deletes (TRUNCATE, which flush uses,
is not affected); SQLite refuses updates only, so that its flush (DELETE FROM) still works."""

from django.db import migrations

TABLES = ("procurement_notice", "procurement_agreementversion")


def create(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                """
                CREATE OR REPLACE FUNCTION procurement_refuse_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% rows are written once: % refused', TG_TABLE_NAME, TG_OP;
                END;
                $$;
                """
            )
            for table in TABLES:
                cursor.execute(
                    f"CREATE TRIGGER {table}_written_once BEFORE UPDATE OR DELETE ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION procurement_refuse_change();"
                )
        elif connection.vendor == "sqlite":
            for table in TABLES:
                cursor.execute(
                    f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} rows are written once'); END;"
                )


def drop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for table in TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_written_once ON {table};")
            elif connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update;")
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS procurement_refuse_change();")


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
