"""Changes to criteria sets and local items. Each is one transaction that locks the set, checks, saves, logs.

A set's status changes through common.workflow.transition with the table in criteria/workflow.py.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from common.locking import check_fresh
from common.workflow import set_fields, transition, workflow_of

from . import permissions
from .changes import set_changes
from .models import CriteriaGroup, CriteriaItem, CriteriaSet, ItemKind, LocalItem, ResultLevel, SetStatus
from .scoring import consistency_errors, format_number
from .specs import load_set, set_snapshot, set_spec

STALE_MESSAGE = "{what} vừa được người khác sửa. Nội dung bạn nhập vẫn còn dưới đây; hãy xem lại rồi lưu lần nữa."
FROZEN_MESSAGE = (
    "Bộ tiêu chí đã công bố nên không sửa được, vì các kết quả đánh giá dựa trên nó. "
    "Hãy sao chép thành bản nháp mới để sửa."
)


class CriteriaError(Exception):
    """A change the rules refuse; the message (and the details, one line each) is shown to the user."""

    def __init__(self, message: str, details=()):
        super().__init__(message)
        self.message = message
        self.details = list(details)


class StaleEditError(CriteriaError):
    """Someone saved the record after the user opened the form."""


def _check_fresh(record, token, what: str) -> None:
    check_fresh(record, token, StaleEditError, STALE_MESSAGE.format(what=what))


def _locked_draft(criteria_set: CriteriaSet, by) -> CriteriaSet:
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if not permissions.can_edit_criteria(by):
        raise CriteriaError("Chỉ Ban Tổ chức – Kiểm tra Tỉnh đoàn được sửa bộ tiêu chí.")
    if not criteria_set.is_draft:
        raise CriteriaError(FROZEN_MESSAGE)
    return criteria_set


def _save(record, reason: str, fields: dict | None = None):
    set_fields(record, fields or {})
    record._change_reason = reason
    record.save()
    return record


@transaction.atomic
def update_set(*, criteria_set: CriteriaSet, by, expected_version=None, **fields) -> CriteriaSet:
    """Change a draft set's details (name, years, guidance documents, total, local points allowance)."""
    criteria_set = _locked_draft(criteria_set, by)
    _check_fresh(criteria_set, expected_version, "Bộ tiêu chí")
    if fields.get("first_year", criteria_set.first_year) > fields.get("last_year", criteria_set.last_year):
        raise CriteriaError("Năm bắt đầu phải trước hoặc bằng năm kết thúc.")
    return _save(criteria_set, "Sửa thông tin bộ tiêu chí", fields)


@transaction.atomic
def update_group(*, group: CriteriaGroup, by, expected_version=None, **fields) -> CriteriaGroup:
    """Change a group's title or maximum points in a draft set."""
    _locked_draft(group.criteria_set, by)
    group = CriteriaGroup.objects.get(pk=group.pk)
    _check_fresh(group, expected_version, f"Nhóm {group.number}")
    return _save(group, "Sửa nhóm tiêu chí", fields)


@transaction.atomic
def add_item(*, group: CriteriaGroup, by, **fields) -> CriteriaItem:
    """Append an item to a group of a draft set."""
    _locked_draft(group.criteria_set, by)
    _check_code_free(group.criteria_set, fields.get("code"))
    last = CriteriaItem.objects.filter(group=group).aggregate(last=Max("position"))["last"]
    item = CriteriaItem(group=group, position=(last if last is not None else -1) + 1, **fields)
    return _save(item, "Thêm tiêu chí")


@transaction.atomic
def update_item(*, item: CriteriaItem, by, expected_version=None, **fields) -> CriteriaItem:
    """Change an item's code, text, evidence guidance, kind or points in a draft set."""
    _locked_draft(item.group.criteria_set, by)
    item = CriteriaItem.objects.get(pk=item.pk)
    _check_fresh(item, expected_version, f"Tiêu chí {item.code}")
    if "code" in fields:
        _check_code_free(item.group.criteria_set, fields["code"], exclude=item)
    return _save(item, "Sửa tiêu chí", fields)


def _check_code_free(criteria_set, code, exclude=None) -> None:
    taken = CriteriaItem.objects.filter(group__criteria_set=criteria_set, code=code)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise CriteriaError(f"Mã tiêu chí {code} đã có trong bộ tiêu chí này.")


@transaction.atomic
def remove_item(*, item: CriteriaItem, by) -> CriteriaItem:
    """Take an item out of a draft set; the row and its history are kept."""
    _locked_draft(item.group.criteria_set, by)
    item = CriteriaItem.objects.get(pk=item.pk)
    return _save(item, "Bỏ tiêu chí", {"removed_at": timezone.now()})


@transaction.atomic
def move_item(*, item: CriteriaItem, by, up: bool) -> CriteriaItem:
    """Swap an item with its neighbour above (up=True) or below, inside its group."""
    _locked_draft(item.group.criteria_set, by)
    items = list(CriteriaItem.objects.filter(group_id=item.group_id))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return item
    items[index], items[other] = items[other], items[index]
    for position, row in enumerate(items):
        if row.position != position:
            _save(row, "Đổi thứ tự tiêu chí", {"position": position})
    return item


