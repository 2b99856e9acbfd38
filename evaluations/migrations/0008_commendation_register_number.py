from django.db import migrations, models
from django.db.models import F


def keep_printed_numbers(apps, schema_editor):
    """Certificates already printed carry their position in the round as "Số vào sổ": that number stays theirs (a
    number on paper does not change); rounds finalised from now on go on after the issuer's highest."""
    CommendationEntry = apps.get_model("evaluations", "CommendationEntry")
    CommendationEntry.objects.filter(register_number__isnull=True).update(register_number=F("position"))


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0007_commendation_signer_position"),
    ]

    operations = [
        migrations.AddField(
            model_name="commendationentry",
            name="register_number",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="số vào sổ"),
        ),
        migrations.RunPython(keep_printed_numbers, migrations.RunPython.noop),
    ]
