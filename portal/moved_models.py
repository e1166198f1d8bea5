"""Moving a model from one app to another without touching its table (migrations' helper).

The old app's migration deletes the model from its state only; the new app's migration creates it
in its state only (the table keeps its name through Meta.db_table) and renames the model's content
type, so its permissions and any generic relation to it follow.
"""

from django.db import migrations


def state_only(*operations):
    """The operations, applied to Django's model state but never to the database."""
    return migrations.SeparateDatabaseAndState(state_operations=list(operations))


def content_types_follow(old_app: str, new_app: str, *models: str):
    """A RunPython that relabels the moved models' content types (both ways)."""

    def relabel(source, target):
        def run(apps, schema_editor):
            content_type = apps.get_model("contenttypes", "ContentType")
            for model in models:
                if content_type.objects.filter(app_label=target, model=model).exists():
                    continue
                content_type.objects.filter(app_label=source, model=model).update(app_label=target)

        return run

    return migrations.RunPython(relabel(old_app, new_app), relabel(new_app, old_app))
