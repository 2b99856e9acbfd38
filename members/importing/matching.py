"""Check an import before anything is written: every row of a workbook validated (row, column, value, message) and
matched with the registry. Cross-row rules (scope, duplicates, CCCD of other members) live here; the ImportPlan it
returns is what members.importing.writing writes."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from branches.models import GRASSROOTS_TYPES, Unit, UnitType
from common.text import search_key
from common.vietnamese import normalise_name
from members.columns import BY_KEY, COLUMNS
from members.models import Member, MemberStatus

from . import cells
from .resource import MemberResource
from .workbook import Table

MEMBER_UNIT_TYPES = GRASSROOTS_TYPES | {UnitType.BRANCH}
# Fields an import sets, in template order ("unit" comes from the Chi đoàn column).
IMPORTED_FIELDS = [c.key for c in COLUMNS if c.key not in ("stt", "unit_code")]
_DATA_KEYS = ("birth_date", "gender", "id_number", "card_number")
LOOKUP_CHUNK = 500
DUPLICATE = "Trùng với dòng {} trong tệp."
NAMESAKE_ROW = (
    "Cùng họ tên và ngày sinh với dòng {} trong tệp, không có số CCCD hay số thẻ đoàn viên khác nhau để phân biệt; "
    "hãy kiểm tra đó là một người hay hai người."
)


@dataclass
class Problem:
    row: int
    column: str
    value: str
    message: str


@dataclass
class PlannedRow:
    row: int
    values: dict  # Member field -> value, "unit_id" included
    unit_given: bool = True  # the row names its chi đoàn (otherwise an update keeps the member's)
    member_id: int | None = None
    changes: dict = field(default_factory=dict)  # field -> (old, new), for updates


@dataclass
class ImportPlan:
    unit_id: int
    sheet_name: str = ""
    header_row: int = 1
    creates: list[PlannedRow] = field(default_factory=list)
    updates: list[PlannedRow] = field(default_factory=list)
    unchanged: int = 0
    ignored: int = 0
    problems: list[Problem] = field(default_factory=list)
    seen: dict = field(default_factory=dict)  # member id -> updated_at when validated
    foot_rows: list[int] = field(default_factory=list)  # signature block below the last member
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # (row skipped, row it repeats)
    id_holders: set[int] = field(default_factory=set)  # members elsewhere holding a CCCD of the file

    @property
    def problem_rows(self) -> set[int]:
        return {problem.row for problem in self.problems}


def plan_import(*, table: Table, unit: Unit, progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    """Validate every row of `table` for an import into `unit`'s subtree; nothing is written."""
    plan = ImportPlan(unit_id=unit.pk, sheet_name=table.sheet_name, header_row=table.header_row)
    resource = MemberResource()
    units = _UnitResolver(unit)
    candidates: list[PlannedRow] = []
    rows = _data_rows(table, plan)
    positions = list(table.columns.items())
    for done, (number, values) in enumerate(rows, start=1):
        raw = {c.key: values[i] if i < len(values) else None for i, c in positions}  # one row's dict at a time
        uncached = {c.key for i, c in positions if (number, i) in table.uncached} if table.uncached else set()
        planned = _check_row(number, raw, resource, units, table, plan, uncached)
        if planned is not None:
            candidates.append(planned)
        if progress and done % 1000 == 0:
            progress(done, len(rows))
    _flag_duplicates(candidates, table, plan)
    _match_existing(candidates, unit, table, plan)
    if progress:
        progress(len(rows), len(rows))
    return plan


def _data_rows(table: Table, plan: ImportPlan) -> list[tuple[int, list]]:
    """The rows holding members: blank rows, column-number rows and the foot (signatures) left out."""
    index_of = {column.key: i for i, column in table.columns.items()}
    name_at = index_of["full_name"]
    content = [i for i, column in table.columns.items() if column.key != "stt"]
    data_at = [index_of[key] for key in _DATA_KEYS if key in index_of]

    def cell(values, i):
        return values[i] if i < len(values) else None

    rows = []
    for number, values in table.rows:
        if all(cells.is_blank(cell(values, i)) for i in content) or _is_numbering(cell(values, name_at)):
            plan.ignored += 1
            continue
        rows.append((number, values))
    foot_at = _foot_start(rows, index_of)
    if foot_at is not None:
        plan.foot_rows = [number for number, _ in rows[foot_at:]]
        rows = rows[:foot_at]
    bearing = (i for i, (_, values) in enumerate(rows) if any(not cells.is_blank(cell(values, j)) for j in data_at))
    last = max(bearing, default=-1)
    plan.ignored += len(rows) - (last + 1)
    return rows[: last + 1]


