from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal import lockout, public_lists, session_limits, signals  # noqa: F401
        from portal.audit_triggers import install_sqlite_flush_hook
        from portal.outbox import checks  # noqa: F401

        install_sqlite_flush_hook()
        public_lists.connect()
