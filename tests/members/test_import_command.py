"""manage.py import_members and export_members."""

import io

import pytest
from django.core.management import CommandError, call_command

from members.models import Member
from tests.members.data.workbooks import member_row, office_workbook, workbook_bytes


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_members_writes_the_rows_and_prints_a_summary(world, tmp_path):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(office_workbook())
    output = run("import_members", str(path), "--unit", "DL-KP-EAPHE")
    assert "Tổng kết: 3 thêm mới, 0 cập nhật" in output
    assert Member.objects.count() == 3
    assert Member.history.first().history_change_reason == "Nhập từ Excel: ds.xlsx"


def test_import_members_prints_each_problem_and_exits_non_zero_writing_nothing(world, tmp_path):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(workbook_bytes([member_row(1), member_row(2, birth="31/02/2000")]))
    out = io.StringIO()
    with pytest.raises(CommandError, match="không ghi dòng nào"):
        call_command("import_members", str(path), "--unit", "DL-KP-EAPHE", stdout=out)
    assert "Dòng 3: Ngày sinh “31/02/2000”: Ngày không có thật: 31/02/2000." in out.getvalue()
    assert Member.objects.count() == 0


def test_import_members_skip_invalid_imports_the_valid_rows(world, tmp_path):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(workbook_bytes([member_row(1), member_row(2, birth="31/02/2000")]))
    output = run("import_members", str(path), "--unit", "DL-KP-EAPHE", "--skip-invalid")
    assert "Đã thêm 1 đoàn viên" in output
    assert Member.objects.count() == 1


def test_import_members_dry_run_writes_nothing(world, tmp_path):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(office_workbook())
    assert "chưa ghi gì" in run("import_members", str(path), "--unit", "DL-KP-EAPHE", "--dry-run")
    assert Member.objects.count() == 0


def test_import_members_refuses_an_unknown_unit_and_a_bad_file(world, tmp_path):
    path = tmp_path / "ds.xlsx"
    path.write_text("không phải Excel")
    with pytest.raises(CommandError, match="Không có đơn vị"):
        run("import_members", str(path), "--unit", "XX")
    with pytest.raises(CommandError, match="không phải bảng tính Excel"):
        run("import_members", str(path), "--unit", "DL-KP-EAPHE")


def test_export_members_writes_the_subtree_and_it_reimports_unchanged(world, tmp_path):
    source = tmp_path / "ds.xlsx"
    source.write_bytes(office_workbook())
    run("import_members", str(source), "--unit", "DL-KP-EAPHE")
    exported = tmp_path / "xuat.xlsx"
    assert "Đã ghi 3 đoàn viên" in run("export_members", "--unit", "DL-KP", "-o", str(exported))
    output = run("import_members", str(exported), "--unit", "DL-KP", "--dry-run")
    assert "Tổng kết: 0 thêm mới, 0 cập nhật, 3 không đổi, 0 dòng lỗi" in output