# Words of the signature block offices put under the table (compared without diacritics).
_FOOT_WORDS = re.compile(
    r"nguoi lap|lap bieu|\bbi thu\b|\bt/?m\b|ban chap hanh|ban thuong vu|xac nhan|ky ten|\(ky|ghi ro ho ten|dong dau"
    r"|chu tich|thu truong|truong ban|hieu truong|giam doc|\bkt\b|noi nhan|ngay\s*\S*\s*thang\s*\S*\s*nam"
)


def _foot_start(rows: list[tuple[int, list]], index_of: dict) -> int | None:
    """Where the foot of the table begins: the first row, below the last row that looks like a member, that holds
    signature words (or only a date); the rows from there on (titles, dates, names under a signature) are the foot.
    """
    start = None
    for position in range(len(rows) - 1, -1, -1):
        values = rows[position][1]
        if _looks_like_member(values, index_of):
            break
        if _is_signature(values):
            start = position
    return start


def _looks_like_member(values: list, index_of: dict) -> bool:
    """A name with a birth date, a gender or a CCCD that can be read: a member's row, even with other faults."""

    def cell(key):
        i = index_of.get(key)
        return values[i] if i is not None and i < len(values) else None

    if cells.is_blank(cell("full_name")):
        return False
    for key, parse in (
        ("birth_date", cells.parse_date),
        ("gender", cells.parse_gender),
        ("id_number", cells.parse_id_number),
    ):
        try:
            if parse(cell(key)) is not None:
                return True
        except cells.CellError:
            continue
    return False


def _is_signature(values: list) -> bool:
    filled = [value for value in values if not cells.is_blank(value)]
    if filled and all(isinstance(value, datetime.date) for value in filled):
        return True
    return any(isinstance(value, str) and _FOOT_WORDS.search(search_key(value)) for value in filled)


def _is_numbering(value) -> bool:
    """The "(1) (2) (3)" row some offices put under the headers."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and value.strip().strip("()").isdigit()


UNCACHED_FORMULA = (
    "Ô có công thức nhưng tệp không lưu kết quả tính; hãy mở tệp bằng Excel, lưu lại rồi tải lên (hoặc gõ giá trị)."
)


def _check_row(number, raw, resource, units, table, plan, uncached=()) -> PlannedRow | None:
    values, errors = resource.clean_cells(raw)
    for key in uncached:
        errors[key] = UNCACHED_FORMULA
    for key, label in (("full_name", "họ và tên"), ("birth_date", "ngày sinh"), ("gender", "giới tính")):
        if key not in errors and not values.get(key):
            errors[key] = f"Thiếu {label}."
    if values.get("party_joined_date") and not values.get("is_party_member"):
        errors["party_joined_date"] = "Có ngày vào Đảng nhưng cột Đảng viên không ghi “Có”."
    if values.get("joined_date") and values.get("birth_date") and values["joined_date"] < values["birth_date"]:
        errors["joined_date"] = "Ngày vào Đoàn trước ngày sinh."
    unit_id = None
    if "unit_code" not in errors:
        try:
            unit_id = units.resolve(values.get("unit_code"))
        except cells.CellError as error:
            errors["unit_code"] = str(error)
    for key, message in errors.items():
        plan.problems.append(Problem(number, _header(table, key), display(raw.get(key)), message))
    if errors:
        return None
    values.pop("stt", None)
    unit_given = bool(values.pop("unit_code", None))
    return PlannedRow(row=number, values=values | {"unit_id": unit_id}, unit_given=unit_given)


def _header(table: Table, key: str) -> str:
    return table.header_texts.get(key) or BY_KEY[key].header


def display(value) -> str:
    """A raw cell as the user would read it in the preview."""
    if cells.is_blank(value):
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _UnitResolver:
    """Chi đoàn codes (or unique names) inside the import unit's subtree; anything else is refused alike."""

    def __init__(self, unit: Unit):
        self.unit = unit
        self.by_code, by_name = {}, {}
        for candidate in Unit.objects.descendants_of(unit, include_self=True).only(
            "pk", "code", "name", "unit_type", "valid_to"
        ):
            if candidate.is_dissolved() or candidate.unit_type not in MEMBER_UNIT_TYPES:
                continue
            self.by_code[candidate.code.upper()] = candidate.pk
            by_name.setdefault(search_key(candidate.name), []).append(candidate.pk)
        self.by_name = {name: pks[0] for name, pks in by_name.items() if len(pks) == 1}

    def resolve(self, code: str | None) -> int | None:
        if not code:
            if self.unit.unit_type in MEMBER_UNIT_TYPES and not self.unit.is_dissolved():
                return self.unit.pk
            raise cells.CellError(f"Cần ghi mã chi đoàn: “{self.unit.name}” không trực tiếp quản lý đoàn viên.")
        found = self.by_code.get(code.upper()) or self.by_name.get(search_key(code))
        if found is None:
            raise cells.CellError(f"Không có chi đoàn mã “{code}” đang hoạt động trong “{self.unit.name}”.")
        return found


