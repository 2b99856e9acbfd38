"""Write a checked import (members.importing.matching's ImportPlan): every planned row in one transaction, with
their history, or none."""

import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from common.workflow import set_fields
from members.models import Member

from .history import copy_history_of, copy_rows
from .matching import LOOKUP_CHUNK, ImportPlan

WRITE_BATCH = 2000
# SQLite's page cache while an import writes (KiB). Each new member goes into five indexes whose keys are spread
# over the whole roll (names, CCCD, card number); with the default 2 MB cache those pages are spilled and read
# back over and over while the write lock is held (100,000 rows into 1,000,000: 8.6 s instead of 5.2 s).
WRITE_PAGE_CACHE_KIB = 256 * 1024
ID_NUMBER_TAKEN_MEANWHILE = "Có số CCCD vừa được dùng cho đoàn viên khác trong lúc kiểm tra tệp; hãy tải tệp lên lại."


class ImportRefused(Exception):
    """The import cannot be written; the message is shown to the user."""


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
    for start in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[start : start + LOOKUP_CHUNK]
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
