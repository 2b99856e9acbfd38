"""Inspections (kiểm tra): record, edit, follow up, archive, attach files; and the findings beside a review.

Each step is one transaction that locks the record, checks the rules, saves and leaves a history row with the
user. Nothing is deleted: a record is archived with a reason, a file is taken off but kept.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from branches.models import Unit
from common.locking import check_fresh
from common.workflow import set_fields
from criteria.scoring import SetSpec, validate_points
from criteria.services import set_in_force
from criteria.specs import load_set, spec_for_unit
from evaluations.errors import EvaluationError
from evaluations.uploads import store_upload

from . import periods, permissions
from .models import Conclusion, FindingResult, Inspection, InspectionAttachment, InspectionFinding, InspectionKind

STALE_MESSAGE = "Biên bản vừa được người khác lưu. Nội dung bạn nhập vẫn còn; hãy xem lại rồi lưu lần nữa."
ARCHIVED_MESSAGE = "Biên bản đã được lưu trữ nên không sửa được; hãy khôi phục trước."

# The fields of a record that recording and editing set (the units are fixed once recorded).
RECORD_FIELDS = (
    "kind",
    "year",
    "half",
    "inspection_date",
    "team",
    "conclusion",
    "points",
    "conclusion_note",
    "recommendations",
    "follow_up_due",
)


class InspectionError(EvaluationError):
    """A rule of inspections refused the change; `problems` lists every reason (the message joins them)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


class StaleInspectionError(InspectionError):
    pass


def _refuse(problems: list[str]) -> None:
    if problems:
        raise InspectionError(" ".join(problems), problems)


def inspection_spec(unit: Unit, year: int) -> SetSpec:
    """The items an inspection of `unit` in `year` checks: the set in force that year and the local items."""
    criteria_set = set_in_force(year)
    if criteria_set is None:
        raise InspectionError(f"Năm {year} chưa có bộ tiêu chí nào đã công bố, nên chưa ghi được nội dung kiểm tra.")
    return spec_for_unit(load_set(criteria_set.pk), unit, year)


def _finding_problems(spec: SetSpec, findings: dict) -> list[str]:
    """Findings are {(group number, item code or ""): (result, note)}; each must name a group or item of `spec`."""
    items = {(group.number, item.code) for group in spec.groups for item in group.items}
    groups = {group.number for group in spec.groups}
    problems = []
    for (group_number, item_code), (result, note) in findings.items():
        where = f"Tiêu chí {item_code}" if item_code else f"Nhóm {group_number}"
        if (item_code and (group_number, item_code) not in items) or (not item_code and group_number not in groups):
            problems.append(f"{where} không có trong bộ tiêu chí của năm này.")
        elif result and result not in FindingResult.values:
            problems.append(f"{where}: kết quả không hợp lệ.")
        elif not result and (note or "").strip():
            problems.append(f"{where}: hãy chọn đạt, đạt một phần hay chưa đạt cho ghi chú đã nhập.")
    return problems


def _record_problems(*, inspecting_unit: Unit, inspected_unit: Unit, fields: dict, spec, findings, today) -> list:
    problems = []
    if fields["kind"] not in InspectionKind.values:
        problems.append("Hãy chọn loại kiểm tra.")
    if fields["conclusion"] not in Conclusion.values:
        problems.append("Hãy chọn kết luận: đạt hoặc không đạt.")
    problems += periods.date_problems(
        kind=fields["kind"],
        year=fields["year"],
        half=fields["half"],
        inspection_date=fields["inspection_date"],
        follow_up_due=fields["follow_up_due"],
        today=today,
    )
    if fields["points"] is not None:
        error = validate_points(fields["points"], spec.max_total)
        if error:
            problems.append(f"Điểm kiểm tra: {error}")
    if inspected_unit.valid_to is not None and inspected_unit.valid_to <= fields["inspection_date"]:
        problems.append(f"{inspected_unit.name} đã giải thể từ ngày {inspected_unit.valid_to:%d/%m/%Y}.")
    if fields["follow_up_due"] is not None and not fields["recommendations"].strip():
        problems.append("Có hạn khắc phục thì hãy ghi kiến nghị cần khắc phục.")
    return problems + _finding_problems(spec, findings)


def _clean_fields(fields: dict) -> dict:
    cleaned = {name: fields.get(name) for name in RECORD_FIELDS}
    for name in ("team", "conclusion_note", "recommendations"):
        cleaned[name] = (cleaned[name] or "").strip()
    if cleaned["kind"] != InspectionKind.SIX_MONTH:
        cleaned["half"] = None
    points = cleaned["points"]
    if points in (None, ""):
        cleaned["points"] = None
    elif not isinstance(points, Decimal):
        try:
            cleaned["points"] = Decimal(str(points).strip().replace(",", "."))
        except InvalidOperation:
            cleaned["points"] = str(points)  # validate_points names the problem
    return cleaned


