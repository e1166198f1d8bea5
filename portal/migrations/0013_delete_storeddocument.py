from django.db import migrations

from portal.moved_models import state_only


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0012_authority_updated_at"),
        ("documents", "0001_initial"),
    ]

    operations = [
        # Moved to documents (documents/migrations/0001_initial.py); the table stays.
        state_only(migrations.DeleteModel(name="StoredDocument")),
    ]
