from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Documents"

    def ready(self):
        from django.db.models.signals import pre_delete

        from portal import registry
        from portal.models import Organisation

        from . import readiness, stored  # noqa: F401  (readiness registers the storage check)

        registry.step_scopes.add(stored.atomic)
        pre_delete.connect(stored.delete_owned, sender=Organisation, dispatch_uid="documents-org")
        registry.app_urls.add("documents.urls")