def _flag_duplicates(candidates: list[PlannedRow], table: Table, plan: ImportPlan) -> None:
    """A row repeating an earlier one exactly (CCCD, card number, name, birth date) was pasted twice: the later copy
    is skipped. Rows naming the same person with different data are both flagged, neither is imported."""
    copies: dict[tuple, PlannedRow] = {}
    kept = []
    for planned in candidates:
        values = planned.values
        key = (values.get("id_number"), values.get("card_number") or "", _same_name(values), values["birth_date"])
        original = copies.setdefault(key, planned)
        if original is planned:
            kept.append(planned)
        else:
            plan.duplicates.append((planned.row, original.row))
    candidates[:] = kept
    first: dict[tuple, PlannedRow] = {}
    flagged: set[int] = set()
    for planned in candidates:
        for key, column in _identity_keys(planned.values):
            other = first.setdefault(key, planned)
            if other is planned:
                continue
            value = display(planned.values.get(column)) if column != "full_name" else planned.values["full_name"]
            for row, twin in ((planned, other), (other, planned)):
                plan.problems.append(Problem(row.row, _header(table, column), value, DUPLICATE.format(twin.row)))
                flagged.add(row.row)
    for planned, other in _namesake_pairs(candidates):
        for row, twin in ((planned, other), (other, planned)):
            if row.row not in flagged:
                problem = Problem(
                    row.row, _header(table, "full_name"), row.values["full_name"], DUPLICATE.format(twin.row)
                )
                plan.problems.append(problem)
        flagged |= {planned.row, other.row}
    candidates[:] = [planned for planned in candidates if planned.row not in flagged]


def _namesake_pairs(candidates: list[PlannedRow]):
    """Rows with one name and birth date whose CCCDs and card numbers do not tell them apart (one row may show its
    card number, the other only its CCCD): they may be one person, whom the import must not create twice."""
    groups: dict[tuple, list[PlannedRow]] = {}
    for planned in candidates:
        groups.setdefault((search_key(planned.values["full_name"]), planned.values["birth_date"]), []).append(planned)
    for rows in groups.values():
        for i, planned in enumerate(rows):
            for other in rows[:i]:
                if not _distinct(planned.values, other.values):
                    yield planned, other


def _distinct(values: dict, other: dict) -> bool:
    return _contradicts(values.get("id_number"), other.get("id_number")) or _contradicts(
        values.get("card_number"), other.get("card_number")
    )


def _same_name(values: dict) -> str:
    return normalise_name(values["full_name"]).casefold()


def _identity_keys(values: dict):
    if values.get("id_number"):
        yield ("id", values["id_number"]), "id_number"
    if values.get("card_number"):
        yield ("card", values["card_number"]), "card_number"
    else:
        yield ("name", search_key(values["full_name"]), values["birth_date"]), "full_name"


_COMPARED = ["id", "updated_at", "unit_id", *IMPORTED_FIELDS]


SHARED_MEMBER = (
    "Các dòng {rows} cùng khớp với đoàn viên {name} (sinh ngày {birth:%d/%m/%Y}) đã có trong sổ; chưa nhập dòng nào "
    "trong số đó. Nếu là những người khác nhau, hãy ghi số CCCD hoặc số thẻ đoàn viên của từng người rồi nhập lại."
)
CARD_OF_ANOTHER = (
    "Số thẻ đoàn viên này là của {name} trong sổ, nhưng số CCCD trong sổ khác số CCCD của dòng này; hãy kiểm tra lại."
)
NAMESAKES = (
    "Có {count} đoàn viên cùng họ tên và ngày sinh trong sổ; hãy ghi số CCCD hoặc số thẻ đoàn viên để biết dòng này "
    "là ai."
)


