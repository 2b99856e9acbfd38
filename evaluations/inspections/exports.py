"""The inspections workbook: renders the list built by contexts.export_context (no queries of its own)."""

from common.spreadsheets import DATE, NUMBER, Column, write_table

COLUMNS = [
    Column("STT", NUMBER, width=6),
    Column("Ngày kiểm tra", DATE),
    Column("Mã đơn vị", width=18),
    Column("Đơn vị được kiểm tra", width=30),
    Column("Loại kiểm tra", width=26),
    Column("Năm", NUMBER, width=7),
    Column("Đơn vị kiểm tra", width=28),
    Column("Thành phần đoàn kiểm tra", width=36, wrap=True),
    Column("Kết luận", width=10),
    Column("Điểm kiểm tra", NUMBER, width=10, number_format="0.0"),
    Column("Nội dung kết luận", width=40, wrap=True),
    Column("Kiến nghị", width=40, wrap=True),
    Column("Hạn khắc phục", DATE),
    Column("Khắc phục", width=20),
    Column("Ngày khắc phục xong", DATE),
]


def inspections_xlsx(context: dict) -> bytes:
    def rows():
        for number, (record, follow_up) in enumerate(context["rows"], start=1):
            kind = f"Kiểm tra {record.get_half_display()}" if record.half else record.get_kind_display()
            yield (
                number,
                record.inspection_date,
                record.inspected_unit.code,
                record.inspected_unit.name,
                kind,
                record.year,
                record.inspecting_unit.name,
                record.team,
                record.get_conclusion_display(),
                record.points,
                record.conclusion_note,
                record.recommendations,
                record.follow_up_due,
                follow_up,
                record.follow_up_date,
            )

    title = f"Kiểm tra {context['year']}" if context["year"] else "Kiểm tra"
    return write_table(columns=COLUMNS, rows=rows(), title_lines=context["title_lines"], sheet_title=title)
