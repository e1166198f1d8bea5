from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "procurement"
    email_kinds = "procurement.email_kinds.KINDS"
    verbose_name = "Procurement"

    def ready(self):
        from portal import navigation, registry
        from procurement import (  # noqa: F401  (register the machines, the document policies)
            attachments,
            exercise_workflow,
            interest_workflow,
            task_list,
        )
        from procurement.search_kinds import register_kinds
        from procurement.subscriptions import register as register_subscriptions

        for entry in (
            navigation.Entry(
                "Procurement", "procurement-public:list", order=30, active_prefix="/procurement/"
            ),
            navigation.Entry(
                "Manage procurement",
                "procurement:exercises",
                order=80,
                active_prefix="/procurement/manage/",
                shown=navigation.staff,
            ),
        ):
            navigation.register(entry)
        register_kinds()
        task_list.register()
        register_subscriptions()
        registry.app_urls.add("procurement.urls")
        registry.app_urls.add("procurement.public_urls")
        registry.demo_seeders.add("procurement.demo.seed")
