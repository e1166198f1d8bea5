from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "challenges"
    email_kinds = "challenges.email_kinds.KINDS"
    verbose_name = "Statutory challenges"

    def ready(self):
        from portal import navigation, public_lists, registry

        from . import (
            evidence,  # noqa: F401  (registers the document policies)
            task_list,
            workflow,  # noqa: F401  (registers the challenge machine)
        )
        from .models import Challenge
        from .search_kinds import register_kinds
        from .subscriptions import register as register_subscriptions

        navigation.register(navigation.Entry("Decisions", "decisions:list", order=20))
        navigation.register(
            navigation.Entry(
                "Case work",
                "challenges:casework",
                order=70,
                active_prefix="/casework/",
                shown=navigation.staff,
            )
        )
        register_kinds()
        register_subscriptions()
        public_lists.follow(Challenge)  # the register's options and totals
        task_list.register()
        registry.app_urls.add("challenges.urls")
        registry.app_urls.add("challenges.register_urls")
        registry.demo_seeders.add("challenges.demo.seed")
        registry.daily_jobs.add("check_deadlines")
