"""Context builders of the inspection pages: every query of a page is made here, in a fixed number."""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Q

from branches.models import GRASSROOTS_TYPES, SUPERIOR_TYPES, Unit, user_assignments
from common.history import Change, HistoryRow, history_rows
from evaluations.uploads import ACCEPT

from . import periods, permissions, services
from .forms import FollowUpForm
from .models import Conclusion, FindingResult, Inspection, InspectionAttachment, InspectionFinding, InspectionKind

PAGE_SIZE = 50


def in_force_during(year: int) -> Q:
    """Units that existed at some time in `year` (a unit dissolved in March was still inspected in February)."""
    start, end = periods.period_bounds(year)
    return (Q(valid_to__isnull=True) | Q(valid_to__gt=start)) & (Q(valid_from__isnull=True) | Q(valid_from__lte=end))


def follow_up_state(inspection: Inspection, today: datetime.date) -> str:
    return periods.follow_up_state(
        recommendations=inspection.recommendations,
        due=inspection.follow_up_due,
        done_date=inspection.follow_up_date,
        today=today,
    )


# --- list ---------------------------------------------------------------------------------------------------


def _filtered(user, params, unit: Unit | None):
    rows = Inspection.objects.visible_to(user)
    rows = rows.exclude(archived_at__isnull=True) if params.get("luu_tru") else rows.current()
    if unit is not None:
        rows = rows.in_subtree(unit)
    if str(params.get("nam", "")).isdigit():
        rows = rows.filter(year=int(params["nam"]))
    if params.get("loai") in InspectionKind.values:
        rows = rows.filter(kind=params["loai"])
    if params.get("ket_luan") in Conclusion.values:
        rows = rows.filter(conclusion=params["ket_luan"])
    return rows


def list_context(user, params, *, unit: Unit | None, today: datetime.date) -> dict:
    """The inspections of the user's scope (or of one unit's subtree), newest first, filtered and paged."""
    rows = _filtered(user, params, unit).select_related("inspected_unit", "inspecting_unit")
    page = Paginator(rows, PAGE_SIZE).get_page(params.get("trang"))
    years = list(Inspection.objects.visible_to(user).order_by("-year").values_list("year", flat=True).distinct())
    return {
        "unit": unit,
        "page": page,
        "rows": [(record, follow_up_state(record, today)) for record in page.object_list],
        "years": years,
        "kinds": InspectionKind.choices,
        "conclusions": Conclusion.choices,
        "params": params,
        "archived": bool(params.get("luu_tru")),
        "can_record": unit is not None and permissions.can_record_inspection(user, unit),
        "plan_unit": _plan_unit(user, unit),
    }


def _plan_unit(user, unit: Unit | None) -> Unit | None:
    """The unit whose plan the list links to: the chosen superior unit, or the user's first superior unit."""
    if unit is not None:
        return unit if permissions.can_plan_inspections(user, unit) else None
    return next(iter(plan_units(user)), None)


def plan_units(user) -> list[Unit]:
    """The superior units the user holds a role on and may plan inspections for, root first."""
    from branches.models import user_assignments

    if user.is_superuser:
        return list(Unit.objects.filter(depth=1).order_by("path"))
    units = {a.unit.pk: a.unit for a in user_assignments(user)}
    return sorted((u for u in units.values() if permissions.can_plan_inspections(user, u)), key=lambda u: u.path)


FOLLOW_UP_LABELS = {
    "none": "Không có kiến nghị",
    "pending": "Đang khắc phục",
    "overdue": "Quá hạn khắc phục",
    "done": "Đã khắc phục",
}