@transaction.atomic
def add_level(*, criteria_set: CriteriaSet, by, **fields) -> ResultLevel:
    """Append a result level (the lowest so far) to a draft set."""
    criteria_set = _locked_draft(criteria_set, by)
    if ResultLevel.objects.filter(criteria_set=criteria_set, code=fields.get("code")).exists():
        raise CriteriaError(f"Mã mức {fields.get('code')} đã có trong bộ tiêu chí này.")
    last = criteria_set.levels.aggregate(last=Max("position"))["last"]
    level = ResultLevel(criteria_set=criteria_set, position=(last if last is not None else -1) + 1, **fields)
    return _save(level, "Thêm mức kết quả")


@transaction.atomic
def update_level(*, level: ResultLevel, by, expected_version=None, **fields) -> ResultLevel:
    """Change a level's name or thresholds in a draft set."""
    _locked_draft(level.criteria_set, by)
    level = ResultLevel.objects.get(pk=level.pk)
    _check_fresh(level, expected_version, f"Mức {level.short_name}")
    code = fields.get("code", level.code)
    if ResultLevel.objects.filter(criteria_set_id=level.criteria_set_id, code=code).exclude(pk=level.pk).exists():
        raise CriteriaError(f"Mã mức {code} đã có trong bộ tiêu chí này.")
    return _save(level, "Sửa mức kết quả", fields)


@transaction.atomic
def remove_level(*, level: ResultLevel, by) -> ResultLevel:
    """Take a level out of a draft set; the row and its history are kept."""
    _locked_draft(level.criteria_set, by)
    level = ResultLevel.objects.get(pk=level.pk)
    return _save(level, "Bỏ mức kết quả", {"removed_at": timezone.now()})


@transaction.atomic
def publish_set(*, criteria_set: CriteriaSet, by) -> CriteriaSet:
    """Publish a consistent draft; the version published before it for the same period is archived."""
    criteria_set = _locked_draft(criteria_set, by)
    errors = consistency_errors(set_spec(load_set(criteria_set.pk)))
    if errors:
        raise CriteriaError("Bộ tiêu chí chưa công bố được vì những chỗ chưa khớp sau:", errors)
    previous = list(CriteriaSet.objects.select_for_update().filter(code=criteria_set.code, status=SetStatus.PUBLISHED))
    draft_snapshot = set_snapshot(load_set(criteria_set.pk))
    for older in previous:
        if not set_changes(set_snapshot(load_set(older.pk)), draft_snapshot):
            raise CriteriaError(
                f"Bản nháp giống hệt phiên bản {older.version} đang áp dụng: không có thay đổi nào để công bố."
            )
    for older in previous:
        transition(obj=older, to=SetStatus.ARCHIVED, by=by, reason="Lưu trữ khi công bố phiên bản mới")
    return transition(
        obj=criteria_set, to=SetStatus.PUBLISHED, by=by, fields={"published_at": timezone.now(), "published_by": by}
    )


@transaction.atomic
def archive_set(*, criteria_set: CriteriaSet, by) -> CriteriaSet:
    """Archive a published set: it stays readable for the evaluations that rest on it."""
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if not permissions.can_edit_criteria(by):
        raise CriteriaError("Chỉ Ban Tổ chức – Kiểm tra Tỉnh đoàn được lưu trữ bộ tiêu chí.")
    # Said here with the set's own wording; the workflow's table is what decides.
    if workflow_of(CriteriaSet).step(criteria_set.status, SetStatus.ARCHIVED) is None:
        raise CriteriaError(
            f"Không thể chuyển bộ tiêu chí từ “{criteria_set.get_status_display()}” sang “{SetStatus.ARCHIVED.label}”."
        )
    return transition(obj=criteria_set, to=SetStatus.ARCHIVED, by=by)


@transaction.atomic
def copy_set(*, criteria_set: CriteriaSet, by) -> CriteriaSet:
    """Start the next version of a set as a draft holding copies of its groups, items and levels."""
    if not permissions.can_edit_criteria(by):
        raise CriteriaError("Chỉ Ban Tổ chức – Kiểm tra Tỉnh đoàn được sao chép bộ tiêu chí.")
    source = load_set(criteria_set.pk)
    # Lock every version of the period so two copies do not take the same version number.
    siblings = list(CriteriaSet.objects.select_for_update().filter(code=source.code).values_list("version", "status"))
    # One draft per period at a time: a second copy (often a double click) would fork the work in two.
    if drafts := [version for version, status in siblings if status == SetStatus.DRAFT]:
        raise CriteriaError(
            f"Đã có bản nháp phiên bản {drafts[0]} của bộ tiêu chí này. Hãy sửa bản nháp đó thay vì tạo bản mới."
        )
    versions = [version for version, _ in siblings]
    copy = CriteriaSet(
        code=source.code,
        version=max(versions) + 1,
        based_on=source,
        status=SetStatus.DRAFT,
        **{f: getattr(source, f) for f in _COPIED_SET_FIELDS},
    )
    _save(copy, f"Sao chép từ phiên bản {source.version}")
    for group in source.groups.all():
        new_group = _save(
            CriteriaGroup(criteria_set=copy, number=group.number, title=group.title, max_points=group.max_points),
            "Sao chép",
        )
        for item in group.items.all():
            fields = {
                f: getattr(item, f) for f in ("position", "code", "text", "evidence", "kind", "max_points", "figures")
            }
            _save(CriteriaItem(group=new_group, **fields), "Sao chép")
    for level in source.levels.all():
        fields = {
            f: getattr(level, f) for f in ("position", "code", "name", "short_name", "min_total", "min_group_ratio")
        }
        _save(ResultLevel(criteria_set=copy, **fields), "Sao chép")
    return copy


