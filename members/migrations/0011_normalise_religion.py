"""Normalise the religions typed before they were checked: "Tin lành"/"Tin Lành" → one, "Không" → none."""

from django.db import migrations

# A pure table lookup; the migration writes what the running code would store.
from members.religion import normalised_or_kept



def normalise(apps, schema_editor):
    for model_name in ("Member", "YouthRecord"):
        model = apps.get_model("members", model_name)
        spellings = model.objects.exclude(religion="").values_list("religion", flat=True).distinct()
        for spelling in list(spellings):
            religion = normalised_or_kept(spelling)
            if religion != spelling:
                model.objects.filter(religion=spelling).update(religion=religion)


class Migration(migrations.Migration):
    dependencies = [("members", "0010_rekey_minority_letters")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