def export_context(user, params, *, unit: Unit | None, today: datetime.date) -> dict:
    """The list page's records for the workbook: every page of them, with the same filters and order."""
    year = int(params["nam"]) if str(params.get("nam", "")).isdigit() else None
    title_lines = ["DANH SÁCH BIÊN BẢN KIỂM TRA" + (f" NĂM {year}" if year else "")]
    title_lines.append(f"{unit.name} và các đơn vị trực thuộc" if unit is not None else _scope_name(user))
    if params.get("loai") or params.get("ket_luan") or params.get("luu_tru"):
        title_lines.append("Danh sách đã lọc theo điều kiện chọn trên cổng.")
    title_lines.append(f"Xuất ngày {today:%d/%m/%Y}.")
    rows = _filtered(user, params, unit).select_related("inspected_unit", "inspecting_unit")
    return {
        "year": year,
        "title_lines": title_lines,
        "rows": ((record, FOLLOW_UP_LABELS[follow_up_state(record, today)]) for record in rows.iterator(2000)),
    }


def _scope_name(user) -> str:
    units = {a.unit.pk: a.unit for a in user_assignments(user)}
    return next(iter(units.values())).name if len(units) == 1 else "Trong phạm vi của bạn"


# --- plan ---------------------------------------------------------------------------------------------------


@dataclass
class PlanRow:
    unit: Unit
    first_half: Inspection | None = None
    second_half: Inspection | None = None
    annual: Inspection | None = None
    thematic: list[Inspection] = field(default_factory=list)

    def done(self, half: int | None) -> bool:
        """Inspected in the half (1, 2) or, with None, by the yearly inspection."""
        return {1: self.first_half, 2: self.second_half, None: self.annual}[half] is not None


@dataclass
class DistrictRow:
    unit: Unit
    units: int = 0
    first_half: int = 0
    second_half: int = 0
    annual: int = 0
    failed: int = 0

    def missing(self, half: int) -> int:
        return self.units - (self.first_half if half == 1 else self.second_half)


def _current_half(year: int, today: datetime.date) -> int:
    """The half to look at: this half of this year; the second half of a past year; the first of a later one."""
    if year == today.year:
        return periods.half_of(today)
    return 2 if year < today.year else 1


def _year_inspections(year: int):
    return (
        Inspection.objects.current()
        .filter(year=year)
        .only("pk", "kind", "half", "inspection_date", "conclusion", "points", "inspected_unit_id")
        .order_by("inspection_date", "pk")
    )


def plan_rows(unit: Unit, year: int) -> list[PlanRow]:
    """The grassroots units directly under `unit` that existed in `year`, with that year's inspections. 2 queries."""
    units = list(
        Unit.objects.children_of(unit)
        .filter(in_force_during(year), unit_type__in=GRASSROOTS_TYPES)
        .order_by("search_text")
    )
    rows = {u.pk: PlanRow(u) for u in units}
    for record in _year_inspections(year).filter(inspected_unit__in=list(rows)):
        row = rows[record.inspected_unit_id]
        if record.kind == InspectionKind.SIX_MONTH:  # the latest of a half wins (ordered by date)
            if record.half == 1:
                row.first_half = record
            else:
                row.second_half = record
        elif record.kind == InspectionKind.ANNUAL:
            row.annual = record
        else:
            row.thematic.append(record)
    return list(rows.values())


def district_rows(province: Unit, year: int) -> list[DistrictRow]:
    """Per superior unit directly under `province`: its grassroots units and how many were inspected. 3 queries."""
    districts = {
        u.path: DistrictRow(u)
        for u in Unit.objects.children_of(province).filter(unit_type__in=SUPERIOR_TYPES).order_by("search_text")
    }
    depth = province.depth + 2
    grassroots = (
        Unit.objects.descendants_of(province)
        .filter(in_force_during(year), depth=depth, unit_type__in=GRASSROOTS_TYPES)
        .values_list("pk", "path")
    )
    district_of = {}
    for pk, path in grassroots:
        row = districts.get(Unit.ancestor_path_of(path, province.depth + 1))
        if row is not None:
            row.units += 1
            district_of[pk] = row
    seen = set()
    for record in _year_inspections(year).in_subtree(province).filter(inspected_unit__depth=depth):
        row = district_of.get(record.inspected_unit_id)
        if row is None:
            continue
        key = (record.inspected_unit_id, record.kind, record.half)
        if record.kind == InspectionKind.SIX_MONTH and key not in seen:
            row.first_half += record.half == 1
            row.second_half += record.half == 2
        elif record.kind == InspectionKind.ANNUAL and key not in seen:
            row.annual += 1
        if record.failed and (record.inspected_unit_id, "failed") not in seen:
            row.failed += 1
            seen.add((record.inspected_unit_id, "failed"))
        seen.add(key)
    return list(districts.values())


