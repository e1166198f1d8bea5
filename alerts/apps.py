from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    email_kinds = "alerts.email_kinds.KINDS"
    verbose_name = "Email alerts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal import registry

        registry.app_urls.add("alerts.urls")
        # Instant alerts every 5 minutes, digests once a day (`send_alerts [--daily]` by hand).
        registry.worker_sweeps.add(("alerts.tasks.send_instant_alerts", 300))
        registry.daily_jobs.add("send_daily_alerts")
