"""pg_trgm (PostgreSQL only), the vocabulary of indexed words, and trigram indexes: on the
vocabulary (spelling suggestions) and on titles (suggestions that match words inside titles)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

INDEXES = [
    ("search_word_trgm", "search_searchword", "word"),
    ("search_entry_title_trgm", "search_searchentry", "title"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, table, column in INDEXES:
            schema_editor.execute(
                f"CREATE INDEX {name} ON {table} USING gin ({column} gin_trgm_ops)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _table, _column in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_vector_gin_index")]
    operations = [
        TrigramExtension(),  # CREATE EXTENSION pg_trgm; nothing on other databases
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=40, unique=True)),
                ("documents", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(create, drop),
    ]
