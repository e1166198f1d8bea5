import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from portal.moved_models import content_types_follow, state_only


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0013_delete_storeddocument"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The models moved here from portal: their tables (portal_*) and rows stay.
    operations = [
        state_only(
            migrations.CreateModel(
                name="EventRecord",
                fields=[
                    (
                        "id",
                        models.BigAutoField(
                            auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                        ),
                    ),
                    (
                        "kind",
                        models.CharField(
                            help_text="<machine>.<transition or deadline>", max_length=80
                        ),
                    ),
                    ("subject_id", models.PositiveBigIntegerField()),
                    (
                        "reference",
                        models.CharField(
                            blank=True, help_text="The case's reference", max_length=60
                        ),
                    ),
                    ("data", models.JSONField(blank=True, default=dict)),
                    (
                        "key",
                        models.CharField(
                            blank=True,
                            help_text="An idempotency key (a deadline's date): one event per kind, subject and key",
                            max_length=100,
                        ),
                    ),
                    ("created_at", models.DateTimeField(auto_now_add=True)),
                    ("delivered_at", models.DateTimeField(blank=True, null=True)),
                    ("attempts", models.PositiveSmallIntegerField(default=0)),
                    ("last_error", models.TextField(blank=True)),
                    (
                        "actor",
                        models.ForeignKey(
                            blank=True,
                            null=True,
                            on_delete=django.db.models.deletion.SET_NULL,
                            related_name="+",
                            to=settings.AUTH_USER_MODEL,
                        ),
                    ),
                    (
                        "subject_type",
                        models.ForeignKey(
                            on_delete=django.db.models.deletion.PROTECT,
                            related_name="+",
                            to="contenttypes.contenttype",
                        ),
                    ),
                ],
                options={
                    "verbose_name": "event",
                    "db_table": "portal_eventrecord",
                    "ordering": ["-created_at", "-pk"],
                },
            ),
            migrations.CreateModel(
                name="Notification",
                fields=[
                    (
                        "id",
                        models.BigAutoField(
                            auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                        ),
                    ),
                    ("role", models.CharField(help_text="Why this person was told", max_length=40)),
                    ("url", models.CharField(blank=True, max_length=300)),
                    ("created_at", models.DateTimeField(auto_now_add=True)),
                    ("read_at", models.DateTimeField(blank=True, null=True)),
                    (
                        "email",
                        models.CharField(
                            choices=[
                                ("none", "Not emailed"),
                                ("instant", "Emailed at once"),
                                ("daily", "In the daily summary"),
                            ],
                            default="none",
                            max_length=8,
                        ),
                    ),
                    ("emailed_at", models.DateTimeField(blank=True, null=True)),
                    (
                        "event",
                        models.ForeignKey(
                            on_delete=django.db.models.deletion.CASCADE,
                            related_name="notifications",
                            to="messaging.eventrecord",
                        ),
                    ),
                    (
                        "user",
                        models.ForeignKey(
                            on_delete=django.db.models.deletion.CASCADE,
                            related_name="notifications",
                            to=settings.AUTH_USER_MODEL,
                        ),
                    ),
                ],
                options={
                    "db_table": "portal_notification",
                    "ordering": ["-created_at", "-pk"],
                },
            ),
            migrations.CreateModel(
                name="NotificationPreference",
                fields=[
                    (
                        "id",
                        models.BigAutoField(
                            auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                        ),
                    ),
                    ("kind", models.CharField(max_length=80)),
                    (
                        "frequency",
                        models.CharField(
                            choices=[
                                ("instant", "Straight away"),
                                ("daily", "In a daily summary"),
                                ("off", "Do not email me"),
                            ],
                            max_length=8,
                        ),
                    ),
                    (
                        "user",
                        models.ForeignKey(
                            on_delete=django.db.models.deletion.CASCADE,
                            related_name="notification_preferences",
                            to=settings.AUTH_USER_MODEL,
                        ),
                    ),
                ],
                options={
                    "db_table": "portal_notificationpreference",
                },
            ),
            migrations.CreateModel(
                name="OutboxMessage",
                fields=[
                    (
                        "id",
                        models.BigAutoField(
                            auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                        ),
                    ),
                    (
                        "kind",
                        models.CharField(
                            help_text="A kind from messaging/email_kinds.py", max_length=40
                        ),
                    ),
                    ("recipient", models.EmailField(max_length=254)),
                    (
                        "personalisation",
                        models.JSONField(default=dict, help_text="The template's fields"),
                    ),
                    ("subject", models.CharField(max_length=300)),
                    ("body", models.TextField()),
                    (
                        "status",
                        models.CharField(
                            choices=[
                                ("queued", "Queued"),
                                ("sending", "Sending"),
                                ("sent", "Sent"),
                                ("failed", "Failed"),
                            ],
                            default="queued",
                            max_length=10,
                        ),
                    ),
                    ("attempts", models.PositiveSmallIntegerField(default=0)),
                    ("next_attempt_at", models.DateTimeField(default=django.utils.timezone.now)),
                    (
                        "claimed_at",
                        models.DateTimeField(
                            blank=True, help_text="When a worker marked it sending", null=True
                        ),
                    ),
                    (
                        "provider_id",
                        models.CharField(
                            blank=True,
                            help_text="GOV.UK Notify's notification id, or the SMTP Message-ID",
                            max_length=200,
                            verbose_name="provider's id",
                        ),
                    ),
                    ("last_error", models.TextField(blank=True)),
                    ("created_at", models.DateTimeField(auto_now_add=True)),
                    ("updated_at", models.DateTimeField(auto_now=True)),
                    ("sent_at", models.DateTimeField(blank=True, null=True)),
                ],
                options={
                    "verbose_name": "email",
                    "verbose_name_plural": "emails",
                    "db_table": "portal_outboxmessage",
                    "ordering": ["-created_at", "-pk"],
                    "indexes": [
                        models.Index(fields=["status", "next_attempt_at"], name="outbox_due")
                    ],
                },
            ),
            migrations.CreateModel(
                name="Watch",
                fields=[
                    (
                        "id",
                        models.BigAutoField(
                            auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                        ),
                    ),
                    ("subject_id", models.PositiveBigIntegerField()),
                    ("created_at", models.DateTimeField(auto_now_add=True)),
                    (
                        "subject_type",
                        models.ForeignKey(
                            on_delete=django.db.models.deletion.CASCADE,
                            related_name="+",
                            to="contenttypes.contenttype",
                        ),
                    ),
                    (
                        "user",
                        models.ForeignKey(
                            on_delete=django.db.models.deletion.CASCADE,
                            related_name="+",
                            to=settings.AUTH_USER_MODEL,
                        ),
                    ),
                ],
                options={
                    "db_table": "portal_watch",
                },
            ),
            migrations.CreateModel(
                name="Digest",
                fields=[
                    (
                        "id",
                        models.BigAutoField(
                            auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                        ),
                    ),
                    ("day", models.DateField()),
                    ("count", models.PositiveIntegerField()),
                    ("created_at", models.DateTimeField(auto_now_add=True)),
                    (
                        "user",
                        models.ForeignKey(
                            on_delete=django.db.models.deletion.CASCADE,
                            related_name="+",
                            to=settings.AUTH_USER_MODEL,
                        ),
                    ),
                ],
                options={
                    "db_table": "portal_digest",
                    "constraints": [
                        models.UniqueConstraint(fields=("user", "day"), name="one_digest_a_day")
                    ],
                },
            ),
            migrations.AddIndex(
                model_name="eventrecord",
                index=models.Index(
                    condition=models.Q(("delivered_at", None)),
                    fields=["created_at"],
                    name="event_undelivered",
                ),
            ),
            migrations.AddIndex(
                model_name="eventrecord",
                index=models.Index(fields=["subject_type", "subject_id"], name="event_subject"),
            ),
            migrations.AddConstraint(
                model_name="eventrecord",
                constraint=models.UniqueConstraint(
                    condition=models.Q(("key", ""), _negated=True),
                    fields=("kind", "subject_type", "subject_id", "key"),
                    name="one_event_per_key",
                ),
            ),
            migrations.AddIndex(
                model_name="notification",
                index=models.Index(fields=["user", "read_at"], name="notification_unread"),
            ),
            migrations.AddIndex(
                model_name="notification",
                index=models.Index(
                    condition=models.Q(("email", "daily"), ("emailed_at", None)),
                    fields=["user"],
                    name="notification_digest_due",
                ),
            ),
            migrations.AddConstraint(
                model_name="notification",
                constraint=models.UniqueConstraint(
                    fields=("user", "event"), name="one_notification_each"
                ),
            ),
            migrations.AddConstraint(
                model_name="notificationpreference",
                constraint=models.UniqueConstraint(
                    fields=("user", "kind"), name="one_preference_each"
                ),
            ),
            migrations.AddIndex(
                model_name="watch",
                index=models.Index(fields=["subject_type", "subject_id"], name="watch_subject"),
            ),
            migrations.AddConstraint(
                model_name="watch",
                constraint=models.UniqueConstraint(
                    fields=("user", "subject_type", "subject_id"), name="one_watch_each"
                ),
            ),
        ),
        content_types_follow(
            "portal",
            "messaging",
            "eventrecord",
            "notification",
            "notificationpreference",
            "digest",
            "watch",
            "outboxmessage",
        ),
    ]
