"""Building inspection records in tests: a six-month inspection of Ea Phê by Krông Pắc unless told otherwise."""

import datetime

from evaluations.inspections import services

TODAY = datetime.date(2026, 12, 2)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

DEFAULT_FINDINGS = {(1, "1.1"): ("chua_dat", "Chưa cập nhật sổ"), (2, ""): ("dat", "")}


def fields(**overrides) -> dict:
    values = {
        "kind": "six_month",
        "year": 2026,
        "half": 1,
        "inspection_date": datetime.date(2026, 6, 15),
        "team": "Nguyễn Văn Hùng – Phó Bí thư Huyện đoàn",
        "conclusion": "dat",
        "points": None,
        "conclusion_note": "Đơn vị thực hiện tốt",
        "recommendations": "Bổ sung sổ theo dõi đoàn viên",
        "follow_up_due": datetime.date(2026, 9, 30),
    }
    values.update(overrides)
    return values


def record(world, *, by=None, unit=None, inspecting=None, findings=None, today=TODAY, **overrides):
    return services.record_inspection(
        inspected_unit=unit or world.units.eaphe,
        inspecting_unit=inspecting or world.units.kp,
        by=by or world.kp_officer,
        findings=DEFAULT_FINDINGS if findings is None else findings,
        today=today,
        **fields(**overrides),
    )
