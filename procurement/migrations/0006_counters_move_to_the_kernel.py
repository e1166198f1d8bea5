"""Procurement's reference counters (PR, EI, TA) join the kernel's one counter
(portal.ReferenceCounter); the numbers already handed out carry on from where they were."""

from django.db import migrations


def move(apps, schema_editor):
    Old = apps.get_model("procurement", "ReferenceCounter")
    New = apps.get_model("portal", "ReferenceCounter")
    New.objects.bulk_create(
        [
            New(authority_id=c.authority_id, kind=c.kind, year=c.year, last=c.last)
            for c in Old.objects.all()
        ]
    )


def move_back(apps, schema_editor):
    Old = apps.get_model("procurement", "ReferenceCounter")
    New = apps.get_model("portal", "ReferenceCounter")
    rows = New.objects.filter(kind__in=["PR", "EI", "TA"])
    Old.objects.bulk_create(
        [Old(authority_id=c.authority_id, kind=c.kind, year=c.year, last=c.last) for c in rows]
    )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0005_exercise_cpv_code"),
        ("portal", "0015_referencecounter"),
    ]

    operations = [
        migrations.RunPython(move, move_back),
        migrations.DeleteModel(name="ReferenceCounter"),
    ]
