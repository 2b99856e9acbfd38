"""The user's own workbook handed back with an error column, so they fix the rows where they keep them."""

import io
from collections import defaultdict

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Font, PatternFill

from common.spreadsheets import escape_formula
from members.columns import header_key

ERROR_HEADER = "Lỗi cần sửa"
_FILL = PatternFill("solid", start_color="F8D7DA", end_color="F8D7DA")


class ErrorWorkbookError(Exception):
    """The stored file cannot be reopened to add the error column; the message is shown to the user."""


def error_workbook(data: bytes, *, sheet_name: str, header_row: int, problems: list[dict]) -> bytes:
    """`data` with a column listing each row's problems and the faulty cells shaded (openpyxl uses defusedxml).

    The workbook handed back carries no formula: the file's own formulas come back as text, and so does every
    text we write (the error column quotes the file's header texts).
    """
    workbook = _open(data)
    _formulas_to_text(workbook)
    sheet = workbook[sheet_name] if sheet_name in workbook.sheetnames else workbook.worksheets[0]
    headers = {header_key(cell.value): cell.column for cell in sheet[header_row] if cell.value is not None}
    error_column = sheet.max_column + 1
    title = sheet.cell(row=header_row, column=error_column, value=escape_formula(ERROR_HEADER))
    title.font = Font(bold=True, color="9C0006")
    sheet.column_dimensions[title.column_letter].width = 60
    by_row = defaultdict(list)
    for problem in problems:
        by_row[problem["row"]].append(problem)
    for row, row_problems in by_row.items():
        text = "; ".join(f"{p['column']}: {p['message']}" for p in row_problems)
        sheet.cell(row=row, column=error_column, value=escape_formula(text)).fill = _FILL
        for problem in row_problems:
            column = headers.get(header_key(problem["column"]))
            cell = sheet.cell(row=row, column=column) if column else None
            if cell is not None and not isinstance(cell, MergedCell):
                cell.fill = _FILL
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _open(data: bytes):
    try:
        return load_workbook(io.BytesIO(data))
    # The file was read by calamine when it was checked; openpyxl is stricter and fails on some files in many
    # ways (zip, XML, key and value errors), none of which should become a server error.
    except Exception:
        raise ErrorWorkbookError(
            "Không mở lại được tệp để thêm cột lỗi; hãy xem danh sách lỗi trên trang này và sửa trong tệp."
        ) from None


def _formulas_to_text(workbook) -> None:
    """Turn every formula cell into its formula as text (`'=…`), so opening the file computes nothing."""
    for worksheet in workbook.worksheets:
        # The stored cells only: iter_rows would create every empty cell of the used range (A1:XFD1048576 for a
        # file with one far cell).
        for cell in list(worksheet._cells.values()):
            if cell.data_type == "f":
                formula = cell.value if isinstance(cell.value, str) else getattr(cell.value, "text", None)
                cell.value = escape_formula(str(formula or ""))