def _check_units(by, inspecting_unit: Unit, inspected_unit: Unit) -> None:
    if not inspected_unit.is_grassroots:
        raise InspectionError(f"{inspected_unit.name} không phải đoàn cơ sở hay chi đoàn cơ sở nên không kiểm tra.")
    above = inspected_unit.path.startswith(inspecting_unit.path) and inspecting_unit.pk != inspected_unit.pk
    if not (inspecting_unit.is_superior_type and above):
        raise InspectionError(f"{inspecting_unit.name} không phải đơn vị cấp trên của {inspected_unit.name}.")
    if not permissions.can_inspect_for(by, inspecting_unit):
        raise InspectionError(f"Chỉ cán bộ {inspecting_unit.name} được ghi biên bản kiểm tra của đơn vị này.")


@transaction.atomic
def record_inspection(
    *, inspected_unit: Unit, inspecting_unit: Unit, by, findings: dict, today: datetime.date, **fields
) -> Inspection:
    """Record an inspection of a grassroots unit with its findings ({(group, item code): (result, note)})."""
    _check_units(by, inspecting_unit, inspected_unit)
    fields = _clean_fields(fields)
    spec = inspection_spec(inspected_unit, fields["year"])
    _refuse(
        _record_problems(
            inspecting_unit=inspecting_unit,
            inspected_unit=inspected_unit,
            fields=fields,
            spec=spec,
            findings=findings,
            today=today,
        )
    )
    inspection = Inspection(inspecting_unit=inspecting_unit, inspected_unit=inspected_unit, created_by=by, **fields)
    inspection._change_reason = "Ghi biên bản kiểm tra"
    inspection._history_user = by
    inspection.save()
    _save_findings(inspection, findings, None, by, reason="Ghi biên bản kiểm tra")
    return inspection


def _locked(inspection: Inspection) -> Inspection:
    return (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("inspected_unit", "inspecting_unit")
        .get(pk=inspection.pk)
    )


@transaction.atomic
def update_inspection(
    *, inspection: Inspection, by, findings: dict, today: datetime.date, expected_version=None, **fields
) -> Inspection:
    """Change a record and its findings; the history keeps every earlier version with who changed it."""
    inspection = _locked(inspection)
    if not permissions.can_edit_inspection(by, inspection):
        raise InspectionError("Chỉ đơn vị đã kiểm tra được sửa biên bản này.")
    if inspection.archived_at is not None:
        raise InspectionError(ARCHIVED_MESSAGE)
    check_fresh(inspection, expected_version, StaleInspectionError, STALE_MESSAGE)
    fields = _clean_fields(fields)
    spec = inspection_spec(inspection.inspected_unit, fields["year"])
    _refuse(
        _record_problems(
            inspecting_unit=inspection.inspecting_unit,
            inspected_unit=inspection.inspected_unit,
            fields=fields,
            spec=spec,
            findings=findings,
            today=today,
        )
    )
    year_changed = fields["year"] != inspection.year
    set_fields(inspection, fields)
    inspection._change_reason = "Sửa biên bản kiểm tra"
    inspection._history_user = by
    inspection.save()
    _save_findings(inspection, findings, spec if year_changed else None, by, reason="Sửa biên bản kiểm tra")
    return inspection


def _spec_keys(spec: SetSpec) -> set:
    return {(g.number, "") for g in spec.groups} | {(g.number, i.code) for g in spec.groups for i in g.items}


def _save_findings(inspection: Inspection, findings: dict, new_spec: SetSpec | None, by, *, reason: str) -> None:
    """Create, change or take off findings: cleared ones, and with `new_spec` (the year changed) those of items
    the new year's set does not have. Each change leaves a history row with the user."""
    current = {(f.group_number, f.item_code): f for f in inspection.findings.all()}
    cleared = {key for key, (result, _) in findings.items() if not result}
    if new_spec is not None:
        cleared |= set(current) - _spec_keys(new_spec)
    for key in cleared & set(current):
        finding = current[key]
        finding._change_reason = reason
        finding._history_user = by
        finding.delete()
    for key, (result, note) in findings.items():
        note = (note or "").strip()
        finding = current.get(key)
        if not result:
            continue
        if finding is None:
            finding = InspectionFinding(inspection=inspection, group_number=key[0], item_code=key[1])
        elif finding.result == result and finding.note == note:
            continue
        finding.result, finding.note = result, note
        finding._change_reason = reason
        finding._history_user = by
        finding.save()


@transaction.atomic
def record_follow_up(
    *, inspection: Inspection, by, follow_up: str, follow_up_date: datetime.date | None, today: datetime.date
) -> Inspection:
    """What the unit did about the recommendations, and when it was done (the inspected unit or the inspectors)."""
    inspection = _locked(inspection)
    if inspection.archived_at is not None:
        raise InspectionError(ARCHIVED_MESSAGE)
    if not inspection.recommendations.strip():
        raise InspectionError("Biên bản này không có kiến nghị nào cần khắc phục.")
    if not permissions.can_follow_up(by, inspection):
        raise InspectionError("Chỉ đơn vị được kiểm tra hoặc đơn vị đã kiểm tra được ghi kết quả khắc phục.")
    follow_up = (follow_up or "").strip()
    problems = [] if follow_up else ["Hãy ghi kết quả khắc phục."]
    problems += periods.follow_up_problems(
        inspection_date=inspection.inspection_date, done_date=follow_up_date, today=today
    )
    _refuse(problems)
    inspection.follow_up, inspection.follow_up_date = follow_up, follow_up_date
    inspection._change_reason = "Ghi kết quả khắc phục"
    inspection._history_user = by
    inspection.save()
    return inspection


