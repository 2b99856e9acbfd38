"""The import service: every row validated first (row, column, value, message), then all rows or none written."""

import datetime

import pytest
from django.db import IntegrityError, connection

from members.importing import writing
from members.importing.matching import plan_import
from members.importing.workbook import read_table
from members.importing.writing import ImportRefused, write_import
from members.models import Member, MemberStatus
from tests.members.conftest import make_member
from tests.members.data.workbooks import TITLE_LINES, member_row, office_workbook, workbook_bytes


def plan_for(rows, unit, **kwargs):
    return plan_import(table=read_table(workbook_bytes(rows, **kwargs)), unit=unit)


def problems_of(plan):
    return [(p.row, p.column, p.value, p.message) for p in plan.problems]


def test_an_office_workbook_imports_with_its_quirks(world):
    plan = plan_import(table=read_table(office_workbook()), unit=world.units.eaphe)
    assert plan.problems == []
    assert plan.ignored == 2  # a blank row in the table and the blank line above the foot
    assert plan.foot_rows == [10, 11]  # "Người lập biểu … TM. BAN CHẤP HÀNH", "BÍ THƯ"
    result = write_import(plan=plan, by=world.secretary, source_name="ds.xlsx")
    assert (result.created, result.updated) == (3, 0)
    an = Member.objects.get(name_search="nguyen van an")
    assert an.full_name == "Nguyễn Văn An"
    assert an.birth_date == datetime.date(2001, 9, 5)
    assert an.id_number == "066201000001"
    assert an.unit == world.units.eaphe_t1
    hen = Member.objects.get(id_number="066303000002")
    assert (hen.gender, hen.ethnicity, hen.birth_date) == ("nu", "Ê Đê", datetime.date(2003, 3, 7))
    assert Member.objects.get(full_name="Trần Thị Bình").unit == world.units.eaphe_t2


def test_imported_members_have_a_history_row_naming_the_importer_and_the_file(world):
    write_import(plan=plan_for([member_row()], world.units.eaphe), by=world.secretary, source_name="ds.xlsx")
    record = Member.history.get()
    assert record.history_type == "+"
    assert record.history_user == world.secretary
    assert record.history_change_reason == "Nhập từ Excel: ds.xlsx"


def test_each_imported_member_gets_its_own_history_row_and_its_own_values(world, monkeypatch):
    # Several statements (on PostgreSQL, several COPY batches) with the ids read back in order: a shift would
    # give one member another's history.
    monkeypatch.setattr(writing, "WRITE_BATCH", 2)
    write_import(
        plan=plan_import(table=read_table(office_workbook()), unit=world.units.eaphe), by=None, source_name="x"
    )
    members = Member.objects.order_by("pk")
    assert members.count() == 3
    for member in members:
        record = member.history.get()
        assert (record.full_name, record.id_number, record.birth_date) == (
            member.full_name,
            member.id_number,
            member.birth_date,
        )


def test_every_problem_has_the_excel_row_the_column_the_value_and_a_message(world):
    rows = [
        member_row(1, birth="31/02/2000"),
        member_row(2, id_number="06620100000A"),
        member_row(3, id_number="06620100001"),
        member_row(4, name=""),
        member_row(5, gender="X"),
        member_row(6, ethnicity="Sao Hỏa"),
    ]
    plan = plan_for(rows, world.units.eaphe, title_lines=TITLE_LINES)
    assert problems_of(plan) == [
        (5, "Ngày sinh", "31/02/2000", "Ngày không có thật: 31/02/2000."),
        (6, "Số CCCD", "06620100000A", "Số CCCD chỉ được gồm chữ số."),
        (7, "Số CCCD", "06620100001", "Số CCCD phải gồm đúng 12 chữ số (đang có 11)."),
        (8, "Họ và tên", "", "Thiếu họ và tên."),
        (9, "Giới tính", "X", "Giới tính phải là “Nam” hoặc “Nữ”."),
        (10, "Dân tộc", "Sao Hỏa", "Không có trong danh mục 54 dân tộc Việt Nam."),
    ]
    assert plan.creates == []


def test_rows_duplicated_inside_the_file_are_flagged_on_both_rows(world):
    rows = [member_row(1), member_row(2, name="Phạm Văn Dũng"), member_row(3, id_number="066000000001")]
    plan = plan_for(rows, world.units.eaphe)
    assert problems_of(plan) == [
        (4, "Số CCCD", "066000000001", "Trùng với dòng 2 trong tệp."),
        (2, "Số CCCD", "066000000001", "Trùng với dòng 4 trong tệp."),
    ]
    assert [p.row for p in plan.creates] == [3]


