"""Renderers of results, calibration, printed forms and dashboards: they take a context built in this package
(contexts.py, documents.py, dashboard.py) and return bytes (no queries of their own)."""

from common.documents import render_pdf
from common.spreadsheets import NUMBER, TEXT, Column, add_table_sheet, new_workbook, save_workbook, write_table
from evaluations.cycle.models import ItemKind

from .dashboard import STAGE_LABELS

POINTS = "0.0"

RESULT_COLUMNS = [
    Column("STT", NUMBER, width=6),
    Column("Mã đơn vị", width=18),
    Column("Tên đơn vị", width=34),
    Column("Đơn vị cấp trên trực tiếp", width=30),
    Column("Đăng ký", width=22),
    Column("Trạng thái phiếu", width=22),
    Column("Tự chấm", NUMBER, width=10, number_format=POINTS),
    Column("Thẩm định", NUMBER, width=10, number_format=POINTS),
    Column("Chênh lệch", NUMBER, width=10, number_format=POINTS),
    Column("Điểm tối đa", NUMBER, width=10, number_format=POINTS),
    Column("Mức kết quả", width=40),
]


def results_xlsx(context: dict) -> bytes:
    """The results table: one row per grassroots unit, then one column per item with its review score."""
    items = context["item_columns"]
    columns = [
        *RESULT_COLUMNS,
        *(Column(item.header, TEXT if item.kind == ItemKind.CHECK else NUMBER, number_format=None) for item in items),
    ]
    scores = context["scores"]

    def rows():
        for number, row in enumerate(context["rows"], start=1):
            unit_scores = scores.get(row.unit_pk, {})
            yield (
                number,
                row.code,
                row.name,
                row.superior_name,
                row.registration_label,
                row.status_label,
                row.self_total,
                row.review_total,
                row.difference,
                row.max_total,
                row.level_label,
                *(unit_scores.get(item.key) for item in items),
            )

    return write_table(
        columns=columns,
        rows=rows(),
        title_lines=context["title_lines"],
        sheet_title=f"Kết quả {context['campaign'].year}",
    )


CALIBRATION_COLUMNS = [
    Column("Đơn vị thẩm định", width=36),
    Column("Số phiếu đã thẩm định", NUMBER, width=12),
    Column("Chênh lệch trung bình (thẩm định − tự chấm)", NUMBER, width=16, number_format="0.00"),
    Column("Độ lệch chuẩn", NUMBER, width=12, number_format="0.00"),
    Column("Nhận định", width=34),
    Column("Số phiếu bất thường", NUMBER, width=12),
]
OUTLIER_COLUMNS = [
    Column("Đơn vị thẩm định", width=36),
    Column("Đơn vị", width=34),
    Column("Tự chấm", NUMBER, width=10, number_format=POINTS),
    Column("Thẩm định", NUMBER, width=10, number_format=POINTS),
    Column("Chênh lệch", NUMBER, width=10, number_format=POINTS),
    Column("Lý do", width=60, wrap=True),
]


def calibration_xlsx(context: dict) -> bytes:
    result = context["calibration"]
    year = context["campaign"].year
    workbook = new_workbook()
    add_table_sheet(
        workbook,
        columns=CALIBRATION_COLUMNS,
        rows=[
            *((g.name, g.count, g.mean, g.spread, g.lean_label, len(g.outliers)) for g in result.groups),
            ("Toàn tỉnh", result.count, result.mean, result.spread, "", len(result.outliers)),
        ],
        title_lines=[f"ĐỐI CHIẾU THẨM ĐỊNH NĂM {year}", *context["rules"]],
        sheet_title="Theo đơn vị thẩm định",
    )
    names = {g.key: g.name for g in result.groups}
    add_table_sheet(
        workbook,
        columns=OUTLIER_COLUMNS,
        rows=(
            (
                names.get(o.review.group, ""),
                o.review.name,
                o.review.self_total,
                o.review.review_total,
                o.review.difference,
                "; ".join(o.reasons),
            )
            for o in result.outliers
        ),
        title_lines=[f"PHIẾU CÓ CHÊNH LỆCH BẤT THƯỜNG NĂM {year}"],
        sheet_title="Phiếu bất thường",
    )
    return save_workbook(workbook)


