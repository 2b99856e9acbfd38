"""Import members from a workbook: validate every row first (row, column, value, message), then write all rows
in one transaction, with their history. Cross-row rules (scope, duplicates, CCCD of other members) live here."""

import contextlib
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from branches.models import GRASSROOTS_TYPES, Unit, UnitType
from common.text import search_key
from common.vietnamese import normalise_name
from common.workflow import set_fields
from members.columns import BY_KEY, COLUMNS
from members.models import Member, MemberStatus

from . import cells
from .history import copy_history_of, copy_rows
from .resource import MemberResource
from .workbook import Table

MEMBER_UNIT_TYPES = GRASSROOTS_TYPES | {UnitType.BRANCH}
# Fields an import sets, in template order ("unit" comes from the Chi đoàn column).
IMPORTED_FIELDS = [c.key for c in COLUMNS if c.key not in ("stt", "unit_code")]
_DATA_KEYS = ("birth_date", "gender", "id_number", "card_number")
_LOOKUP_CHUNK = 500
WRITE_BATCH = 2000
# SQLite's page cache while an import writes (KiB). Each new member goes into five indexes whose keys are spread
# over the whole roll (names, CCCD, card number); with the default 2 MB cache those pages are spilled and read
# back over and over while the write lock is held (100,000 rows into 1,000,000: 8.6 s instead of 5.2 s).
WRITE_PAGE_CACHE_KIB = 256 * 1024
ID_NUMBER_TAKEN_MEANWHILE = "Có số CCCD vừa được dùng cho đoàn viên khác trong lúc kiểm tra tệp; hãy tải tệp lên lại."


class ImportRefused(Exception):
    """The import cannot be written; the message is shown to the user."""


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
                plan.problems.append(
                    Problem(row.row, _header(table, column), value, f"Trùng với dòng {twin.row} trong tệp.")
                )
                flagged.add(row.row)
    candidates[:] = [planned for planned in candidates if planned.row not in flagged]


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


def _match_existing(candidates: list[PlannedRow], unit: Unit, table: Table, plan: ImportPlan) -> None:
    """Rows naming a member already in the subtree update that member (CCCD, then card number, then name and
    birth date); a CCCD held by an active member elsewhere is refused."""
    in_scope = Member.objects.in_subtree(unit)
    by_id = _lookup(in_scope, "id_number", {p.values["id_number"] for p in candidates if p.values.get("id_number")})
    by_card = _lookup(
        in_scope, "card_number", {p.values["card_number"] for p in candidates if p.values.get("card_number")}
    )
    by_name = _lookup(in_scope, "name_search", {search_key(p.values["full_name"]) for p in candidates})
    active_ids = _active_id_numbers({p.values["id_number"] for p in candidates if p.values.get("id_number")})
    for planned in candidates:
        values = planned.values
        existing = (
            by_id.get(values.get("id_number"))
            or by_card.get(values.get("card_number"))
            or _same_person(by_name.get(search_key(values["full_name"]), []), values)
        )
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
            continue
        if existing is None:
            plan.creates.append(planned)
        else:
            _plan_update(planned, existing, table, plan)


def _lookup(queryset, field_name: str, keys: set) -> dict:
    """Members (as dicts) whose `field_name` is one of `keys`, fetched in chunks; name lookups keep lists."""
    found: dict = {}
    keys = sorted(key for key in keys if key)
    for start in range(0, len(keys), _LOOKUP_CHUNK):
        chunk = keys[start : start + _LOOKUP_CHUNK]
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
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ids[start : start + _LOOKUP_CHUNK]
        holders.update(Member.objects.active().filter(id_number__in=chunk).values_list("id_number", "id"))
    return holders


def _same_person(rows: list[dict], values: dict) -> dict | None:
    """The one member with this name and birth date whose CCCD does not contradict the row."""
    matches = [
        row
        for row in rows
        if row["birth_date"] == values["birth_date"]
        and not (row["id_number"] and values.get("id_number") and row["id_number"] != values["id_number"])
    ]
    return matches[0] if len(matches) == 1 else None


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


@dataclass
class ImportResult:
    created: int
    updated: int
    skipped_rows: int


_NULLABLE = {f.attname: f.null for f in Member._meta.concrete_fields} | {
    f.name: f.null for f in Member._meta.concrete_fields
}


