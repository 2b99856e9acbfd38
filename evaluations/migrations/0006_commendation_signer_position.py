from django.db import migrations, models

POSITION = models.CharField(
    choices=[("secretary", "Bí thư"), ("deputy", "Phó Bí thư")],
    default="secretary",
    max_length=20,
    verbose_name="chức vụ người ký",
)


def positions_as_choices(apps, schema_editor):
    """The position was printed text ("BÍ THƯ", the default); it becomes a choice the document prints from."""
    for name in ("CommendationRound", "HistoricalCommendationRound"):
        model = apps.get_model("evaluations", name)
        model.objects.filter(signer_position__iregex=r"^\s*phó").update(signer_position="deputy")
        model.objects.exclude(signer_position="deputy").update(signer_position="secretary")


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0005_commendation_average_two_decimals"),
    ]

    operations = [
        migrations.RunPython(positions_as_choices, migrations.RunPython.noop),
        migrations.AlterField(model_name="commendationround", name="signer_position", field=POSITION),
        migrations.AlterField(model_name="historicalcommendationround", name="signer_position", field=POSITION),
    ]
