from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Public search"

    def ready(self):
        from portal import navigation
        from search import health, kinds  # noqa: F401  (health registers its check)

        navigation.register(navigation.Entry("Search", "search:search", order=60))
        kinds.register_builtin()
