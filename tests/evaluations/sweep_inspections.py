"""URLs of inspection records for the sibling-district sweep (tests/test_url_sweep.py), with who may see each: the
plan of Krông Pắc, recording for Đoàn xã Ea Phê, a record of Ea Phê (with recommendations, so its secretary
may record the follow-up) with its file, and the Excel list of Krông Pắc's inspections."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluations.inspections import services

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
    record = [
        ("inspection_detail", "secretary"),
        ("inspection_edit", "kp_officer"),
        ("inspection_follow_up", "secretary"),
        ("inspection_archive", "kp_officer"),
        ("inspection_attachment_upload", "kp_officer"),
    ]
    return [
        (reverse("evaluations:inspection_plan", args=[world.units.kp.pk]), "kp_officer"),
        (reverse("evaluations:inspection_xlsx") + f"?don_vi={world.units.kp.pk}&nam=2026", "kp_officer"),
        (reverse("evaluations:inspection_create", args=[world.units.eaphe.pk]), "kp_officer"),
        *((reverse(f"evaluations:{name}", args=[inspection.pk]), user) for name, user in record),
        (reverse("evaluations:inspection_attachment", args=[attachment.pk]), "secretary"),
        (reverse("evaluations:inspection_attachment_remove", args=[attachment.pk]), "kp_officer"),
    ]
