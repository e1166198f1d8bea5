from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "Performance dashboard"

    def ready(self):
        from portal import events

        from . import refresh, sql

        sql.register_sqlite_functions()
        events.receiver(refresh.on_event)
        refresh.connect()
