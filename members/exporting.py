"""The member workbook out: the filtered list (or a subtree) in the template's columns, and the blank template.

Rows stream from the database into openpyxl's write-only mode; text is neutralised against formula injection
(common.spreadsheets), dates stay dates, and the sheet re-imports unchanged.
"""

import datetime

from common import spreadsheets
from members.columns import COLUMNS
from members.importing.resource import ATTRIBUTES, MemberResource

_KINDS = {"stt": spreadsheets.NUMBER, "birth_date": spreadsheets.DATE, "joined_date": spreadsheets.DATE}
_KINDS["party_joined_date"] = spreadsheets.DATE
_RENDERED = {"gender", "id_number", "is_party_member", "status"}
SHEET_COLUMNS = [spreadsheets.Column(column.header, _KINDS.get(column.key, spreadsheets.TEXT)) for column in COLUMNS]


def member_rows(queryset):
    """One row (a list) per member in template order, read with one query streamed in chunks."""
    renderers = MemberResource().renderers()[1:]
    attributes = [ATTRIBUTES[column.key] for column in COLUMNS[1:]]
    # Only the columns whose stored value differs from the cell (labels, Có/Không) go through a function.
    rendered = [
        (i, render)
        for i, (column, render) in enumerate(zip(COLUMNS[1:], renderers, strict=True))
        if column.key in _RENDERED
    ]
    for number, values in enumerate(queryset.values_list(*attributes).iterator(chunk_size=2000), start=1):
        row = [number, *values]
        for i, render in rendered:
            row[i + 1] = render(values[i])
        yield row


def export_members(queryset, *, title: str, today: datetime.date | None = None) -> bytes:
    """The members of `queryset` (already scoped and filtered by the caller) as .xlsx bytes."""
    today = today or datetime.date.today()
    title_lines = [title, f"Xuất ngày {today:%d/%m/%Y}"]
    return spreadsheets.write_table(columns=SHEET_COLUMNS, rows=member_rows(queryset), title_lines=title_lines)


def template_workbook() -> bytes:
    """The blank template: headers and a line on how to fill it in."""
    hint = (
        "Điền từ dòng dưới tiêu đề. Ngày ghi ngày/tháng/năm (ví dụ 05/09/2001). Cột “Chi đoàn” ghi mã chi đoàn "
        "(để trống nếu nhập cho chính chi đoàn đang chọn). Đảng viên ghi Có hoặc Không."
    )
    return spreadsheets.write_table(columns=SHEET_COLUMNS, rows=[], title_lines=["DANH SÁCH ĐOÀN VIÊN", hint])
