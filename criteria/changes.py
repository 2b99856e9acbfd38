"""What a draft changes against the version in force: plain snapshots in, one Vietnamese line per change out.

No ORM and no clock: `specs.set_snapshot` builds the snapshots from the database.
"""

from dataclasses import dataclass
from decimal import Decimal

SET_FIELDS = {
    "name": "Tên bộ tiêu chí",
    "first_year": "Từ năm",
    "last_year": "Đến năm",
    "central_document": "Hướng dẫn của Trung ương Đoàn",
    "provincial_document": "Hướng dẫn của Tỉnh đoàn",
    "max_total": "Tổng điểm tối đa",
    "local_points_allowance": "Điểm tối đa cho tiêu chí địa phương",
}
GROUP_FIELDS = {"title": "nội dung", "max_points": "điểm tối đa"}
ITEM_FIELDS = {
    "group": "thuộc nhóm",
    "text": "nội dung",
    "evidence": "minh chứng",
    "kind": "cách chấm",
    "max_points": "điểm tối đa",
}
LEVEL_FIELDS = {
    "name": "tên",
    "short_name": "tên ngắn",
    "min_total": "tổng điểm tối thiểu",
    "min_group_ratio": "tỉ lệ điểm tối thiểu mỗi nhóm",
}
PERCENT_FIELDS = {"min_group_ratio"}
_LONG_TEXT = 80


@dataclass(frozen=True)
class Snapshot:
    """A set as plain values: its fields, groups by number, items by code (in order), levels by code."""

    fields: dict
    groups: dict
    items: dict
    levels: dict


def set_changes(old: Snapshot, new: Snapshot) -> list[str]:
    """The differences from `old` to `new`, one line each; empty when the two are identical."""
    lines = [_changed(label, old.fields.get(name), new.fields.get(name)) for name, label in SET_FIELDS.items()]
    lines += _compare(old.groups, new.groups, GROUP_FIELDS, name=lambda key, g: f"nhóm {key}", describe="title")
    lines += _compare(old.items, new.items, ITEM_FIELDS, name=lambda key, i: f"tiêu chí {key}", describe="text")
    lines += _compare(old.levels, new.levels, LEVEL_FIELDS, name=_level_name, describe="")
    lines = [line for line in lines if line]
    if not lines and list(old.items) != list(new.items):
        lines.append("Thứ tự các tiêu chí thay đổi.")
    return lines


def _level_name(key, level: dict) -> str:
    return f"mức {level.get('short_name') or level['name']}"


def _compare(old: dict, new: dict, fields: dict, *, name, describe: str) -> list[str]:
    """Removed, added and changed entries, in their natural order; `name(key, entry)` names one."""

    def removed_or_added(verb, key, entry):
        text = f": {_short(entry[describe])}" if describe else ""
        return f"{verb} {name(key, entry)}{text}"

    lines = [(key, removed_or_added("Bỏ", key, old[key])) for key in old.keys() - new.keys()]
    lines += [(key, removed_or_added("Thêm", key, new[key])) for key in new.keys() - old.keys()]
    for key in old.keys() & new.keys():
        label = name(key, old[key])
        label = label[0].upper() + label[1:]
        for field, field_label in fields.items():
            before, after = old[key].get(field), new[key].get(field)
            if field in PERCENT_FIELDS:
                before, after = _percent(before), _percent(after)
            line = _changed(f"{label}: {field_label}", before, after)
            if line:
                lines.append((key, line))
    return [line for _, line in sorted(lines, key=lambda pair: _natural(pair[0]))]


def _changed(label: str, before, after) -> str:
    if before == after:
        return ""
    if isinstance(before, str) and isinstance(after, str) and max(len(before), len(after)) > _LONG_TEXT:
        return f"{label} được sửa: “{_short(after)}”"
    return f"{label}: {_value(before)} → {_value(after)}"


def _value(value) -> str:
    if value in (None, ""):
        return "(trống)"
    if isinstance(value, _Shown):
        return value
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    return f"“{value}”" if isinstance(value, str) else str(value)


class _Shown(str):
    """A value already written for the reader (not quoted as text)."""


def _percent(ratio) -> str | None:
    return None if ratio is None else _Shown(_value(Decimal(ratio) * 100) + "%")


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _LONG_TEXT else text[: _LONG_TEXT - 1] + "…"


def _natural(key) -> tuple:
    """1.2 before 1.10; numbers before words."""
    parts = str(key).replace("-", ".").split(".")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)
