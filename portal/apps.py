from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal import (  # noqa: F401  (receivers)
            admin_tasks,
            events,
            lockout,
            notifications,
            public_lists,
            registry,
            session_limits,
            signals,
            task_list,
        )
        from portal.audit.triggers import install_sqlite_flush_hook
        from portal.outbox import checks  # noqa: F401
        from portal.wagtail_csp import install as nonce_wagtail_scripts

        events.receiver(notifications.deliver)
        registry.step_listeners.add(events.publish_step)

        install_sqlite_flush_hook()
        nonce_wagtail_scripts()
        public_lists.connect()
        task_list.register(admin_tasks.sections, admin_tasks.count)
