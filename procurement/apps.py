from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = "Procurement and transfer agreements"

    def ready(self):
        from . import (  # noqa: F401  (register the machines)
            agreement_workflow,
            attachments,  # noqa: F401  (registers the document policies)
            exercise_workflow,
            interest_workflow,
            task_list,
        )
        from .search_kinds import register_kinds

        register_kinds()
        task_list.register()
