from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal import public_lists, signals  # noqa: F401
        from portal.audit.triggers import install_sqlite_flush_hook
        from portal.wagtail_csp import install as nonce_wagtail_scripts

        install_sqlite_flush_hook()
        nonce_wagtail_scripts()
        public_lists.connect()
