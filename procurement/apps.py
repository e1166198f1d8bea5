from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = "Procurement and transfer agreements"

    def ready(self):
        from . import attachments  # noqa: F401  (registers the document policies)
        from .search_kinds import register_kinds
        from .subscriptions import register as register_subscriptions

        register_kinds()
        register_subscriptions()
