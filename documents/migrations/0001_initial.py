import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from portal.moved_models import content_types_follow, state_only


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0012_authority_updated_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The model moved here from portal: its table (portal_storeddocument) and rows stay.
    operations = [
        state_only(
            migrations.CreateModel(
                name="StoredDocument",
                fields=[
                    (
                        "id",
                        models.UUIDField(
                            default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                        ),
                    ),
                    ("owner_id", models.PositiveBigIntegerField(blank=True, null=True)),
                    (
                        "kind",
                        models.CharField(
                            blank=True,
                            help_text="What the document is for, in the owner's terms.",
                            max_length=50,
                        ),
                    ),
                    ("title", models.CharField(blank=True, max_length=200)),
                    ("original_name", models.CharField(max_length=255)),
                    ("name", models.CharField(max_length=120, verbose_name="safe file name")),
                    ("content_type", models.CharField(max_length=100)),
                    ("size", models.PositiveBigIntegerField()),
                    ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                    ("storage_key", models.CharField(max_length=500, unique=True)),
                    ("created_at", models.DateTimeField(auto_now_add=True)),
                    ("has_formulas", models.BooleanField(default=False, editable=False)),
                    (
                        "authority",
                        models.ForeignKey(
                            blank=True,
                            null=True,
                            on_delete=django.db.models.deletion.PROTECT,
                            related_name="stored_documents",
                            to="portal.authority",
                        ),
                    ),
                    (
                        "owner_type",
                        models.ForeignKey(
                            blank=True,
                            null=True,
                            on_delete=django.db.models.deletion.PROTECT,
                            related_name="+",
                            to="contenttypes.contenttype",
                        ),
                    ),
                    (
                        "uploaded_by",
                        models.ForeignKey(
                            blank=True,
                            null=True,
                            on_delete=django.db.models.deletion.SET_NULL,
                            related_name="+",
                            to=settings.AUTH_USER_MODEL,
                        ),
                    ),
                ],
                options={
                    "db_table": "portal_storeddocument",
                    "ordering": ["created_at"],
                    "indexes": [
                        models.Index(fields=["owner_type", "owner_id"], name="document_owner")
                    ],
                },
            )
        ),
        content_types_follow("portal", "documents", "storeddocument"),
    ]
