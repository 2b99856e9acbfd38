from decimal import Decimal

from django.db import migrations, models


def restore_averages(apps, schema_editor):
    """Entries stored their average with one decimal (87,25 kept as 87,2 or 87,3 depending on the database); the
    round's outcome, frozen with it, holds the two-decimal figure the rules used."""
    CommendationEntry = apps.get_model("evaluations", "CommendationEntry")
    CommendationRound = apps.get_model("evaluations", "CommendationRound")
    for commendation_round in CommendationRound.objects.filter(status="finalised").only("pk", "outcome"):
        averages = {v["unit_id"]: v.get("average_total") for v in commendation_round.outcome or []}
        for entry in CommendationEntry.objects.filter(round_id=commendation_round.pk).only("pk", "unit_id"):
            average = averages.get(entry.unit_id)
            if average is not None:
                entry.average_total = Decimal(average).quantize(Decimal("0.01"))
                entry.save(update_fields=["average_total"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0005_recognition_decisions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="commendationentry",
            name="average_total",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=6, null=True, verbose_name="điểm bình quân"
            ),
        ),
        migrations.RunPython(restore_averages, migrations.RunPython.noop),
    ]
