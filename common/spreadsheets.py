"""Excel exports: text that no spreadsheet runs as a formula, and a streaming table writer on openpyxl write-only
workbooks.

A table sheet has title lines above it, a bold header row with Vietnamese headers that stays frozen, column
widths fitted to the first rows, numbers stored as numbers and dates as dates shown dd/mm/yyyy. Rows come from
an iterator and are written as they come, so 100,000 members never sit in memory at once. Every sheet prints on
A4, as wide as the page (landscape when its columns are wide), with its header row repeated on every page.
"""

import datetime
import io
import itertools
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell import cell as _openpyxl_cell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# OWASP CSV/formula injection: a cell starting with one of these may be run as a formula by a spreadsheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
TEXT, NUMBER, DATE = "text", "number", "date"

# Every date the portal writes reads dd/mm/yyyy. Making that openpyxl's default format for date values lets
# plain dates take write-only mode's fast path (no styled cell object per value) and still show the Vietnamese way.
_openpyxl_cell.TIME_FORMATS[datetime.date] = DATE_FORMAT
_openpyxl_cell.TIME_FORMATS[datetime.datetime] = DATETIME_FORMAT
# Widths are fitted on this many first rows; later rows are streamed without being measured.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 6, 60
# Columns wider than this (in characters, Excel's unit) do not fit an A4 page upright at 100 %: print landscape.
PORTRAIT_WIDTH = 100


def looks_like_formula(value) -> bool:
    """A text a spreadsheet would run (= + - @ tab CR first) or read as an error value (#N/A)."""
    return isinstance(value, str) and (value.startswith(FORMULA_TRIGGERS) or value in ERROR_CODES)


def as_text(cell: WriteOnlyCell) -> WriteOnlyCell:
    """`cell` holding its value as typed, stored as text with the quote-prefix style: no spreadsheet evaluates it,
    not even after the user edits the cell, and no apostrophe is added to what the user wrote."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def safe_value(sheet, value):
    """`value` for `sheet.append`: as it is, or a text cell when a spreadsheet would take it for a formula."""
    return as_text(WriteOnlyCell(sheet, value)) if looks_like_formula(value) else value


@dataclass(frozen=True)
class Column:
    """One column of a table sheet: its Vietnamese header, the kind of value, an optional fixed width."""

    header: str
    kind: str = TEXT  # TEXT (escaped), NUMBER (int/Decimal/float kept numeric), DATE (date or datetime)
    width: float | None = None  # in characters; None fits the header and the first rows
    number_format: str | None = None  # e.g. "0.0" for points; dates default to dd/mm/yyyy
    wrap: bool = False  # wrap long text inside the column width (costs one cell object per value)


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def set_print_setup(sheet, *, widths: Sequence[float], header_row: int | None) -> None:
    """A4, one page wide (as many pages tall as the rows need), landscape when the columns are wide, and the
    header row printed again at the top of every page."""
    setup = sheet.page_setup
    setup.paperSize = Worksheet.PAPERSIZE_A4
    wide = sum(widths) > PORTRAIT_WIDTH
    setup.orientation = Worksheet.ORIENTATION_LANDSCAPE if wide else Worksheet.ORIENTATION_PORTRAIT
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if header_row:
        sheet.print_title_rows = f"{header_row}:{header_row}"


def save_workbook(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_table(
    *, columns: Sequence[Column], rows: Iterable[Sequence], title_lines: Sequence[str] = (), sheet_title="Danh sách"
) -> bytes:
    """A one-sheet workbook holding the table, as .xlsx bytes."""
    workbook = new_workbook()
    add_table_sheet(workbook, columns=columns, rows=rows, title_lines=title_lines, sheet_title=sheet_title)
    return save_workbook(workbook)


def add_table_sheet(
    workbook: Workbook,
    *,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    title_lines: Sequence[str] = (),
    sheet_title="Danh sách",
):
    """Append a sheet: title lines, a blank line, the frozen bold header row, then every row of `rows`."""
    sheet = workbook.create_sheet(title=sheet_title[:31])
    rows = iter(rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    widths = _fitted_widths(columns, sample)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_row = len(title_lines) + (2 if title_lines else 1)
    sheet.freeze_panes = f"A{header_row + 1}"
    set_print_setup(sheet, widths=widths, header_row=header_row)

    for number, line in enumerate(title_lines):
        cell = as_text(WriteOnlyCell(sheet, line))
        cell.font = Font(bold=True, size=13 if number == 0 else 11)
        sheet.append([cell])
    if title_lines:
        sheet.append([])
    sheet.append([_header_cell(sheet, column.header) for column in columns])

    converters = [_converter(sheet, column) for column in columns]
    for row in itertools.chain(sample, rows):
        sheet.append([convert(value) for convert, value in zip(converters, row, strict=False)])
    return sheet


def _header_cell(sheet, text: str) -> WriteOnlyCell:
    cell = as_text(WriteOnlyCell(sheet, text))
    cell.font = Font(bold=True)
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def _converter(sheet, column: Column) -> Callable:
    """A function turning one value of the column into what the sheet stores; as little work per cell as can be."""
    if column.kind == NUMBER:
        if not column.number_format:
            return lambda value: safe_value(sheet, value)  # a number column may hold a text ("—")
        return _styled(sheet, column.number_format, _identity)
    if column.kind == DATE:
        if column.number_format in (None, "", DATE_FORMAT):
            return _excel_date  # openpyxl gives dates and datetimes the portal's formats (see TIME_FORMATS above)
        return _styled(sheet, column.number_format, _excel_date)
    if column.wrap:
        return _styled(sheet, "General", _identity, wrap=True)

    def text(value):
        # An empty cell is not written at all: smaller files, less XML to produce.
        return None if value == "" else safe_value(sheet, value)

    return text


def _identity(value):
    return value


def _excel_date(value):
    # Excel has no time zones: aware datetimes are shown in the portal's local time.
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


def _styled(sheet, number_format: str, prepare: Callable, wrap: bool = False) -> Callable:
    prototype = WriteOnlyCell(sheet)
    prototype.number_format = number_format
    if wrap:
        prototype.alignment = Alignment(wrap_text=True, vertical="top")
    style = prototype._style  # reuse one style array instead of a style lookup per cell

    def convert(value):
        if value is None:
            return None
        cell = WriteOnlyCell(sheet, prepare(value))
        cell._style = copy(style)
        return as_text(cell)

    return convert


def _fitted_widths(columns: Sequence[Column], sample: list[Sequence]) -> list[float]:
    widths = []
    for index, column in enumerate(columns):
        if column.width:
            widths.append(column.width)
            continue
        longest = max((_longest_line(word) for word in column.header.split()), default=0)
        longest = max(longest, min(len(column.header), 20))
        for row in sample:
            if index < len(row):
                longest = max(longest, _display_length(row[index], column))
        widths.append(float(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)))
    return widths


def _display_length(value, column: Column) -> int:
    if value is None:
        return 0
    if column.kind == DATE:
        return 16 if isinstance(value, datetime.datetime) else 10
    return _longest_line(str(value))


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)
