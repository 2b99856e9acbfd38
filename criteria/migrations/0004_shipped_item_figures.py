"""Name the registry figures shown beside the shipped items (1.2 member management, 1.3 youth lists,
2.3 youth works, 3.3 Party introductions) in both shipped sets."""

from django.db import migrations

FIGURES = {
    "1.2": "members,ratings,admissions,one_plus_one",
    "1.3": "youth",
    "3.3": "party",
}


def forwards(apps, schema_editor):
    CriteriaItem = apps.get_model("criteria", "CriteriaItem")
    for code, figures in FIGURES.items():
        CriteriaItem.objects.filter(
            group__criteria_set__code__in=["3CD-2018-2022", "3CD-2023-2027"], code=code
        ).update(figures=figures)


class Migration(migrations.Migration):
    dependencies = [("criteria", "0003_item_registry_figures")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
