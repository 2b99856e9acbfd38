"""Renderers of a criteria set: they take the context of `contexts.document_context` and return bytes."""

from common.documents import render_pdf
from common.spreadsheets import NUMBER, Column, add_table_sheet, new_workbook, save_workbook

from .models import ItemKind

ITEM_COLUMNS = [
    Column("Nhóm", NUMBER, width=7),
    Column("Mã", width=8),
    Column("Nội dung tiêu chí", width=70, wrap=True),
    Column("Minh chứng", width=50, wrap=True),
    Column("Cách chấm", width=16),
    Column("Điểm tối đa", NUMBER, width=11, number_format="0.0"),
]
LEVEL_COLUMNS = [
    Column("Thứ tự", NUMBER, width=8),
    Column("Mức kết quả", width=50),
    Column("Tổng điểm tối thiểu", NUMBER, number_format="0.0"),
    Column("Tỷ lệ tối thiểu mỗi nhóm", NUMBER, number_format="0%"),
]


def criteria_set_pdf(context: dict) -> bytes:
    return render_pdf("criteria/set_pdf.html", context)


def criteria_set_xlsx(context: dict) -> bytes:
    criteria_set = context["criteria_set"]
    title_lines = [context["title"].upper(), *context["guidance"]]
    if context["status_note"]:
        title_lines.append(f"Trạng thái: {context['status_note']}")
    workbook = new_workbook()
    add_table_sheet(
        workbook, columns=ITEM_COLUMNS, rows=_item_rows(context), title_lines=title_lines, sheet_title="Tiêu chí"
    )
    add_table_sheet(
        workbook,
        columns=LEVEL_COLUMNS,
        rows=_level_rows(context),
        title_lines=[f"MỨC KẾT QUẢ – {criteria_set.name.upper()}", "Đơn vị phải đạt đồng thời 03 nhóm tiêu chí."],
        sheet_title="Mức kết quả",
    )
    return save_workbook(workbook)


def _item_rows(context):
    for entry in context["groups"]:
        group = entry["group"]
        yield (group.number, f"Nhóm {group.number}", group.title, "", "", group.max_points)
        for item in entry["items"]:
            kind = "Đạt / không đạt" if item.kind == ItemKind.CHECK else "Chấm điểm (bậc 0,5)"
            yield (group.number, item.code, item.text, item.evidence, kind, item.max_points)
    yield (None, "", "Tổng cộng", "", "", context["criteria_set"].max_total)


def _level_rows(context):
    for number, level in enumerate(context["levels"], start=1):
        yield (number, level.name, level.min_total, level.min_group_ratio)
    yield (None, "Không đạt: chưa đạt mức nào ở trên", None, None)
