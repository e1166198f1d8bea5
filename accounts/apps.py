from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    email_kinds = "accounts.email_kinds.KINDS"
    verbose_name = "Accounts and sign-in"

    def ready(self):
        from portal import registry

        from . import demo, lockout, password_change, session_limits  # noqa: F401  (receivers)

        registry.demo_finishers.add(demo.finish)
        registry.app_urls.add("accounts.urls")