def test_rows_without_cccd_are_duplicates_when_name_and_birth_date_repeat(world):
    rows = [member_row(1, card_number=""), member_row(2, id_number=None, card_number="")]
    plan = plan_for(rows, world.units.eaphe)
    assert {p.message for p in plan.problems} == {"Trùng với dòng 3 trong tệp.", "Trùng với dòng 2 trong tệp."}


def test_an_exact_copy_of_a_row_is_imported_once_and_the_copy_reported_as_skipped(world):
    # Pasted twice: the same CCCD (once typed as a number), card number, name (other case, spaces) and birth date.
    copy = member_row(
        7, name="  NGUYỄN  văn An ", birth=datetime.datetime(2001, 9, 5), id_number=66000000001, card_number="TĐV-00001"
    )
    rows = [member_row(1), member_row(2, name="Phạm Văn Dũng"), copy]
    plan = plan_for(rows, world.units.eaphe)
    assert plan.problems == []
    assert [p.row for p in plan.creates] == [2, 3]
    assert plan.duplicates == [(4, 2)]
    write_import(plan=plan, by=world.secretary, source_name="ds.xlsx")
    assert Member.objects.filter(id_number="066000000001").count() == 1


def test_rows_sharing_a_card_number_with_other_data_are_both_flagged(world):
    rows = [member_row(1), member_row(2, name="Phạm Văn Dũng", card_number="TĐV-00001")]
    plan = plan_for(rows, world.units.eaphe)
    assert [(p.row, p.message) for p in plan.problems] == [
        (3, "Trùng với dòng 2 trong tệp."),
        (2, "Trùng với dòng 3 trong tệp."),
    ]
    assert plan.duplicates == []


SIGNATURE_FOOT = [
    [],
    [None, "Người lập biểu", None, None, None, None, None, "Bí thư chi đoàn"],
    [None, None, None, None, None, None, None, "Ea Phê, ngày 20 tháng 3 năm 2026"],
    [None, "(Ký, ghi rõ họ tên)", None, None, None, None, None, "Xác nhận của BCH Đoàn xã"],
    [],
    [None, "Nguyễn Thị Hoa", None, None, None, None, None, "H' Mai Niê"],
    [None, None, datetime.datetime(2026, 3, 20)],
]


def test_the_signature_block_below_the_last_member_is_the_foot_not_errors(world):
    plan = plan_for([member_row(1), member_row(2, name="Phạm Văn Dũng")], world.units.eaphe, foot_lines=SIGNATURE_FOOT)
    assert plan.problems == []
    assert [p.row for p in plan.creates] == [2, 3]
    assert plan.foot_rows == [5, 6, 7, 9, 10]


def test_a_member_row_at_the_end_without_signature_words_is_still_checked(world):
    rows = [member_row(1), [None, "Phạm Văn Dũng", None, None, None, None, None, "TĐV-00009"]]
    plan = plan_for(rows, world.units.eaphe, foot_lines=SIGNATURE_FOOT)
    assert [(p.row, p.message) for p in plan.problems] == [(3, "Thiếu ngày sinh."), (3, "Thiếu giới tính.")]
    assert plan.foot_rows == [5, 6, 7, 9, 10]


def test_signature_words_above_a_member_row_are_an_error_not_a_foot(world):
    rows = [member_row(1), [None, "Người lập biểu", None, None, None, None, None, "Bí thư"], member_row(3)]
    plan = plan_for(rows, world.units.eaphe)
    assert plan.foot_rows == []
    assert {p.row for p in plan.problems} == {3}


def test_a_formula_cell_without_a_stored_result_is_flagged(world):
    # openpyxl writes formulas without their result, as a program that never opened the file in Excel would.
    rows = [member_row(1), member_row(2, name="Phạm Văn Dũng", occupation="=UPPER(M2)")]
    plan = plan_for(rows, world.units.eaphe)
    assert [(p.row, p.column) for p in plan.problems] == [(3, "Nghề nghiệp")]
    assert "công thức" in plan.problems[0].message
    assert [p.row for p in plan.creates] == [2]


