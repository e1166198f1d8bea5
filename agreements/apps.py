from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    email_kinds = "agreements.email_kinds.KINDS"
    verbose_name = "Transfer agreements"

    def ready(self):
        from portal import navigation, registry

        from . import attachments, task_list, workflow  # noqa: F401  (document policy, the machine)
        from .search_kinds import register_kinds
        from .subscriptions import register as register_subscriptions

        for entry in (
            navigation.Entry(
                "Agreements", "agreements:list", order=40, active_prefix="/agreements/"
            ),
            navigation.Entry(
                "Manage agreements",
                "agreements:manage-list",
                order=90,
                active_prefix="/agreements/manage/",
                shown=navigation.agreement_parties,
            ),
        ):
            navigation.register(entry)
        register_kinds()
        register_subscriptions()
        task_list.register()
        registry.app_urls.add("agreements.urls")
        registry.demo_seeders.add("agreements.demo.seed")
        registry.daily_jobs.add("agreement_reviews")
        registry.daily_jobs.add("agreement_approvals")
