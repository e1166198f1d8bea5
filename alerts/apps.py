from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    email_kinds = "alerts.email_kinds.KINDS"
    verbose_name = "Email alerts"
    default_auto_field = "django.db.models.BigAutoField"
