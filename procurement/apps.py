from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = "Procurement and transfer agreements"

    def ready(self):
        from portal import navigation

        from . import (  # noqa: F401  (register the machines)
            agreement_workflow,
            attachments,  # noqa: F401  (registers the document policies)
            exercise_workflow,
            interest_workflow,
            task_list,
        )
        from .search_kinds import register_kinds
        from .subscriptions import register as register_subscriptions

        for entry in (
            navigation.Entry(
                "Procurement", "procurement-public:list", order=30, active_prefix="/procurement/"
            ),
            navigation.Entry(
                "Agreements", "agreements:list", order=40, active_prefix="/agreements/"
            ),
            navigation.Entry(
                "Manage procurement",
                "procurement:exercises",
                order=80,
                active_prefix="/procurement/manage/",
                shown=navigation.staff,
            ),
            navigation.Entry(
                "Manage agreements",
                "procurement:agreements",
                order=90,
                active_prefix="/agreements/manage/",
                shown=navigation.agreement_parties,
            ),
        ):
            navigation.register(entry)
        register_kinds()
        task_list.register()
        register_subscriptions()
