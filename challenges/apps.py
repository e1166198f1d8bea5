from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = "Statutory challenges"

    def ready(self):
        from . import (
            evidence,  # noqa: F401  (registers the document policies)
            workflow,  # noqa: F401  (registers the challenge machine)
        )
        from .search_kinds import register_kinds

        register_kinds()