def plan_context(user, unit: Unit, *, year: int, today: datetime.date, only_missing: bool = False) -> dict:
    """A superior unit's plan: which of its grassroots units are inspected this half and this year; for the
    province, also every district with its counts."""
    half = _current_half(year, today)
    rows = plan_rows(unit, year)
    shown = [row for row in rows if not (row.done(half) and row.done(None))] if only_missing else rows
    districts = district_rows(unit, year) if unit.depth == 1 else []
    start, end = periods.period_bounds(year, half)
    return {
        "unit": unit,
        "year": year,
        "half": half,
        "half_name": periods.HALF_NAMES[half],
        "years": list(range(today.year + 1, today.year - 6, -1)),
        "rows": shown,
        "total": len(rows),
        "missing_half": sum(1 for row in rows if not row.done(half)),
        "missing_year": sum(1 for row in rows if not row.done(None)),
        "only_missing": only_missing,
        "districts": districts,
        "district_totals": _totals(districts),
        "running_half": half if start <= today <= end else None,
        "ancestors": unit.ancestors(),
    }


def _totals(districts: list[DistrictRow]) -> DistrictRow | None:
    if not districts:
        return None
    names = ("units", "first_half", "second_half", "annual", "failed")
    return DistrictRow(unit=None, **{name: sum(getattr(row, name) for row in districts) for name in names})


# --- detail -------------------------------------------------------------------------------------------------


def _finding_sections(inspection: Inspection, findings: list[InspectionFinding]) -> list[dict]:
    """Groups of the year's set with the record's findings beside each group and item (texts from the set)."""
    by_key = {(f.group_number, f.item_code): f for f in findings}
    try:
        spec = services.inspection_spec(inspection.inspected_unit, inspection.year)
    except services.InspectionError:
        spec = None
    sections = []
    if spec is not None:
        for group in spec.groups:
            sections.append(
                {
                    "number": group.number,
                    "title": group.title,
                    "finding": by_key.pop((group.number, ""), None),
                    "items": [
                        (item.code, item.text, by_key.pop((group.number, item.code), None)) for item in group.items
                    ],
                }
            )
    for (group_number, code), finding in sorted(by_key.items()):  # items the set no longer has
        section = next((s for s in sections if s["number"] == group_number), None)
        if section is None:
            section = {"number": group_number, "title": "", "finding": None, "items": []}
            sections.append(section)
        if code:
            section["items"].append((code, "", finding))
        else:
            section["finding"] = finding
    return sections


def detail_context(user, inspection: Inspection, *, today: datetime.date, follow_up_form=None) -> dict:
    """One record: its findings by group and item, conclusion, recommendations and follow-up, files, history."""
    findings = list(inspection.findings.all())
    can_follow = permissions.can_follow_up(user, inspection)
    if can_follow and follow_up_form is None:
        follow_up_form = FollowUpForm(
            initial={"follow_up": inspection.follow_up, "follow_up_date": inspection.follow_up_date}
        )
    counts = {result: sum(1 for f in findings if f.result == result) for result in FindingResult.values}
    return {
        "inspection": inspection,
        "unit": inspection.inspected_unit,
        "ancestors": inspection.inspected_unit.ancestors(),
        "title": periods.inspection_heading(inspection.kind, inspection.half, inspection.year),
        "sections": _finding_sections(inspection, findings),
        "counts": [(label, counts[value], value) for value, label in FindingResult.choices],
        "attachments": list(InspectionAttachment.objects.current().filter(inspection=inspection)),
        "follow_up": follow_up_state(inspection, today),
        "follow_up_form": follow_up_form if can_follow else None,
        "can_edit": permissions.can_edit_inspection(user, inspection),
        "can_attach": services.can_attach(user, inspection),
        "accept": ACCEPT,
        "history": inspection_history(inspection),
    }


