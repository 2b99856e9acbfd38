import unicodedata

from django.db import migrations, models

POSITION = models.CharField(
    choices=[("secretary", "Bí thư"), ("deputy", "Phó Bí thư")],
    default="secretary",
    max_length=20,
    verbose_name="chức vụ người ký",
)


def positions_as_choices(apps, schema_editor):
    """The position was printed text ("BÍ THƯ", the default); it becomes a choice the document prints from. Each
    distinct text is read in Python: a database's case-insensitive match of "Ó" depends on its locale."""
    for name in ("CommendationRound", "HistoricalCommendationRound"):
        model = apps.get_model("evaluations", name)
        for text in model.objects.order_by().values_list("signer_position", flat=True).distinct():
            position = (
                "deputy" if unicodedata.normalize("NFC", text or "").strip().upper().startswith("PHÓ") else "secretary"
            )
            model.objects.filter(signer_position=text).update(signer_position=position)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0006_commendation_average_two_decimals"),
    ]

    operations = [
        migrations.RunPython(positions_as_choices, migrations.RunPython.noop),
        migrations.AlterField(model_name="commendationround", name="signer_position", field=POSITION),
        migrations.AlterField(model_name="historicalcommendationround", name="signer_position", field=POSITION),
    ]
