from django.apps import AppConfig


def organisation_members(request, roles) -> bool:
    """The header's "Your offers": for members of a registered organisation only."""
    from portal import navigation, permissions

    return navigation.is_signed_in(request) and bool(permissions.organisation_ids(request.user))


class OffersConfig(AppConfig):
    name = "offers"
    email_kinds = "offers.email_kinds.KINDS"
    verbose_name = "Innovation offers"

    def ready(self):
        from portal import navigation, registry

        from . import task_list, workflow  # noqa: F401  (the machine)
        from .search_kinds import register_kinds
        from .subscriptions import register as register_subscriptions

        for entry in (
            navigation.Entry("Offers", "offers:list", order=45, active_prefix="/offers/"),
            navigation.Entry(
                "Your offers",
                "offers:mine",
                order=95,
                active_prefix="/offers/yours/",
                shown=organisation_members,
            ),
        ):
            navigation.register(entry)
        register_kinds()
        register_subscriptions()
        task_list.register()
        registry.app_urls.add("offers.urls")
        registry.demo_seeders.add("offers.demo.seed")
        registry.daily_jobs.add("offer_reminders")
