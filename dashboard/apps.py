from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "Performance dashboard"

    def ready(self):
        from messaging import events
        from portal import navigation, registry

        from . import refresh, sql

        navigation.register(
            navigation.Entry(
                "Dashboard", "dashboard:england", order=50, active_prefix="/dashboard/"
            )
        )
        sql.register_sqlite_functions()
        events.receiver(refresh.on_event)
        refresh.connect()
        registry.app_urls.add("dashboard.urls")
        # Figures refreshed a minute after the events that change them, and nightly (windows
        # open and close with the date); make demo adds a modest synthetic history to show.
        registry.worker_sweeps.add(("dashboard.refresh.refresh_if_stale", 60))
        registry.daily_jobs.add("refresh_dashboard")
        registry.demo_commands.add(("seed_history", {"if_absent": True, "years": 5, "scale": 0.1}))
