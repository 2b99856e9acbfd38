"""Excel exports: text that never runs as a formula, print setup, and the streaming table writer."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from common.spreadsheets import DATE, NUMBER, TEXT, WIDTH_SAMPLE_ROWS, Column, looks_like_formula, write_table


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', True),
        ("+84912345678", True),
        ("-1+2", True),
        ("@SUM(A1)", True),
        ("\tcmd", True),
        ("\rcmd", True),
        ("#N/A", True),
        ("Đoàn xã Ea Phê", False),
        ("a=b", False),
        ("", False),
        (12, False),
        (-3, False),
        (Decimal("-0.5"), False),
        (None, False),
    ],
)
def test_looks_like_formula(value, expected):
    assert looks_like_formula(value) is expected


COLUMNS = [
    Column("STT", NUMBER),
    Column("Họ và tên"),
    Column("Ngày sinh", DATE),
    Column("Số thẻ đoàn viên"),
    Column("Điểm", NUMBER, number_format="0.0"),
    Column("Cập nhật lúc", DATE),
]


def _rows(count):
    for i in range(count):
        yield (
            i + 1,
            "=cmd|' /C calc'!A0" if i == 0 else f"Nguyễn Thị Ánh Tuyết {i}",
            datetime.date(2001, 2, 3),
            "0012345678",
            Decimal("7.5"),
            datetime.datetime(2026, 11, 27, 1, 30, tzinfo=datetime.UTC),
        )


def _sheet(rows, **kwargs):
    data = write_table(columns=COLUMNS, rows=rows, title_lines=["DANH SÁCH ĐOÀN VIÊN", "Đoàn xã Ea Phê"], **kwargs)
    return load_workbook(io.BytesIO(data)).active


def test_title_lines_sit_above_a_bold_frozen_header_row():
    sheet = _sheet(_rows(2))
    assert sheet["A1"].value == "DANH SÁCH ĐOÀN VIÊN" and sheet["A1"].font.b
    assert sheet["A2"].value == "Đoàn xã Ea Phê"
    assert [cell.value for cell in sheet[4]] == [column.header for column in COLUMNS]
    assert all(cell.font.b for cell in sheet[4])
    assert sheet.freeze_panes == "A5"


def test_values_keep_their_types_and_dates_show_dd_mm_yyyy():
    sheet = _sheet(_rows(2), sheet_title="Đoàn viên")
    assert sheet.title == "Đoàn viên"
    number, name, birth, card, points, updated = sheet[6]
    assert number.value == 2 and number.data_type == "n"
    assert name.value == "Nguyễn Thị Ánh Tuyết 1"
    assert birth.is_date and birth.value.date() == datetime.date(2001, 2, 3) and birth.number_format == "dd/mm/yyyy"
    assert card.value == "0012345678" and card.data_type == "s"  # leading zero kept: card numbers are text
    assert points.value == 7.5 and points.data_type == "n" and points.number_format == "0.0"
    assert updated.value == datetime.datetime(2026, 11, 27, 8, 30)  # shown in Asia/Ho_Chi_Minh time


def test_user_text_that_looks_like_a_formula_is_stored_as_text():
    sheet = _sheet(_rows(1))
    cell = sheet["B5"]
    assert cell.data_type == "s" and cell.quotePrefix  # quote prefix: not a formula even once the user edits it
    assert cell.value == "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("kind", [TEXT, NUMBER])
def test_formula_like_text_reads_exactly_as_typed_in_every_kind_of_cell(kind):
    typed = ["=1+1 Nguyễn", "+84912345678", "-1", "@SUM(A1)", "#N/A", "Nguyễn Văn An"]
    columns = [Column("Ghi chú", kind), Column("Dài", width=30, wrap=True)]
    data = write_table(columns=columns, rows=[(text, text) for text in typed], title_lines=["=Tiêu đề"])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "=Tiêu đề" and sheet["A1"].data_type == "s"
    cells = [cell for row in sheet.iter_rows(min_row=4) for cell in row]
    assert [cell.value for cell in cells] == [text for text in typed for _ in range(2)]
    assert {cell.data_type for cell in cells} == {"s"}
    assert all(cell.quotePrefix for cell in cells if cell.value != "Nguyễn Văn An")


def test_every_sheet_prints_on_a4_one_page_wide_with_its_header_row_on_every_page():
    sheet = _sheet(_rows(3))
    assert sheet.page_setup.paperSize == 9  # A4
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)  # as many pages tall as needed
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.page_setup.orientation == "portrait"  # six columns fit upright


def test_a_wide_sheet_prints_landscape():
    columns = [Column(f"Cột {n}", width=20) for n in range(8)]
    sheet = load_workbook(io.BytesIO(write_table(columns=columns, rows=[]))).active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$1"


def test_column_widths_fit_the_headers_and_the_text():
    sheet = _sheet(_rows(3))
    widths = {letter: dim.width for letter, dim in sheet.column_dimensions.items()}
    assert widths["B"] >= len("Nguyễn Thị Ánh Tuyết 1")
    assert widths["D"] >= len("Số thẻ đoàn viên")
    assert widths["C"] >= 10  # dd/mm/yyyy
    assert all(width <= 60 for width in widths.values())


def test_fixed_width_is_respected():
    data = write_table(columns=[Column("Ghi chú", width=40)], rows=[("x",)])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.column_dimensions["A"].width == 40
    assert sheet.freeze_panes == "A2"  # no title lines: the header is the first row


def test_rows_are_streamed_past_the_width_sample():
    consumed = []

    def rows():
        for row in _rows(WIDTH_SAMPLE_ROWS + 50):
            consumed.append(row[0])
            yield row

    sheet = _sheet(rows())
    assert len(consumed) == WIDTH_SAMPLE_ROWS + 50
    assert sheet.max_row == 4 + WIDTH_SAMPLE_ROWS + 50
    assert sheet.cell(row=sheet.max_row, column=1).value == WIDTH_SAMPLE_ROWS + 50


def test_empty_table_still_has_its_header():
    sheet = _sheet(iter(()))
    assert [cell.value for cell in sheet[4]] == [column.header for column in COLUMNS]


def test_wrapped_text_column_keeps_text_and_wraps():
    data = write_table(columns=[Column("Nội dung", width=30, wrap=True)], rows=[("=1+1",), ("Dài " * 20,), (None,)])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s" and sheet["A2"].alignment.wrap_text
    assert sheet["A3"].alignment.wrap_text
