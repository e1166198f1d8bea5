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
            notifications,
            readiness,
            task_list,
        )
        from .outbox import checks  # noqa: F401

        email_kinds.check_templates(settings.NOTIFY_API_KEY, settings.NOTIFY_TEMPLATES)
        events.receiver(notifications.deliver)
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
