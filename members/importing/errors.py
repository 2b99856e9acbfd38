"""The user's workbook handed back with an error column, so they fix the rows where they keep them.

Built once, where the file is checked (by the worker for a large file), and stored with the job: the download only
serves the stored file. The copy is rebuilt from the cell values alone, read row by row with calamine and written
with openpyxl's write-only mode, so memory stays bounded for any file the upload limit admits; what the uploader's
workbook carried besides values (formulas, hyperlinks, defined names, conditional formats, data validations,
macros) is not carried over.
"""

import io
import tempfile
from collections import defaultdict
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from python_calamine import CalamineError, CalamineWorkbook

from common.spreadsheets import as_text, safe_value
from members.columns import header_key

ERROR_HEADER = "Lỗi cần sửa"
_FILL = PatternFill("solid", start_color="F8D7DA", end_color="F8D7DA")
_TITLE_FONT = Font(bold=True, color="9C0006")
MAX_SHEET_NAME = 31
PROGRESS_EVERY = 5000


class ErrorWorkbookError(Exception):
    """The stored file cannot be reread to add the error column; the message is shown to the user."""


def write_error_workbook(
    source, target, *, sheet_name: str, header_row: int, problems: list[dict], progress: Callable | None = None
) -> None:
    """Write to the file object `target` the values of `source` (a path or file object of the uploaded workbook)
    with a column listing each row's problems in the member sheet and the faulty cells shaded; `progress()` is
    called every PROGRESS_EVERY rows (the job's heartbeat)."""
    try:
        reader = CalamineWorkbook.from_object(source)
        names = reader.sheet_names
    except (CalamineError, ValueError, OSError):
        raise ErrorWorkbookError(
            "Không mở lại được tệp để thêm cột lỗi; hãy xem danh sách lỗi trên trang này và sửa trong tệp."
        ) from None
    by_row = defaultdict(list)
    for problem in problems:
        by_row[problem["row"]].append(problem)
    book = Workbook(write_only=True)
    member_sheet = sheet_name if sheet_name in names else names[0]
    for name in names:
        sheet = book.create_sheet(title=name[:MAX_SHEET_NAME])
        try:
            rows = _reporting(reader.get_sheet_by_name(name).iter_rows(), progress)
            if name == member_sheet:
                _write_member_sheet(sheet, rows, header_row, by_row)
            else:
                for values in rows:
                    sheet.append([_safe(sheet, value) for value in values])
        except (CalamineError, ValueError, OSError):
            raise ErrorWorkbookError(
                "Không đọc lại được tệp để thêm cột lỗi; hãy xem danh sách lỗi trên trang này và sửa trong tệp."
            ) from None
    book.save(target)


def _reporting(rows, progress):
    for number, values in enumerate(rows, start=1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress()
        yield values


def _write_member_sheet(sheet, rows, header_row: int, by_row: dict) -> None:
    headers: dict[str, int] = {}
    error_column = None
    for number, values in enumerate(rows, start=1):
        if number != header_row and number not in by_row:
            sheet.append([_safe(sheet, value) for value in values])  # plain values: write-only mode's fast path
            continue
        cells = [_cell(sheet, value) for value in values]
        if number == header_row:
            headers = {header_key(value): i for i, value in enumerate(values) if isinstance(value, str) and value}
            error_column = len(values)
            cells += [None] * (error_column - len(cells))
            title = WriteOnlyCell(sheet, value=ERROR_HEADER)
            title.font = _TITLE_FONT
            cells.append(title)
        elif number in by_row and error_column is not None:
            row_problems = by_row[number]
            cells += [None] * (error_column - len(cells))
            for problem in row_problems:
                at = headers.get(header_key(problem["column"]))
                if at is not None and cells[at] is not None:
                    cells[at].fill = _FILL
                elif at is not None:
                    cells[at] = WriteOnlyCell(sheet, value=None)
                    cells[at].fill = _FILL
            text = "; ".join(f"{p['column']}: {p['message']}" for p in row_problems)
            error = as_text(WriteOnlyCell(sheet, value=text))
            error.fill = _FILL
            cells.append(error)
        sheet.append(cells)


def _cell(sheet, value):
    return None if value is None or value == "" else as_text(WriteOnlyCell(sheet, value=value))


def _safe(sheet, value):
    """A text that Excel would run as a formula comes back as text; an empty text is no cell at all."""
    return None if value == "" else safe_value(sheet, value)


def error_workbook(data: bytes, *, sheet_name: str, header_row: int, problems: list[dict]) -> bytes:
    """The error workbook of `data` as bytes (for tests and small files)."""
    with tempfile.TemporaryFile() as target:
        write_error_workbook(io.BytesIO(data), target, sheet_name=sheet_name, header_row=header_row, problems=problems)
        target.seek(0)
        return target.read()
