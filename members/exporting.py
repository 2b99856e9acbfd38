"""The member workbook out: the filtered list (or a subtree) in the template's columns, and the blank template.

Rows stream from the database into openpyxl's write-only mode; text is neutralised against formula injection
(common.spreadsheets), dates stay dates, and the sheet re-imports unchanged.
"""

import datetime

from django.db.models import CharField, F, Func

from common import spreadsheets
from members.columns import COLUMNS
from members.importing.resource import ATTRIBUTES, MemberResource

_KINDS = {"stt": spreadsheets.NUMBER, "birth_date": spreadsheets.DATE, "joined_date": spreadsheets.DATE}
_KINDS["party_joined_date"] = spreadsheets.DATE
_RENDERED = {"gender", "id_number", "is_party_member", "status"}
SHEET_COLUMNS = [spreadsheets.Column(column.header, _KINDS.get(column.key, spreadsheets.TEXT)) for column in COLUMNS]


class WholeSetOrder(Func):
    """Order by a column without letting SQLite walk that column's index to do it.

    A list page wants the first 50 names, so walking the sort_key index and stopping early is right there; an
    export wants every member of a subtree, and walking the index of a million members to find a tenth of them
    cost an export of 100,000 members from a roll of 1,000,000 most of its time. Written `+sort_key` on SQLite,
    the order is taken by reading the subtree's units through the (unit, …) indexes and sorting what they hold.
    PostgreSQL chooses from its statistics and gets the plain column.
    """

    template = "%(expressions)s"

    def __init__(self, column: str):
        super().__init__(F(column), output_field=CharField())

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s || '')", **extra)


def member_rows(queryset):
    """One row (a list) per member in Vietnamese name order, read with one query streamed in chunks."""
    queryset = queryset.order_by(WholeSetOrder("sort_key"), "pk")
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
