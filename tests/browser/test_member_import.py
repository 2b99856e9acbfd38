"""Browser journey: a secretary uploads her chi đoàn's spreadsheet, sees the bad rows, fixes them, confirms."""

from members.models import ImportJob, Member
from tests.conftest import PASSWORD
from tests.members.data.workbooks import TITLE_LINES, member_row, workbook_bytes

from .conftest import log_in


def rows(*, fixed: bool):
    return [
        member_row(1, name="Nguyễn Văn An"),
        member_row(2, name="H' Hen Niê", gender="Nữ", ethnicity="Ê-đê", birth="07/03/2003" if fixed else "31/02/2003"),
        member_row(3, name="Trần Thị Bình", gender="Nữ", id_number="066000000003" if fixed else "06600000000B"),
    ]


def test_secretary_fixes_flagged_rows_and_imports_her_members(world, page, screenshot, tmp_path):
    bad, good = tmp_path / "danh-sach.xlsx", tmp_path / "danh-sach-da-sua.xlsx"
    bad.write_bytes(workbook_bytes(rows(fixed=False), title_lines=TITLE_LINES))
    good.write_bytes(workbook_bytes(rows(fixed=True), title_lines=TITLE_LINES))
    log_in(page, "bithu.eaphe", PASSWORD)
    page.get_by_role("heading", name="Đoàn xã Ea Phê").wait_for()

    page.goto(f"/nhap-excel/don-vi/{world.units.eaphe.pk}/")
    page.get_by_label("Tệp Excel danh sách đoàn viên (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.get_by_role("heading", name="Các lỗi cần sửa").wait_for()
    problems = page.locator("#problems tbody tr")
    assert problems.count() == 2
    assert "Ngày không có thật: 31/02/2003." in problems.nth(0).inner_text()
    assert "Số CCCD chỉ được gồm chữ số." in problems.nth(1).inner_text()
    assert page.get_by_role("button", name="Xác nhận nhập").count() == 0
    screenshot("import-preview-problems")

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp của bạn kèm cột lỗi").click()
    assert download.value.suggested_filename == "loi-danh-sach.xlsx"

    page.get_by_role("link", name="Tải lên tệp đã sửa").click()
    page.get_by_label("Tệp Excel danh sách đoàn viên (.xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.get_by_role("button", name="Xác nhận nhập 3 dòng").wait_for()
    assert "H' Hen Niê" in page.locator("#creates").inner_text()
    assert Member.objects.count() == 0
    screenshot("import-preview-ready")

    page.get_by_role("button", name="Xác nhận nhập 3 dòng").click()
    page.get_by_text("Đã thêm 3 đoàn viên, cập nhật 0 hồ sơ.").first.wait_for()
    screenshot("import-done")
    assert ImportJob.objects.filter(status="da_nhap").count() == 1

    page.goto(f"/doan-vien/?don_vi={world.units.eaphe.pk}")
    for name in ("Nguyễn Văn An", "H' Hen Niê", "Trần Thị Bình"):
        page.get_by_text(name).first.wait_for()
    screenshot("import-members-listed")
