"""The printed set (PDF in the official format, Tinos only) and the Excel file, and the export_criteria command."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from criteria import contexts, exports, services
from criteria.specs import load_set
from tests.pdf import pdf_fonts, pdf_text


def _context(world, criteria_set):
    return contexts.document_context(
        load_set(criteria_set.pk), issuer=world.units.province, today=datetime.date(2027, 1, 5)
    )


def test_pdf_has_the_official_header_every_item_and_the_levels(world, published):
    text = pdf_text(exports.criteria_set_pdf(_context(world, published)))
    assert "ĐOÀN TNCS HỒ CHÍ MINH" in text
    assert "BCH TỈNH ĐOÀN ĐẮK LẮK" in text
    assert "Đắk Lắk, ngày 05 tháng 01 năm 2027" in text
    assert "-HD/ĐTN-TCKT" in text
    assert "ĐOÀN CƠ SỞ 3 CHỦ ĐỘNG GIAI ĐOẠN 2023 – 2027" in text
    flat = " ".join(text.split())
    for code in ["1.1", "1.5", "2.6", "3.5"]:
        assert code in flat
    assert "Chủ động chỉ đạo các chi đoàn tổ chức sinh hoạt chi đoàn định kỳ." in flat
    assert "Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc" in flat
    assert "TM. BAN THƯỜNG VỤ" in flat
    assert "1/" in text  # page numbers at the foot


def test_pdf_total_row_stays_on_the_page_of_the_last_item(world, published):
    pages = pdf_text(exports.criteria_set_pdf(_context(world, published))).split("\f")
    last_code = list(published.groups.last().items.all())[-1].code
    total_page = next(page for page in pages if "Tổng cộng" in page)
    assert last_code in total_page.split(), "the total row stands alone under the repeated header"


def test_pdf_uses_only_the_embedded_tinos(world, published, tmp_path):
    rows = pdf_fonts(exports.criteria_set_pdf(_context(world, published)), tmp_path)
    assert rows and all("+Tinos-" in row.split()[0] and row.split()[-5] == "yes" for row in rows), rows


def test_draft_pdf_says_it_is_a_draft(world, draft):
    text = pdf_text(exports.criteria_set_pdf(_context(world, draft)))
    assert "BẢN NHÁP – phiên bản 2" in text


def test_excel_has_title_lines_items_as_numbers_and_levels(world, published):
    workbook = load_workbook(io.BytesIO(exports.criteria_set_xlsx(_context(world, published))))
    items, levels = workbook["Tiêu chí"], workbook["Mức kết quả"]
    assert items["A1"].value == "BỘ TIÊU CHÍ ĐOÀN CƠ SỞ 3 CHỦ ĐỘNG GIAI ĐOẠN 2023 – 2027"
    assert items["A2"].value == "Hướng dẫn số 18-HD/TWĐTN-BTC, ngày 24/5/2023"
    assert [c.value for c in items[4]] == ["Nhóm", "Mã", "Nội dung tiêu chí", "Minh chứng", "Cách chấm", "Điểm tối đa"]
    assert items.freeze_panes == "A5"
    rows = list(items.iter_rows(min_row=5, values_only=True))
    assert rows[0][:2] == (1, "Nhóm 1") and rows[0][5] == 35
    assert rows[1][1] == "1.1" and rows[1][5] == 7 and isinstance(rows[1][5], int | float)
    assert rows[-1][2:] == ("Tổng cộng", None, None, 100)
    assert len(rows) == 3 + 16 + 1
    assert [r[1:4] for r in levels.iter_rows(min_row=5, max_row=6, values_only=True)] == [
        ("Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc", 90, 0.8),
        ("Đạt “Đoàn cơ sở 3 chủ động”", 70, 0.6),
    ]


def test_export_criteria_command_writes_pdf_and_xlsx(world, published, tmp_path):
    out = io.StringIO()
    call_command("export_criteria", "3CD-2023-2027", "--format", "pdf", "-o", str(tmp_path / "a.pdf"), stdout=out)
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert "Đã ghi" in out.getvalue()
    call_command("export_criteria", "3CD-2018-2022", "--format", "xlsx", "-o", str(tmp_path / "b.xlsx"), stdout=out)
    assert load_workbook(tmp_path / "b.xlsx")["Tiêu chí"]["A1"].value.endswith("2018 – 2022")


def test_export_criteria_picks_the_published_version_or_the_one_asked_for(world, published, tmp_path):
    draft = services.copy_set(criteria_set=published, by=world.province)
    services.update_set(criteria_set=draft, by=world.province, name="Bản nháp thử")
    call_command("export_criteria", "3CD-2023-2027", "--format", "xlsx", "-o", str(tmp_path / "p.xlsx"))
    assert "BẢN NHÁP THỬ" not in load_workbook(tmp_path / "p.xlsx")["Tiêu chí"]["A1"].value
    call_command(
        "export_criteria", "3CD-2023-2027", "--set-version", "2", "--format", "xlsx", "-o", str(tmp_path / "d.xlsx")
    )
    assert load_workbook(tmp_path / "d.xlsx")["Tiêu chí"]["A1"].value == "BỘ TIÊU CHÍ BẢN NHÁP THỬ"


def test_export_criteria_unknown_code_fails_with_the_known_codes(db, tmp_path):
    with pytest.raises(CommandError, match="Không có bộ tiêu chí mã XYZ. Các mã: 3CD-2018-2022, 3CD-2023-2027."):
        call_command("export_criteria", "XYZ", "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