def inspection_history(inspection: Inspection) -> list[HistoryRow]:
    """Who recorded, changed, archived the record and its findings, and what changed, newest first. 2 queries."""
    names = {
        "inspecting_unit": {inspection.inspecting_unit_id: inspection.inspecting_unit.name},
        "inspected_unit": {inspection.inspected_unit_id: inspection.inspected_unit.name},
    }
    records = Inspection.history.filter(id=inspection.pk).select_related("history_user").order_by("-history_date")
    rows = history_rows(records, Inspection, names=names)
    finding_records = (
        InspectionFinding.history.filter(inspection_id=inspection.pk)
        .select_related("history_user")
        .order_by("id", "-history_date", "-history_id")
    )
    by_finding: dict[int, list] = {}
    for record in finding_records:
        by_finding.setdefault(record.id, []).append(record)
    for records_of_one in by_finding.values():
        rows += _finding_rows(records_of_one)
    rows.sort(key=lambda row: row.record.history_date, reverse=True)
    return rows


def _finding_text(record) -> str:
    label = dict(FindingResult.choices).get(record.result, record.result)
    return f"{label} – {record.note}" if record.note else label


def _finding_rows(records) -> list[HistoryRow]:
    """A finding's changes as rows: set, changed or cleared, named by its item (its first setting is part of the
    record's own creation row)."""
    rows = []
    first = records[-1]
    where = f"Tiêu chí {first.item_code}" if first.item_code else f"Nhóm {first.group_number}"
    for record, older in zip(records, [*records[1:], None], strict=True):
        if record.history_type == "-":
            rows.append(HistoryRow(record, [Change(where, _finding_text(record), None)]))
        elif record.history_type == "+" and record.history_change_reason != "Ghi biên bản kiểm tra":
            rows.append(HistoryRow(record, [Change(where, None, _finding_text(record))]))
        elif record.history_type == "~" and older is not None:
            rows.append(HistoryRow(record, [Change(where, _finding_text(older), _finding_text(record))]))
    return rows


# --- the unit page panel ------------------------------------------------------------------------------------


def panel_context(user, unit: Unit, *, today: datetime.date) -> dict | None:
    """What the unit page shows about inspections: a grassroots unit's latest records; a superior unit's plan for
    this half. None when the user has nothing to see there."""
    year, half = today.year, periods.half_of(today)
    if unit.is_grassroots:
        latest = list(
            Inspection.objects.current()
            .filter(inspected_unit=unit)
            .select_related("inspecting_unit")
            .order_by("-inspection_date", "-pk")[:3]
        )
        can_record = permissions.can_record_inspection(user, unit)
        if not latest and not can_record:
            return None
        return {"unit": unit, "latest": latest, "can_record": can_record, "year": year, "half": half}
    if not permissions.can_plan_inspections(user, unit):
        return None
    rows = plan_rows(unit, year)
    total, missing = len(rows), sum(1 for row in rows if not row.done(half))
    if unit.depth == 1:  # the province: its districts' units too
        totals = _totals(district_rows(unit, year))
        if totals is not None:
            total += totals.units
            missing += totals.missing(half)
    return {
        "unit": unit,
        "plan": True,
        "year": year,
        "half": half,
        "half_name": periods.HALF_NAMES[half],
        "total": total,
        "missing_half": missing,
    }
