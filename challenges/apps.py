from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = "Statutory challenges"

    def ready(self):
        from . import evidence  # noqa: F401  (registers the document policies)
        from .search_kinds import register_kinds
        from .subscriptions import register as register_subscriptions

        register_kinds()
        register_subscriptions()
