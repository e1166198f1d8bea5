"""PostgreSQL only: every facet value of an entry in one array column ("kind=service",
"authority=trafford", ...) with a GIN index, so that one scan of the matching entries gives the
page and every facet count (no join with the facet values table). SQLite uses that table."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchentry ADD COLUMN facets text[]")
        schema_editor.execute(
            "UPDATE search_searchentry e SET facets = ARRAY(SELECT f.facet || '=' || f.value "
            "FROM search_searchfacetvalue f WHERE f.entry_id = e.id ORDER BY f.id)"
        )
        schema_editor.execute(
            "CREATE INDEX search_entry_facets_gin ON search_searchentry USING gin (facets)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS facets")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_trigrams_and_vocabulary")]
    operations = [migrations.RunPython(create, drop)]
