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


def _saved(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_header_that_looks_like_a_formula_stays_text_in_the_error_column():
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "=Họ và tên", "Ngày sinh"])
    sheet.append([1, "", "01/01/2000"])
    sheet["B1"].data_type = "s"  # stored as text in the user's file
    problems = [{"row": 2, "column": "=Họ và tên", "value": "", "message": "Thiếu họ và tên."}]
    result = load_workbook(
        io.BytesIO(error_workbook(_saved(book), sheet_name=sheet.title, header_row=1, problems=problems))
    ).active
    cell = result.cell(row=2, column=4)
    assert cell.data_type == "s" and cell.value == "=Họ và tên: Thiếu họ và tên." and cell.quotePrefix


def test_formulas_of_the_users_file_come_back_as_their_values_never_as_formulas():
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Ngày sinh"])
    sheet.append([1, '=HYPERLINK("http://example.com","An")', "31/02/2000"])
    other = book.create_sheet("Ghi chú")
    other["A1"] = "=1+1"
    other["A2"] = "=tự gõ"
    other["A2"].data_type = "s"
    problems = [{"row": 2, "column": "Ngày sinh", "value": "31/02/2000", "message": "Ngày không có thật."}]
    result = load_workbook(
        io.BytesIO(error_workbook(_saved(book), sheet_name=sheet.title, header_row=1, problems=problems))
    )
    cells = [cell for ws in result.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert result.active["B2"].value is None  # openpyxl stored no result for the formula
    assert result["Ghi chú"]["A2"].value == "=tự gõ" and result["Ghi chú"]["A2"].data_type == "s"


def test_hyperlinks_defined_names_conditional_formats_and_validations_are_not_carried_over():
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Ngày sinh"])
    sheet.append([1, "Nguyễn Văn An", "31/02/2000"])
    sheet["B2"].hyperlink = "http://example.com/phishing"
    book.defined_names["lay"] = DefinedName("lay", attr_text='WEBSERVICE("http://example.com")')
    sheet.conditional_formatting.add("A1:C9", FormulaRule(formula=['WEBSERVICE("http://example.com")']))
    validation = DataValidation(type="custom", formula1='WEBSERVICE("http://example.com")')
    validation.add("C2")
    sheet.add_data_validation(validation)
    problems = [{"row": 2, "column": "Ngày sinh", "value": "31/02/2000", "message": "Ngày không có thật."}]
    data = error_workbook(_saved(book), sheet_name=sheet.title, header_row=1, problems=problems)
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = b"".join(archive.read(name) for name in archive.namelist())
    assert b"example.com" not in xml
    result = load_workbook(io.BytesIO(data)).active
    assert result["B2"].value == "Nguyễn Văn An"
    assert result["D2"].value == "Ngày sinh: Ngày không có thật."


def test_building_a_large_error_workbook_reports_progress(monkeypatch):
    from members.importing import errors

    monkeypatch.setattr(errors, "PROGRESS_EVERY", 2)
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Ngày sinh"])
    for number in range(1, 8):
        sheet.append([number, f"Người {number}", "31/02/2000"])
    problems = [{"row": 3, "column": "Ngày sinh", "value": "31/02/2000", "message": "Ngày không có thật."}]
    beats = []
    with io.BytesIO() as target:
        errors.write_error_workbook(
            io.BytesIO(_saved(book)),
            target,
            sheet_name=sheet.title,
            header_row=1,
            problems=problems,
            progress=lambda: beats.append(1),
        )
    assert len(beats) == 4  # rows 2, 4, 6, 8
