from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal import public_lists, signals  # noqa: F401
        from portal.audit import privileges
        from portal.audit.triggers import install_sqlite_flush_hook
        from portal.wagtail_csp import install as nonce_wagtail_scripts

        install_sqlite_flush_hook()
        privileges.connect()
        nonce_wagtail_scripts()
        self.follow_public_lists()

    @staticmethod
    def follow_public_lists():
        """Start a new generation of the public lists on every change of the portal's own rows
        that a list shows (portal.public_lists)."""
        from wagtail.signals import page_published, page_unpublished

        from portal import public_lists
        from portal.models import Authority, ServiceCategory, ServiceSpecificationPage

        for model in (Authority, ServiceCategory, ServiceSpecificationPage):
            public_lists.follow(model)
        for signal in (page_published, page_unpublished):
            signal.connect(
                public_lists.changed,
                sender=ServiceSpecificationPage,
                dispatch_uid="public-lists-pages",
            )
