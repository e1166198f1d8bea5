from django.db import migrations

from portal.moved_models import state_only


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0013_delete_storeddocument"),
        ("messaging", "0001_initial"),
    ]

    # Moved to messaging (messaging/migrations/0001_initial.py); the tables stay.
    operations = [
        state_only(
            migrations.RemoveField(
                model_name="digest",
                name="user",
            ),
            migrations.RemoveField(
                model_name="eventrecord",
                name="actor",
            ),
            migrations.RemoveField(
                model_name="eventrecord",
                name="subject_type",
            ),
            migrations.RemoveField(
                model_name="notification",
                name="event",
            ),
            migrations.RemoveField(
                model_name="notification",
                name="user",
            ),
            migrations.RemoveField(
                model_name="notificationpreference",
                name="user",
            ),
            migrations.DeleteModel(
                name="OutboxMessage",
            ),
            migrations.RemoveField(
                model_name="watch",
                name="subject_type",
            ),
            migrations.RemoveField(
                model_name="watch",
                name="user",
            ),
            migrations.DeleteModel(
                name="Digest",
            ),
            migrations.DeleteModel(
                name="EventRecord",
            ),
            migrations.DeleteModel(
                name="Notification",
            ),
            migrations.DeleteModel(
                name="NotificationPreference",
            ),
            migrations.DeleteModel(
                name="Watch",
            ),
        ),
    ]