def write_import(
    *, plan: ImportPlan, by, source_name: str, skip_invalid: bool = False, on_written: Callable | None = None
) -> ImportResult:
    """Write every planned row in one transaction, with history rows in bulk; refuse when any row is invalid
    (unless skip_invalid) or a member changed since the plan was made.

    Everything that can be prepared is prepared before the transaction opens, down to the parameters of each
    INSERT (on SQLite the transaction holds the database's write lock, and every other save waits for it). A CCCD
    that an active member took after the check is refused by the database's unique index, not looked up again
    under the lock. `on_written(result)` runs inside the transaction, so whatever it records commits with the
    rows or not at all.
    """
    if plan.problems and not skip_invalid:
        raise ImportRefused(f"Tệp còn {len(plan.problem_rows)} dòng lỗi; chưa ghi dòng nào.")
    reason = f"Nhập từ Excel: {source_name}"[:100]
    now = timezone.now()
    member_rows = _prepared_creates(plan)
    batch = _insert_batch_size()
    try:
        with _roomy_page_cache(), transaction.atomic():
            _check_still_current(plan)
            for start in range(0, len(member_rows), batch):
                ids = _insert_members(member_rows[start : start + batch])
                copy_history_of(ids, history_type="+", by=by, reason=reason, date=now)
            updated = _write_updates(plan, by, reason, now)
            result = ImportResult(created=len(member_rows), updated=updated, skipped_rows=len(plan.problem_rows))
            if on_written is not None:
                on_written(result)
    except IntegrityError as error:
        if "id_number" in str(error):  # member_unique_active_id_number; SQLite names the column
            raise ImportRefused(ID_NUMBER_TAKEN_MEANWHILE) from None
        raise
    return result


@contextlib.contextmanager
def _roomy_page_cache():
    """On SQLite, a page cache of WRITE_PAGE_CACHE_KIB for the write, given back (shrunk) afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {-WRITE_PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


_INSERT_FIELDS = [field for field in Member._meta.concrete_fields if not field.primary_key]


def _prepared_creates(plan: ImportPlan) -> list[tuple]:
    """The INSERT parameters of each new member."""
    member_rows = []
    for planned in plan.creates:
        # A blank cell means "not given": the model's default (status "đang sinh hoạt", not a Party member) or "".
        values = planned.values
        member = Member(**{key: value for key, value in values.items() if value is not None or _NULLABLE[key]})
        member.fill_derived_fields()
        member_rows.append(
            tuple(field.get_db_prep_save(field.pre_save(member, True), connection) for field in _INSERT_FIELDS)
        )
    return member_rows


def _insert_batch_size() -> int:
    limit = 65535  # PostgreSQL's bound parameters per statement
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(WRITE_BATCH, limit // len(_INSERT_FIELDS)))


def _insert_members(rows: list[tuple]) -> list[int]:
    """Insert prepared member rows with one statement; their new ids, in order (as bulk_create reads them)."""
    if connection.vendor == "postgresql":
        # The ids are drawn from the table's sequence first, then the rows (with their ids) are COPYed.
        table, pk = Member._meta.db_table, Member._meta.pk
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk.column, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
        copy_rows(table, [pk, *_INSERT_FIELDS], ((pk_value, *row) for pk_value, row in zip(ids, rows, strict=True)))
        return ids
    quote = connection.ops.quote_name
    placeholders = "(" + ", ".join(["%s"] * len(_INSERT_FIELDS)) + ")"
    sql = "INSERT INTO {} ({}) VALUES {} RETURNING {}".format(  # noqa: S608 - names from model metadata
        quote(Member._meta.db_table),
        ", ".join(quote(field.column) for field in _INSERT_FIELDS),
        ", ".join([placeholders] * len(rows)),
        quote(Member._meta.pk.column),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])
        return [row[0] for row in cursor.fetchall()]


def _check_still_current(plan: ImportPlan) -> None:
    ids = list(plan.seen)
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ids[start : start + _LOOKUP_CHUNK]
        current = dict(Member.objects.select_for_update().filter(pk__in=chunk).values_list("pk", "updated_at"))
        if any(current.get(pk) != plan.seen[pk] for pk in chunk):
            raise ImportRefused("Có hồ sơ đoàn viên vừa được sửa trong lúc kiểm tra tệp; hãy tải tệp lên lại.")


def _write_updates(plan: ImportPlan, by, reason: str, now) -> int:
    if not plan.updates:
        return 0
    members = Member.objects.in_bulk([planned.member_id for planned in plan.updates])
    changed_fields = {"updated_at", "full_name", "family_name", "middle_name", "given_name", "name_search", "sort_key"}
    objs = []
    for planned in plan.updates:
        member = members[planned.member_id]
        set_fields(member, {key: new for key, (_, new) in planned.changes.items()})
        changed_fields.update(planned.changes)
        member.fill_derived_fields()
        member.updated_at = now
        objs.append(member)
    Member.objects.bulk_update(objs, sorted(changed_fields), batch_size=WRITE_BATCH)
    copy_history_of([member.pk for member in objs], history_type="~", by=by, reason=reason, date=now)
    return len(objs)
