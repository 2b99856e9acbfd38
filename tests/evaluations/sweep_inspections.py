"""URLs of inspection records that a sibling-district officer (world.outsider) must get 404 on: the plan of
Krông Pắc, recording for Đoàn xã Ea Phê, and a record of Ea Phê with its file."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluations import services_inspections as services

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def sweep_urls(world) -> list[tuple[str, str]]:
    inspection = services.record_inspection(
        inspected_unit=world.units.eaphe,
        inspecting_unit=world.units.kp,
        by=world.kp_officer,
        findings={(1, "1.1"): ("chua_dat", "Chưa cập nhật sổ")},
        today=datetime.date(2026, 12, 2),
        kind="six_month",
        year=2026,
        half=1,
        inspection_date=datetime.date(2026, 6, 15),
        conclusion="dat",
        recommendations="Bổ sung sổ",
    )
    attachment = services.add_inspection_attachment(
        inspection=inspection,
        by=world.kp_officer,
        uploaded=SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
    )
    names = ("inspection_detail", "inspection_edit", "inspection_follow_up", "inspection_archive")
    return [
        (reverse("evaluations:inspection_plan", args=[world.units.kp.pk]), "kp_officer"),
        (reverse("evaluations:inspection_create", args=[world.units.eaphe.pk]), "kp_officer"),
        *((reverse(f"evaluations:{name}", args=[inspection.pk]), "kp_officer") for name in names),
        (reverse("evaluations:inspection_attachment_upload", args=[inspection.pk]), "kp_officer"),
        *(
            (reverse(f"evaluations:{name}", args=[attachment.pk]), "kp_officer")
            for name in ("inspection_attachment", "inspection_attachment_remove")
        ),
    ]
