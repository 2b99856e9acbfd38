from django.db import migrations, models

# How a round's decision is issued; blank: the issuer's default. The round and its history get the same fields.
FIELDS = {
    "department_code": models.CharField(
        blank=True,
        help_text="In sau số quyết định, ví dụ TCKT: 12-QĐ/TĐTN-TCKT. Để trống: TCKT với Tỉnh đoàn, không ghi với "
        "đơn vị cấp huyện.",
        max_length=20,
        verbose_name="mã ban tham mưu",
    ),
    "department_name": models.CharField(
        blank=True,
        help_text="Ban đề nghị tuyên dương (“Xét đề nghị của …”). Để trống: Ban Tổ chức – Kiểm tra với Tỉnh đoàn, "
        "Văn phòng với đơn vị cấp huyện.",
        max_length=100,
        verbose_name="ban tham mưu đề nghị",
    ),
    "guidance_basis": models.CharField(
        blank=True,
        help_text="Dòng “Căn cứ Hướng dẫn số … của Ban Thường vụ Tỉnh đoàn …” in trong quyết định.",
        max_length=500,
        verbose_name="căn cứ hướng dẫn của tỉnh",
    ),
    "rules_basis": models.CharField(
        blank=True,
        help_text="Dòng căn cứ quy định (quy chế) thi đua, khen thưởng của Đoàn in trong quyết định.",
        max_length=500,
        verbose_name="căn cứ quy định thi đua, khen thưởng",
    ),
}


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0008_commendation_register_number"),
    ]

    operations = [
        migrations.AddField(model_name=model, name=name, field=field.clone())
        for model in ("commendationround", "historicalcommendationround")
        for name, field in FIELDS.items()
    ]
