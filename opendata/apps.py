from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = "Open data"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal import registry

        registry.app_urls.add("opendata.urls")
        registry.daily_jobs.add("build_open_data")
