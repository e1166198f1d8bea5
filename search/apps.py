from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Public search"

    def ready(self):
        from search import health, kinds  # noqa: F401  (health registers its check)

        kinds.register_builtin()
