"""Opening uploaded workbooks: bad files are refused with a Vietnamese message before anything is parsed."""

import io
import zipfile

import pytest

from members.importing import workbook
from members.importing.workbook import WorkbookError, check_file, read_table
from tests.members.data.workbooks import member_row, office_workbook, workbook_bytes


def fake_encrypted_workbook() -> bytes:
    """What Excel writes for a password-protected workbook: an OLE2 container holding an "EncryptedPackage"."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "EncryptedInfo".encode("utf-16-le") + b"\x00" * 50 + "EncryptedPackage".encode("utf-16-le")
    return header + directory + b"\x00" * 1024


def zip_bomb(size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * size)
    return buffer.getvalue()


def test_a_text_file_is_not_a_workbook():
    with pytest.raises(WorkbookError, match="không phải bảng tính Excel"):
        check_file("Họ và tên;Ngày sinh\n".encode())


def test_a_corrupt_workbook_is_refused():
    data = workbook_bytes([member_row()])
    with pytest.raises(WorkbookError, match="bị hỏng"):
        read_table(data[: len(data) // 2])


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(WorkbookError, match="không phải bảng tính Excel"):
        check_file(buffer.getvalue())


def test_a_password_protected_workbook_is_refused():
    with pytest.raises(WorkbookError, match="đặt mật khẩu"):
        check_file(fake_encrypted_workbook())


def test_an_old_xls_file_is_refused_with_advice():
    with pytest.raises(WorkbookError, match=r"\.xls"):
        check_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)


def test_a_zip_bomb_is_refused_from_its_directory_before_inflating(monkeypatch):
    data = zip_bomb(20 * 1024 * 1024)  # 20 MB of zeros packs into about 20 KB
    assert len(data) < 100_000
    with pytest.raises(WorkbookError, match="giải nén bất thường"):
        check_file(data)


def test_a_workbook_larger_than_the_uncompressed_limit_is_refused(monkeypatch):
    monkeypatch.setattr(workbook, "MAX_UNCOMPRESSED_BYTES", 1000)
    with pytest.raises(WorkbookError, match="giải nén bất thường"):
        check_file(workbook_bytes([member_row(n) for n in range(1, 50)]))


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(workbook, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(WorkbookError, match="quá lớn"):
        check_file(workbook_bytes([member_row()]))


def test_missing_columns_name_the_expected_headers():
    data = workbook_bytes([["1", "Nguyễn Văn An", "Kinh"]], headers=["STT", "Họ và tên", "Dân tộc"])
    with pytest.raises(WorkbookError, match="thiếu cột: “Ngày sinh”, “Giới tính”"):
        read_table(data)


def test_a_sheet_without_a_header_row_names_the_required_headers():
    data = workbook_bytes([["a", "b"]], headers=["Cột 1", "Cột 2"])
    with pytest.raises(WorkbookError, match="“Họ và tên”, “Ngày sinh”, “Giới tính”"):
        read_table(data)


def test_the_header_row_is_found_below_title_lines_and_merged_cells():
    table = read_table(office_workbook())
    assert table.header_row == 4
    assert table.header_texts["full_name"] == "HỌ TÊN"
    assert table.rows[0][0] == 5  # Excel row numbers


def test_the_table_is_found_on_a_later_sheet_after_an_instructions_sheet():
    from openpyxl import Workbook

    from members.columns import HEADERS

    book = Workbook()
    book.active.title = "Hướng dẫn"
    book.active.append(["Điền danh sách ở trang sau."])
    data_sheet = book.create_sheet("Đoàn viên")
    data_sheet.append(list(HEADERS))
    data_sheet.append(member_row())
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue())
    assert (table.sheet_name, table.header_row, len(table.rows)) == ("Đoàn viên", 1, 1)
