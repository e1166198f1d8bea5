from django.apps import AppConfig

DEMO_IMPORTER = "admin.trafford@demo.invalid"


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
        # Trafford's own past register, imported as an authority admin would (real history, not
        # synthetic: the sample file's provenance is "imported"); again on each run, unchanged.
        registry.demo_commands.add(
            ("import_register", {"sample": True, "authority": "TRF", "by": DEMO_IMPORTER})
        )