def _match_existing(candidates: list[PlannedRow], unit: Unit, table: Table, plan: ImportPlan) -> None:
    """Rows naming a member already in the subtree update that member (CCCD, then card number, then name and
    birth date); a CCCD held by an active member elsewhere is refused. No member takes two rows, and no row is
    matched against a contradicting CCCD or against one of several namesakes: those rows are problems to decide."""
    in_scope = Member.objects.in_subtree(unit)
    by_id = _lookup(in_scope, "id_number", {p.values["id_number"] for p in candidates if p.values.get("id_number")})
    by_card = _lookup(
        in_scope, "card_number", {p.values["card_number"] for p in candidates if p.values.get("card_number")}
    )
    by_name = _lookup(in_scope, "name_search", {search_key(p.values["full_name"]) for p in candidates})
    active_ids = _active_id_numbers({p.values["id_number"] for p in candidates if p.values.get("id_number")})
    matched: dict[int, list[tuple[PlannedRow, dict]]] = {}
    for planned in candidates:
        values = planned.values
        existing = by_id.get(values.get("id_number")) or by_card.get(values.get("card_number"))
        namesakes = [] if existing else _namesakes(by_name.get(search_key(values["full_name"]), []), values)
        if len(namesakes) == 1:
            existing = namesakes[0]
        holder = active_ids.get(values.get("id_number"))
        if holder is not None and (existing is None or existing["id"] != holder):
            plan.id_holders.add(holder)
            plan.problems.append(
                Problem(
                    planned.row,
                    _header(table, "id_number"),
                    values["id_number"],
                    "Số CCCD này đang thuộc một đoàn viên đang sinh hoạt khác.",
                )
            )
        elif existing is not None and _contradicts(existing["id_number"], values.get("id_number")):
            message = CARD_OF_ANOTHER.format(name=existing["full_name"])
            plan.problems.append(Problem(planned.row, _header(table, "card_number"), values["card_number"], message))
        elif len(namesakes) > 1:
            message = NAMESAKES.format(count=len(namesakes))
            plan.problems.append(Problem(planned.row, _header(table, "full_name"), values["full_name"], message))
        elif existing is None:
            plan.creates.append(planned)
        else:
            matched.setdefault(existing["id"], []).append((planned, existing))
    for pairs in matched.values():
        if len(pairs) == 1:
            _plan_update(*pairs[0], table, plan)
            continue
        existing = pairs[0][1]
        rows = ", ".join(str(planned.row) for planned, _ in pairs)
        message = SHARED_MEMBER.format(rows=rows, name=existing["full_name"], birth=existing["birth_date"])
        for planned, _ in pairs:
            plan.problems.append(
                Problem(planned.row, _header(table, "full_name"), planned.values["full_name"], message)
            )


def _contradicts(registered, given) -> bool:
    """Two identifiers that are both known and differ: two people."""
    return bool(registered) and bool(given) and registered != given


def _lookup(queryset, field_name: str, keys: set) -> dict:
    """Members (as dicts) whose `field_name` is one of `keys`, fetched in chunks; name lookups keep lists."""
    found: dict = {}
    keys = sorted(key for key in keys if key)
    for start in range(0, len(keys), LOOKUP_CHUNK):
        chunk = keys[start : start + LOOKUP_CHUNK]
        rows = queryset.filter(**{f"{field_name}__in": chunk}).values(*_COMPARED, "name_search")
        for row in rows.order_by():  # an ORDER BY pk would make SQLite walk the whole table
            key = row[field_name]
            if field_name == "name_search":
                found.setdefault(key, []).append(row)
            elif key not in found or row["status"] == MemberStatus.ACTIVE:
                found[key] = row
    return found


def _active_id_numbers(id_numbers: set) -> dict[str, int]:
    ids = sorted(id_numbers)
    holders = {}
    for start in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[start : start + LOOKUP_CHUNK]
        holders.update(Member.objects.active().filter(id_number__in=chunk).values_list("id_number", "id"))
    return holders


def _namesakes(rows: list[dict], values: dict) -> list[dict]:
    """Members with this name and birth date whose CCCD and card number do not contradict the row."""
    return [
        row
        for row in rows
        if row["birth_date"] == values["birth_date"]
        and not _contradicts(row["id_number"], values.get("id_number"))
        and not _contradicts(row["card_number"], values.get("card_number"))
    ]


def _plan_update(planned: PlannedRow, existing: dict, table: Table, plan: ImportPlan) -> None:
    """Blank cells keep what the record has; a different status must go through the member's own page."""
    values = planned.values
    if values.get("status") and values["status"] != existing["status"]:
        plan.problems.append(
            Problem(
                planned.row,
                _header(table, "status"),
                dict(MemberStatus.choices)[values["status"]],
                "Khác trạng thái trong hồ sơ; đổi trạng thái (chuyển đi, trưởng thành…) trong hồ sơ đoàn viên.",
            )
        )
        return
    planned.member_id = existing["id"]
    plan.seen[existing["id"]] = existing["updated_at"]
    if not planned.unit_given:
        values["unit_id"] = existing["unit_id"]
    for key, new in values.items():
        if key == "status" or cells.is_blank(new) or (key == "is_party_member" and not new):
            continue
        new = normalise_name(new) if key == "full_name" else new
        if new != existing[key]:
            planned.changes[key] = (existing[key], new)
    if planned.changes:
        plan.updates.append(planned)
    else:
        plan.unchanged += 1
