from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = "Messaging"

    def ready(self):
        from django.conf import settings

        from portal import navigation, registry

        from . import (  # noqa: F401  (readiness registers its checks)
            admin_tasks,
            email_kinds,
            events,
            moderation,
            notifications,
            readiness,
            task_list,
        )
        from .outbox import checks  # noqa: F401

        self.register_email_kinds()
        email_kinds.check_templates(settings.NOTIFY_API_KEY, settings.NOTIFY_TEMPLATES)
        events.receiver(notifications.deliver)
        moderation.register()  # before wagtail.admin's ready(): see messaging/moderation.py
        registry.step_listeners.add(events.publish_step)
        task_list.register(admin_tasks.sections, admin_tasks.count)
        navigation.register(
            navigation.Entry(
                "Your tasks",
                "tasks",
                order=100,
                active_prefix="/tasks/",
                active_exact=True,
                shown=navigation.signed_in,
                count=task_list.header_count,
                element_id="header-tasks",
            )
        )
        navigation.register(
            navigation.Entry(
                "Notifications",
                "notifications",
                order=101,
                active_prefix="/tasks/notifications/",
                shown=navigation.signed_in,
                count=task_list.header_unread_count,
                element_id="header-notifications",
                count_words="unread",
            )
        )
        registry.app_urls.add("messaging.urls")
        # Email rows whose task was lost and retries that are due; events whose delivery task was
        # lost or whose receivers failed. Each person's digest runs after the day's reminders.
        registry.worker_sweeps.add(("messaging.outbox.delivery.deliver_due_task", 60))
        registry.worker_sweeps.add(("messaging.events.deliver_pending_task", 60))
        registry.daily_jobs.add("send_digests", last=True)

    def register_email_kinds(self):
        """Every app's kinds of email, named by its AppConfig's `email_kinds` (all apps are
        loaded before any is ready), in INSTALLED_APPS order; messaging's own in its place."""
        from django.apps import apps
        from django.utils.module_loading import import_string

        from . import email_kinds

        for config in apps.get_app_configs():
            if config is self:
                email_kinds.register(email_kinds.OWN)
            elif getattr(config, "email_kinds", None):
                email_kinds.register(import_string(config.email_kinds))