def test_rows_for_units_outside_the_importers_unit_are_refused(world):
    plan = plan_for(
        [member_row(1, unit_code="DL-BMT-TANLOI-C1"), member_row(2, unit_code="DL-KP-EAKENH-T1")], world.units.eaphe
    )
    assert [p.message for p in plan.problems] == [
        "Không có chi đoàn mã “DL-BMT-TANLOI-C1” đang hoạt động trong “Đoàn xã Ea Phê”.",
        "Không có chi đoàn mã “DL-KP-EAKENH-T1” đang hoạt động trong “Đoàn xã Ea Phê”.",
    ]


def test_a_district_import_needs_the_chi_doan_of_each_row(world):
    plan = plan_for([member_row(1, unit_code=""), member_row(2, unit_code="dl-kp-eakenh-t1")], world.units.kp)
    assert [p.message for p in plan.problems] == [
        "Cần ghi mã chi đoàn: “Huyện đoàn Krông Pắc” không trực tiếp quản lý đoàn viên."
    ]
    assert plan.creates[0].values["unit_id"] == world.units.eakenh_t1.pk


def test_a_cccd_held_by_an_active_member_elsewhere_is_refused(world):
    make_member(world.units.tanloi_c1, "Lê Văn Cường", id_number="066000000001")
    plan = plan_for([member_row(1)], world.units.eaphe)
    assert [p.message for p in plan.problems] == ["Số CCCD này đang thuộc một đoàn viên đang sinh hoạt khác."]


def test_a_known_member_is_updated_and_blank_cells_keep_what_the_record_has(world):
    member = make_member(world.units.eaphe_t1, "Nguyễn Văn An", id_number="066000000001", phone="0900000000")
    plan = plan_for([member_row(1, phone="", occupation="Giáo viên")], world.units.eaphe)
    assert plan.creates == []
    assert plan.updates[0].member_id == member.pk
    assert "phone" not in plan.updates[0].changes
    assert plan.updates[0].changes["occupation"] == ("", "Giáo viên")
    write_import(plan=plan, by=world.secretary, source_name="ds.xlsx")
    member.refresh_from_db()
    assert (member.occupation, member.phone) == ("Giáo viên", "0900000000")
    assert member.history.first().history_change_reason == "Nhập từ Excel: ds.xlsx"


def test_a_status_different_from_the_record_is_flagged_not_changed(world):
    make_member(world.units.eaphe_t1, "Nguyễn Văn An", id_number="066000000001")
    plan = plan_for([member_row(1, status="Đã chuyển đi")], world.units.eaphe)
    assert plan.problems[0].column == "Trạng thái"
    assert plan.updates == []


def test_nothing_is_written_while_any_row_is_invalid(world):
    plan = plan_for([member_row(1), member_row(2, birth="31/02/2000")], world.units.eaphe)
    with pytest.raises(ImportRefused, match="1 dòng lỗi"):
        write_import(plan=plan, by=world.secretary, source_name="ds.xlsx")
    assert Member.objects.count() == 0


def test_skip_invalid_writes_the_valid_rows_only(world):
    plan = plan_for([member_row(1), member_row(2, birth="31/02/2000")], world.units.eaphe)
    result = write_import(plan=plan, by=None, source_name="ds.xlsx", skip_invalid=True)
    assert (result.created, result.skipped_rows) == (1, 1)


def test_a_member_edited_after_the_check_makes_the_import_refuse(world):
    member = make_member(world.units.eaphe_t1, "Nguyễn Văn An", id_number="066000000001")
    plan = plan_for([member_row(1, occupation="Giáo viên"), member_row(2, name="Phạm Văn Dũng")], world.units.eaphe)
    member.phone = "0911111111"
    member.save()
    with pytest.raises(ImportRefused, match="vừa được sửa"):
        write_import(plan=plan, by=world.secretary, source_name="ds.xlsx")
    assert Member.objects.count() == 1


def test_a_failure_while_writing_leaves_no_row_behind(world, monkeypatch):
    make_member(world.units.eaphe_t1, "Nguyễn Văn An", id_number="066000000001")
    plan = plan_for([member_row(1, occupation="Giáo viên"), member_row(2, name="Phạm Văn Dũng")], world.units.eaphe)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writing, "_write_updates", broken)
    with pytest.raises(RuntimeError):
        write_import(plan=plan, by=world.secretary, source_name="ds.xlsx")
    assert Member.objects.count() == 1
    assert Member.history.count() == 1