_COPIED_SET_FIELDS = (
    "name",
    "first_year",
    "last_year",
    "central_document",
    "provincial_document",
    "max_total",
    "local_points_allowance",
)


# --- local items --------------------------------------------------------------------------------------------


def set_in_force(year: int) -> CriteriaSet | None:
    return CriteriaSet.objects.in_force(year).order_by("-version").first()


@transaction.atomic
def add_local_item(*, unit, by, year: int, group_number: int, kind: str, max_points=Decimal(0), **fields) -> LocalItem:
    """Add a local item for the grassroots units below `unit` in `year`, within the set's points allowance."""
    from branches.models import Unit

    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if not permissions.can_manage_local_items(by, unit):
        raise CriteriaError("Bạn không có quyền thêm tiêu chí địa phương cho đơn vị này.")
    criteria_set = set_in_force(year)
    if criteria_set is None:
        raise CriteriaError(f"Năm {year} chưa có bộ tiêu chí nào đã công bố.")
    max_points = _checked_local_points(criteria_set, unit, year, kind, max_points)
    taken = LocalItem.all_objects.filter(unit=unit, year=year, group_number=group_number).count()
    item = LocalItem(
        unit=unit,
        period_code=criteria_set.code,
        year=year,
        group_number=group_number,
        code=f"ĐP{group_number}.{taken + 1}",
        kind=kind,
        max_points=max_points,
        created_by=by,
        **fields,
    )
    return _save(item, "Thêm tiêu chí địa phương")


@transaction.atomic
def update_local_item(*, item: LocalItem, by, expected_version=None, kind: str, max_points=Decimal(0), **fields):
    """Change a local item's text, evidence, kind or points."""
    item = LocalItem.objects.select_for_update().select_related("unit").get(pk=item.pk)
    if not permissions.can_manage_local_items(by, item.unit):
        raise CriteriaError("Bạn không có quyền sửa tiêu chí địa phương của đơn vị này.")
    _check_fresh(item, expected_version, f"Tiêu chí {item.code}")
    criteria_set = set_in_force(item.year)
    if criteria_set is None:
        raise CriteriaError(f"Năm {item.year} chưa có bộ tiêu chí nào đã công bố.")
    max_points = _checked_local_points(criteria_set, item.unit, item.year, kind, max_points, exclude=item)
    return _save(item, "Sửa tiêu chí địa phương", {"kind": kind, "max_points": max_points, **fields})


@transaction.atomic
def remove_local_item(*, item: LocalItem, by) -> LocalItem:
    """Take a local item out of use; the row and its history are kept."""
    item = LocalItem.objects.select_for_update().select_related("unit").get(pk=item.pk)
    if not permissions.can_manage_local_items(by, item.unit):
        raise CriteriaError("Bạn không có quyền bỏ tiêu chí địa phương của đơn vị này.")
    return _save(item, "Bỏ tiêu chí địa phương", {"removed_at": timezone.now()})


def _checked_local_points(criteria_set, unit, year, kind, max_points, exclude=None) -> Decimal:
    max_points = Decimal(max_points or 0)
    allowance = criteria_set.local_points_allowance
    if kind == ItemKind.CHECK and not allowance:
        return Decimal(0)
    if max_points % Decimal("0.5") or max_points < 0:
        raise CriteriaError("Điểm tối đa phải là số không âm, theo bậc 0,5.")
    if kind == ItemKind.POINTS and max_points <= 0:
        raise CriteriaError("Tiêu chí chấm điểm phải có điểm tối đa lớn hơn 0.")
    others = LocalItem.objects.filter(unit=unit, year=year)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    used = others.aggregate(total=Sum("max_points"))["total"] or Decimal(0)
    if used + max_points > allowance:
        if not allowance:
            raise CriteriaError(
                f"Bộ tiêu chí {criteria_set.name} không cho tiêu chí địa phương tính điểm; "
                "hãy chọn cách chấm đạt / không đạt."
            )
        raise CriteriaError(
            f"Tiêu chí địa phương năm {year} chỉ được tổng cộng {format_number(allowance)} điểm; "
            f"đã dùng {format_number(used)} điểm."
        )
    return max_points
