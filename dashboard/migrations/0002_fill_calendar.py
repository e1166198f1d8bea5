from django.db import migrations


def fill(apps, schema_editor):
    from dashboard.calendar import fill as fill_calendar

    fill_calendar(apps.get_model("dashboard", "WorkingDay"))


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0001_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
