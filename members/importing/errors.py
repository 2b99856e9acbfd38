"""The user's own workbook handed back with an error column, so they fix the rows where they keep them."""

import io
from collections import defaultdict

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Font, PatternFill

from members.columns import header_key

ERROR_HEADER = "Lỗi cần sửa"
_FILL = PatternFill("solid", start_color="F8D7DA", end_color="F8D7DA")


def error_workbook(data: bytes, *, sheet_name: str, header_row: int, problems: list[dict]) -> bytes:
    """`data` with a column listing each row's problems and the faulty cells shaded (openpyxl uses defusedxml)."""
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook[sheet_name] if sheet_name in workbook.sheetnames else workbook.worksheets[0]
    headers = {header_key(cell.value): cell.column for cell in sheet[header_row] if cell.value is not None}
    error_column = sheet.max_column + 1
    title = sheet.cell(row=header_row, column=error_column, value=ERROR_HEADER)
    title.font = Font(bold=True, color="9C0006")
    sheet.column_dimensions[title.column_letter].width = 60
    by_row = defaultdict(list)
    for problem in problems:
        by_row[problem["row"]].append(problem)
    for row, row_problems in by_row.items():
        text = "; ".join(f"{p['column']}: {p['message']}" for p in row_problems)
        sheet.cell(row=row, column=error_column, value=text).fill = _FILL
        for problem in row_problems:
            column = headers.get(header_key(problem["column"]))
            cell = sheet.cell(row=row, column=column) if column else None
            if cell is not None and not isinstance(cell, MergedCell):
                cell.fill = _FILL
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
