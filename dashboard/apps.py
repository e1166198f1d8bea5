from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "Performance dashboard"

    def ready(self):
        from messaging import events
        from portal import navigation

        from . import refresh, sql

        navigation.register(
            navigation.Entry(
                "Dashboard", "dashboard:england", order=50, active_prefix="/dashboard/"
            )
        )
        sql.register_sqlite_functions()
        events.receiver(refresh.on_event)
        refresh.connect()
