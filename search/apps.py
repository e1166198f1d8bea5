from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Public search"

    def ready(self):
        from portal import navigation, registry
        from search import health, kinds  # noqa: F401  (health registers its check)

        navigation.register(navigation.Entry("Search", "search:search", order=60))
        kinds.register_builtin()
        registry.app_urls.add("search.urls")
        # Its demo step rebuilds the index, so it runs after every other seeder; the indexer is
        # queued every minute, so an update whose task was lost is applied.
        registry.demo_seeders.add("search.demo.seed", last=True)
        registry.worker_sweeps.add(("search.indexing.apply_pending_updates", 60))
