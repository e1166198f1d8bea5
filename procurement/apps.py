from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = "Procurement and transfer agreements"

    def ready(self):
        from .search_kinds import register_kinds

        register_kinds()