@transaction.atomic
def archive_inspection(*, inspection: Inspection, by, reason: str) -> Inspection:
    """Take a record out of the lists and counts (entered by mistake, duplicated); it stays with its history."""
    inspection = _locked(inspection)
    if not permissions.can_edit_inspection(by, inspection):
        raise InspectionError("Chỉ đơn vị đã kiểm tra được lưu trữ biên bản này.")
    if inspection.archived_at is not None:
        raise InspectionError("Biên bản đã được lưu trữ.")
    if not (reason or "").strip():
        raise InspectionError("Hãy ghi lý do lưu trữ biên bản.")
    inspection.archived_at = timezone.now()
    inspection._change_reason = f"Lưu trữ: {reason.strip()}"[:100]
    inspection._history_user = by
    inspection.save()
    return inspection


@transaction.atomic
def restore_inspection(*, inspection: Inspection, by) -> Inspection:
    """Bring an archived record back into the lists."""
    inspection = _locked(inspection)
    if not permissions.can_edit_inspection(by, inspection):
        raise InspectionError("Chỉ đơn vị đã kiểm tra được khôi phục biên bản này.")
    if inspection.archived_at is None:
        raise InspectionError("Biên bản đang được sử dụng, không cần khôi phục.")
    inspection.archived_at = None
    inspection._change_reason = "Khôi phục biên bản"
    inspection._history_user = by
    inspection.save()
    return inspection


def can_attach(user, inspection: Inspection) -> bool:
    """Files go with a record in use: the inspecting side, or the inspected unit for its follow-up."""
    return inspection.archived_at is None and (
        permissions.can_edit_inspection(user, inspection) or permissions.can_follow_up(user, inspection)
    )


@transaction.atomic
def add_inspection_attachment(*, inspection: Inspection, by, uploaded) -> InspectionAttachment:
    """Store a file of the record after checking its content type and size (per file and per record)."""
    inspection = _locked(inspection)
    if not can_attach(by, inspection):
        raise InspectionError("Bạn không có quyền thêm tệp vào biên bản này.")
    used = sum(InspectionAttachment.objects.current().filter(inspection=inspection).values_list("size", flat=True))
    record = InspectionAttachment(inspection=inspection)
    return store_upload(record, uploaded, used_bytes=used, by=by, reason="Thêm tệp")


@transaction.atomic
def remove_inspection_attachment(*, attachment: InspectionAttachment, by) -> InspectionAttachment:
    """Take a file off the record; the stored file and the row are kept (history)."""
    attachment = (
        InspectionAttachment.objects.select_for_update(of=("self",))
        .select_related("inspection__inspected_unit", "inspection__inspecting_unit")
        .get(pk=attachment.pk)
    )
    if attachment.removed_at is not None:
        raise InspectionError("Tệp đã được gỡ.")
    if not can_attach(by, attachment.inspection):
        raise InspectionError("Bạn không có quyền gỡ tệp của biên bản này.")
    attachment.removed_at = timezone.now()
    attachment._change_reason = "Gỡ tệp"
    attachment._history_user = by
    attachment.save()
    return attachment


# --- the findings beside a self-assessment ------------------------------------------------------------------


@dataclass(frozen=True)
class ItemFinding:
    """One finding of one inspection, as a line under an item of the sheet."""

    inspection_id: int
    title: str  # "Kiểm tra 6 tháng đầu năm"
    inspection_date: datetime.date
    result: str
    result_label: str
    note: str

    @property
    def is_met(self) -> bool:
        return self.result == FindingResult.MET

    def __str__(self):
        text = f"{self.title} {self.inspection_date:%d/%m/%Y}: {self.result_label.lower()}"
        return f"{text} – {self.note}" if self.note else text


def group_key(group_number: int) -> str:
    """The key of a whole group's findings in findings_by_item ("nhom-1")."""
    return f"nhom-{group_number}"


def findings_by_item(unit: Unit, year: int) -> dict[str, list[ItemFinding]]:
    """The findings of the inspections of `unit` in `year` still in use, newest first, by item code (and by
    group_key(n) for a whole group). One query."""
    rows = (
        InspectionFinding.objects.filter(
            inspection__inspected_unit=unit, inspection__year=year, inspection__archived_at__isnull=True
        )
        .select_related("inspection")
        .order_by("-inspection__inspection_date", "-inspection__pk")
    )
    labels = dict(FindingResult.choices)
    found: dict[str, list[ItemFinding]] = {}
    for row in rows:
        record = row.inspection
        key = row.item_code or group_key(row.group_number)
        found.setdefault(key, []).append(
            ItemFinding(
                inspection_id=record.pk,
                title=periods.inspection_title(record.kind, record.half),
                inspection_date=record.inspection_date,
                result=row.result,
                result_label=labels.get(row.result, row.result),
                note=row.note,
            )
        )
    return found
