from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal import (
            events,
            notifications,
            public_lists,  # noqa: F401
            signals,  # noqa: F401
        )
        from portal.audit_triggers import install_sqlite_flush_hook
        from portal.outbox import checks  # noqa: F401

        events.receiver(notifications.deliver)

        install_sqlite_flush_hook()
        public_lists.connect()
