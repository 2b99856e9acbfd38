"""The user's workbook handed back with an error column."""

import io

from openpyxl import Workbook, load_workbook

from members.importing.errors import ERROR_HEADER, error_workbook


def test_merged_cells_in_a_faulty_row_do_not_break_the_error_workbook():
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính"])
    sheet.append([1, "Nguyễn Văn An", "31/02/2000", "Nam"])
    sheet.merge_cells("B2:C2")
    buffer = io.BytesIO()
    book.save(buffer)
    problems = [{"row": 2, "column": "Ngày sinh", "value": "31/02/2000", "message": "Ngày không có thật: 31/02/2000."}]
    result = load_workbook(
        io.BytesIO(error_workbook(buffer.getvalue(), sheet_name=sheet.title, header_row=1, problems=problems))
    ).active
    assert result.cell(row=1, column=5).value == ERROR_HEADER
    assert result.cell(row=2, column=5).value == "Ngày sinh: Ngày không có thật: 31/02/2000."
