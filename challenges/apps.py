from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = "Statutory challenges"

    def ready(self):
        from portal import public_lists

        from . import (
            evidence,  # noqa: F401  (registers the document policies)
            task_list,
            workflow,  # noqa: F401  (registers the challenge machine)
        )
        from .models import Challenge
        from .search_kinds import register_kinds

        register_kinds()
        public_lists.follow(Challenge)  # the register's options and totals
        task_list.register()