def evaluation_pdf(context: dict) -> bytes:
    return render_pdf("evaluations/evaluation_pdf.html", context)


def registration_pdf(context: dict) -> bytes:
    return render_pdf("evaluations/registration_pdf.html", context)


# --- the dashboard (context of evaluations/results/dashboard.py) ------------------------------------------------------

SHARE = "0.0%"


def _share(count: int, total: int):
    return count / total if total else None


def dashboard_xlsx(context: dict) -> bytes:
    """Every table of the dashboard, one sheet each: the year, the inspections, the years compared, the stages."""
    current, scope = context["current"], context["scope"]
    total = current.stages.total
    title = [f"TỔNG QUAN “ĐOÀN CƠ SỞ 3 CHỦ ĐỘNG” NĂM {current.year}", scope.name]
    workbook = new_workbook()
    add_table_sheet(
        workbook,
        columns=[
            Column("Chỉ tiêu", width=44),
            Column("Số đơn vị", NUMBER),
            Column("Tỷ lệ", NUMBER, number_format=SHARE),
        ],
        rows=[
            ("Đơn vị cơ sở trong năm", total, None),
            *((label, count, _share(count, total)) for label, count, _ in current.indicators),
            *((label, count, _share(count, total)) for label, count, _ in current.inspections),
            ("Đoàn viên đang sinh hoạt (hiện nay)", context["active_members"], None),
            (f"Kết nạp đoàn viên mới năm {current.year}", current.admitted, None),
        ],
        title_lines=title,
        sheet_title=f"Năm {current.year}",
    )
    add_table_sheet(
        workbook,
        columns=[
            Column("Năm", NUMBER, width=8),
            Column("Đơn vị cơ sở", NUMBER),
            *(
                column
                for label in ("Đã đăng ký", "Đã tự đánh giá", "Đã thẩm định", "Đạt")
                for column in (Column(label, NUMBER), Column(f"Tỷ lệ {label.lower()}", NUMBER, number_format=SHARE))
            ),
            Column("Được kiểm tra trong năm", NUMBER),
            Column("Kết nạp đoàn viên mới", NUMBER),
        ],
        rows=[
            (
                f.year,
                f.stages.total,
                *(
                    value
                    for count in (f.stages.registered, f.stages.self_assessed, f.stages.reviewed, f.stages.recognised)
                    for value in (count, _share(count, f.stages.total))
                ),
                f.inspected_year,
                f.admitted,
            )
            for f in context["years"]
        ],
        title_lines=[*title, "So sánh các năm"],
        sheet_title="So sánh các năm",
    )
    add_table_sheet(
        workbook,
        columns=[
            Column("Đơn vị", width=36),
            *(Column(label, NUMBER) for label in STAGE_LABELS),
            Column("Tổng", NUMBER),
        ],
        rows=[(d.label, *d.by_stage, d.total) for d in context["districts"]],
        title_lines=[*title, "Tiến độ hiện nay theo đơn vị trực thuộc"],
        sheet_title="Tiến độ",
    )
    if not context["is_province"]:
        add_table_sheet(
            workbook,
            columns=[Column("STT", NUMBER, width=6), Column("Mã đơn vị", width=18), Column("Tên đơn vị", width=40),
                     Column("Đang ở bước", width=24)],
            rows=[(n, line.code, line.name, line.stage_label) for n, line in enumerate(context["unit_lines"], 1)],
            title_lines=[*title, "Các đơn vị cơ sở"],
            sheet_title="Đơn vị cơ sở",
        )  # fmt: skip
    return save_workbook(workbook)


def dashboard_pdf(context: dict) -> bytes:
    return render_pdf("evaluations/dashboard_pdf.html", context)