def test_a_cccd_taken_meanwhile_by_a_row_to_update_is_refused_by_the_unique_index(world):
    member = make_member(world.units.eaphe_t1, "Nguyễn Văn An", id_number=None, birth_date=datetime.date(2001, 9, 5))
    plan = plan_for([member_row(1, id_number="066000000009")], world.units.eaphe)
    assert plan.updates[0].member_id == member.pk and plan.problems == []
    make_member(world.units.tanloi_c1, "Lê Văn Cường", id_number="066000000009")  # entered meanwhile elsewhere
    with pytest.raises(ImportRefused, match="Có số CCCD vừa được dùng cho đoàn viên khác"):
        write_import(plan=plan, by=world.secretary, source_name="ds.xlsx")
    member.refresh_from_db()
    assert member.id_number is None


def test_another_integrity_error_while_writing_is_not_reported_as_a_cccd(world, monkeypatch):
    plan = plan_for([member_row(1)], world.units.eaphe)

    def broken(rows):
        raise IntegrityError("FOREIGN KEY constraint failed")

    monkeypatch.setattr(writing, "_insert_members", broken)
    with pytest.raises(IntegrityError):
        write_import(plan=plan, by=world.secretary, source_name="ds.xlsx")


def test_on_sqlite_the_write_has_a_larger_page_cache_and_gives_it_back(world):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's page cache")

    def cache_size():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            return cursor.fetchone()[0]

    before = cache_size()
    during = []
    plan = plan_for([member_row(1)], world.units.eaphe)
    write_import(
        plan=plan, by=world.secretary, source_name="ds.xlsx", on_written=lambda result: during.append(cache_size())
    )
    assert during == [-writing.WRITE_PAGE_CACHE_KIB] != [before]
    assert cache_size() == before


def test_an_inactive_member_with_the_same_cccd_does_not_block_a_new_active_one(world):
    make_member(world.units.tanloi_c1, "Lê Văn Cường", id_number="066000000001", status=MemberStatus.TRANSFERRED)
    plan = plan_for([member_row(1)], world.units.eaphe)
    assert plan.problems == []
    assert len(plan.creates) == 1


def test_blank_status_and_party_cells_take_the_defaults(world):
    # Found in the browser walk-through: the portal's own template with "Trạng thái" left blank crashed the write.
    plan = plan_for([member_row(1, status=None, is_party_member=None, religion=None)], world.units.eaphe)
    assert plan.problems == []
    write_import(plan=plan, by=world.secretary, source_name="mau.xlsx")
    member = Member.objects.get(id_number="066000000001")
    assert (member.status, member.is_party_member, member.religion) == (MemberStatus.ACTIVE, False, "")


def test_a_database_error_while_writing_fails_the_job_instead_of_leaving_it_writing(world, monkeypatch):
    from django.db import IntegrityError

    from members.importing import jobs
    from members.models import ImportStatus

    job = jobs.start_import(
        unit=world.units.eaphe, by=world.secretary, file_name="ds.xlsx", data=workbook_bytes([member_row(1)])
    )
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED

    def broken(**kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(jobs, "write_import", broken)
    job = jobs.confirm_import(job=job, by=world.secretary)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "chưa ghi dòng nào" in job.message
    assert not Member.objects.filter(id_number="066000000001").exists()


def test_a_member_written_by_the_prepared_insert_equals_one_saved_through_the_orm(world):
    plan = plan_for(
        [member_row(1, name="  Ayŭn  H' Hen ", is_party_member="Có", party_joined_date="01/02/2020")], world.units.eaphe
    )
    values = dict(plan.creates[0].values)
    write_import(plan=plan, by=world.secretary, source_name="ds.xlsx")
    imported = Member.objects.get()
    values["id_number"] = "066000000099"
    orm = Member.objects.create(**{k: v for k, v in values.items() if v is not None})
    skip = {"id", "id_number", "created_at", "updated_at"}
    fields = [f.attname for f in Member._meta.concrete_fields if f.attname not in skip]
    assert {f: getattr(imported, f) for f in fields} == {f: getattr(orm, f) for f in fields}
    assert imported.created_at and imported.updated_at
    record = imported.history.get()
    assert (record.history_type, record.history_user, record.full_name) == ("+", world.secretary, "Ayŭn H' Hen")
