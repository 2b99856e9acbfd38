"""Demo inspections: 2023 to the first half of 2026, each district-level unit inspecting most of its grassroots units
twice a year, the province's yearly thematic inspection of a few units, a few "không đạt" conclusions with
"chưa đạt" findings, recommendations and their follow-up.

Run by seed_demo after evaluations.demo. Deterministic (a seeded random generator), bulk-created with their
history rows, and idempotent: nothing is added once inspections of these years exist.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from branches.models import GRASSROOTS_TYPES, SUPERIOR_TYPES, Unit, UnitType
from criteria.services import set_in_force
from criteria.specs import load_set, set_spec

from .models import Conclusion, FindingResult, Inspection, InspectionFinding, InspectionKind

PERIODS = [(2023, 1), (2023, 2), (2024, 1), (2024, 2), (2025, 1), (2025, 2), (2026, 1)]
OFFICERS = {"DL-KP": "canbo.krongpac", "DL-BMT": "canbo.buonmathuot"}
SKIP_SHARE = 0.15  # "most of its units": about one in seven is not inspected in a half
FAIL_SHARE = 0.07
TEAMS = [
    "Đồng chí Phó Bí thư {unit} – Trưởng đoàn\nĐồng chí Trưởng Ban Tổ chức – Kiểm tra – thành viên",
    "Đồng chí Ủy viên Ban Thường vụ {unit} – Trưởng đoàn\nĐồng chí cán bộ Ban Phong trào – thành viên",
]
# What an inspection notes for an item not (fully) met, by group.
NOT_MET_NOTES = {
    1: [
        "Sổ đoàn viên chưa cập nhật đoàn viên chuyển đến trong năm.",
        "Chưa có kế hoạch nắm bắt tình hình thanh niên tôn giáo trên địa bàn.",
    ],
    2: [
        "Kế hoạch công tác năm chưa có chỉ tiêu cụ thể theo quý.",
        "Chi đoàn thôn 3 sinh hoạt không đều, 4 tháng không có biên bản.",
    ],
    3: [
        "Chưa tham mưu cấp ủy giới thiệu đoàn viên ưu tú cho Đảng.",
        "Chưa ký quy chế phối hợp với Hội Liên hiệp Phụ nữ xã.",
    ],
}
PARTLY_NOTES = {
    1: ["Đã lập danh sách thanh niên có hoàn cảnh khó khăn, chưa có phương án hỗ trợ."],
    2: ["Có kế hoạch nhưng chưa sơ kết 6 tháng."],
    3: ["Phối hợp với các đoàn thể chưa thường xuyên."],
}


@transaction.atomic
def seed(stdout=None) -> int:
    """Add the demo inspections unless inspections of these years exist; return how many were added."""
    root = Unit.objects.filter(code="DL", depth=1).first()
    years = sorted({year for year, _ in PERIODS})
    if root is None or Inspection.objects.filter(year__in=years).exists():
        return 0
    rng = random.Random("kiem-tra-3-chu-dong")
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[*OFFICERS.values(), "tinhdoan.tckt"])}
    specs = {year: _spec(year) for year in years}
    inspections, findings = [], []
    for superior, units in _superiors_with_units(root):
        officer = users.get(OFFICERS.get(superior.code, ""))
        for year, half in PERIODS:
            if specs[year] is None:
                continue
            for unit in units:
                if rng.random() < SKIP_SHARE:
                    continue
                inspections.append(_six_month(rng, superior, unit, year, half, officer, specs[year], findings))
    province_user = users.get("tinhdoan.tckt")
    for year in years:
        if specs[year] is not None and year < max(years):
            inspections += _thematic(rng, root, year, province_user, specs[year], findings)
    saved = bulk_create_with_history(inspections, Inspection, batch_size=500, default_change_reason="Dữ liệu mẫu")
    by_key = {(i.inspected_unit_id, i.kind, i.year, i.half, i.inspection_date): i for i in saved}
    rows = [
        InspectionFinding(inspection=by_key[key], group_number=group, item_code=code, result=result, note=note)
        for key, group, code, result, note in findings
    ]
    bulk_create_with_history(rows, InspectionFinding, batch_size=1000, default_change_reason="Dữ liệu mẫu")
    if stdout:
        stdout.write(f"Dữ liệu mẫu: thêm {len(saved)} biên bản kiểm tra, {len(rows)} nội dung kiểm tra.")
    return len(saved)


def _spec(year):
    criteria_set = set_in_force(year)
    return set_spec(load_set(criteria_set.pk)) if criteria_set else None


def _superiors_with_units(root):
    """Each superior unit directly under the province with its grassroots units in force today, in code order."""
    superiors = list(
        Unit.objects.children_of(root).filter(unit_type__in=SUPERIOR_TYPES - {UnitType.PROVINCE}).order_by("code")
    )
    units = _grassroots_below_superiors(root)
    by_parent: dict[str, list[Unit]] = {}
    for unit in units:
        by_parent.setdefault(unit.parent_path, []).append(unit)
    return [(superior, by_parent.get(superior.path, [])) for superior in superiors]


def _grassroots_below_superiors(root):
    """The grassroots units in force two levels below the province (under its superior units), in code order."""
    return (
        Unit.objects.descendants_of(root)
        .filter(depth=root.depth + 2, unit_type__in=GRASSROOTS_TYPES, valid_to__isnull=True)
        .order_by("code")
    )


def _day(rng, year, half):
    month = rng.choice([5, 6] if half == 1 else [11, 12])
    return datetime.date(year, month, rng.randint(3, 28))


def _six_month(rng, superior, unit, year, half, officer, spec, findings) -> Inspection:
    day = _day(rng, year, half)
    failed = rng.random() < FAIL_SHARE or (unit.code == "DL-KP-EAKENH" and (year, half) == (2024, 2))
    record = Inspection(
        kind=InspectionKind.SIX_MONTH,
        year=year,
        half=half,
        inspecting_unit=superior,
        inspected_unit=unit,
        inspection_date=day,
        team=rng.choice(TEAMS).format(unit=superior.name),
        conclusion=Conclusion.FAILED if failed else Conclusion.PASSED,
        created_by=officer,
    )
    record._history_user = officer
    notes = _add_findings(rng, record, spec, findings, failed=failed)
    if failed:
        record.conclusion_note = "Đơn vị chưa đạt yêu cầu ở các nội dung: " + "; ".join(notes)
    else:
        record.conclusion_note = "Đơn vị thực hiện cơ bản tốt các nội dung “3 chủ động”."
    if notes:
        record.recommendations = "Khắc phục: " + " ".join(notes)
        record.follow_up_due = day + datetime.timedelta(days=60)
        if (year, half) != PERIODS[-1] or rng.random() < 0.5:
            record.follow_up = "Đơn vị đã khắc phục, báo cáo bằng văn bản kèm minh chứng."
            record.follow_up_date = day + datetime.timedelta(days=rng.randint(20, 75))
    return record


def _add_findings(rng, record, spec, findings, *, failed) -> list[str]:
    """One finding per group and a few per item; returns the notes of what was not (fully) met."""
    key = (record.inspected_unit.pk, record.kind, record.year, record.half, record.inspection_date)
    notes = []
    failed_group = rng.choice(spec.groups).number if failed else None
    for group in spec.groups:
        items = rng.sample(list(group.items), min(2, len(group.items)))
        group_result = FindingResult.NOT_MET if group.number == failed_group else FindingResult.MET
        for item in items:
            if group.number == failed_group and item is items[0]:
                result, note = FindingResult.NOT_MET, rng.choice(NOT_MET_NOTES.get(group.number, NOT_MET_NOTES[1]))
            elif rng.random() < 0.12:
                result, note = FindingResult.PARTLY, rng.choice(PARTLY_NOTES.get(group.number, PARTLY_NOTES[1]))
                group_result = FindingResult.PARTLY if group_result == FindingResult.MET else group_result
            else:
                result, note = FindingResult.MET, ""
            if note:
                notes.append(f"tiêu chí {item.code}: {note[0].lower()}{note[1:]}")
            findings.append((key, group.number, item.code, result, note))
        findings.append((key, group.number, "", group_result, ""))
    return notes


def _thematic(rng, root, year, by, spec, findings) -> list[Inspection]:
    """The province's yearly thematic inspection of a handful of units (on member management, group 1)."""
    units = list(_grassroots_below_superiors(root))
    records = []
    for unit in rng.sample(units, min(4, len(units))):
        day = datetime.date(year, 9, rng.randint(5, 25))
        record = Inspection(
            kind=InspectionKind.THEMATIC,
            year=year,
            inspecting_unit=root,
            inspected_unit=unit,
            inspection_date=day,
            team="Ban Tổ chức – Kiểm tra Tỉnh đoàn",
            conclusion=Conclusion.PASSED,
            conclusion_note="Chuyên đề quản lý đoàn viên và sổ đoàn viên: đạt yêu cầu.",
            created_by=by,
        )
        record._history_user = by
        key = (unit.pk, InspectionKind.THEMATIC, year, None, day)
        findings.append((key, 1, "", FindingResult.MET, "Sổ đoàn viên cập nhật đầy đủ."))
        records.append(record)
    return records
