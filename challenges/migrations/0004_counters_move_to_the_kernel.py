"""The challenges' reference counters join the kernel's one counter (portal.ReferenceCounter), as
kind CH; the numbers already handed out carry on from where they were."""

from django.db import migrations


def move(apps, schema_editor):
    Old = apps.get_model("challenges", "ReferenceCounter")
    New = apps.get_model("portal", "ReferenceCounter")
    New.objects.bulk_create(
        [
            New(authority_id=c.authority_id, kind="CH", year=c.year, last=c.last)
            for c in Old.objects.all()
        ]
    )


def move_back(apps, schema_editor):
    Old = apps.get_model("challenges", "ReferenceCounter")
    New = apps.get_model("portal", "ReferenceCounter")
    rows = New.objects.filter(kind="CH")
    Old.objects.bulk_create(
        [Old(authority_id=c.authority_id, year=c.year, last=c.last) for c in rows]
    )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("challenges", "0003_wellbeing_consideration"),
        ("portal", "0015_referencecounter"),
    ]

    operations = [
        migrations.RunPython(move, move_back),
        migrations.DeleteModel(name="ReferenceCounter"),
    ]
