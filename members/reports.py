"""Tables people print or send upward: the rating sheet, the statistics, the youth list, Party introductions.

Each builder returns a `Table` (title lines, columns, rows) from data the view already scoped; the same table
becomes an Excel file (common.spreadsheets, formulas neutralised) or a print page (members/print_table.html).
"""

import datetime
from dataclasses import dataclass, field

from common import spreadsheets
from common.spreadsheets import DATE, NUMBER, Column


@dataclass
class Table:
    title: str
    file_stem: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # under the title: unit, year, date drawn

    def xlsx(self) -> bytes:
        return spreadsheets.write_table(columns=self.columns, rows=self.rows, title_lines=[self.title, *self.lines])

    def display_rows(self) -> list[list[str]]:
        """The rows as the print page shows them: dates dd/mm/yyyy, decimal commas, nothing for None."""
        return [[_shown(value) for value in row] for row in self.rows]


def _drawn(today: datetime.date) -> str:
    return f"Xuất ngày {today:%d/%m/%Y}"


def rating_table(unit, year: int, members, levels: dict, *, today: datetime.date) -> Table:
    """The rating sheet of one chi đoàn: every active member and the level of `year` (blank when not rated)."""
    rows = [[number, m.full_name, m.birth_date, levels.get(m.pk, "")] for number, m in enumerate(members, start=1)]
    return Table(
        title=f"KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI ĐOÀN VIÊN NĂM {year}",
        file_stem=f"xep-loai-{year}-{unit.code.lower()}",
        columns=[Column("STT", NUMBER), Column("Họ và tên"), Column("Ngày sinh", DATE), Column("Xếp loại")],
        rows=rows,
        lines=[unit.name, _drawn(today)],
    )


def statistics_table(stats, *, today: datetime.date) -> Table:
    """A unit's statistics on a date: one row per figure, grouped by what it counts."""
    rows = [["Tổng số", "Đoàn viên đang sinh hoạt", stats.total, None]]
    rows.append(["Tổng số", "Là đảng viên", stats.party_members, _share(stats.party_members, stats.total)])
    sections = [
        ("Giới tính", stats.by_gender),
        ("Độ tuổi", stats.by_age),
        (f"Xếp loại năm {stats.rating_year}", stats.by_rating),
        ("Dân tộc", stats.by_ethnicity),
        ("Tôn giáo", stats.by_religion),
    ]
    for section, figures in sections:
        rows += [[section, label, count, _share(count, stats.total)] for label, count in figures]
    admitted = f"Kết nạp mới năm {stats.on.year}"
    rows += [
        [admitted, "Đoàn viên mới", stats.admitted, None],
        [admitted, "Có người giới thiệu (1+1)", stats.admitted_with_introducer, None],
        [admitted, "Đoàn viên đã giới thiệu được người vào Đoàn", stats.introducers, None],
    ]
    return Table(
        title=f"THỐNG KÊ ĐOÀN VIÊN ĐẾN NGÀY {stats.on:%d/%m/%Y}",
        file_stem=f"thong-ke-{stats.unit.code.lower()}-{stats.on:%Y%m%d}",
        columns=[Column("Nhóm"), Column("Nội dung"), Column("Số lượng", NUMBER), Column("Tỷ lệ (%)", NUMBER)],
        rows=rows,
        lines=[stats.unit.name, _drawn(today)],
    )


def youth_table(unit, records, *, today: datetime.date) -> Table:
    """A unit's youth list as the page shows it (same filters)."""
    rows = [
        [
            number,
            r.full_name,
            r.unit.name,
            r.get_category_display(),
            r.birth_year,
            r.circumstances,
            r.help_plan,
            r.help_done,
        ]
        for number, r in enumerate(records, start=1)
    ]
    long_text = {"width": 40, "wrap": True}
    return Table(
        title="DANH SÁCH THANH THIẾU NIÊN CẦN QUAN TÂM",
        file_stem=f"thanh-thieu-nien-{unit.code.lower()}",
        columns=[
            Column("STT", NUMBER),
            Column("Họ và tên"),
            Column("Đơn vị theo dõi"),
            Column("Nhóm"),
            Column("Năm sinh", NUMBER),
            Column("Hoàn cảnh", **long_text),
            Column("Kế hoạch giúp đỡ", **long_text),
            Column("Đã thực hiện", **long_text),
        ],
        rows=rows,
        lines=[unit.name, _drawn(today)],
    )


def party_table(unit, year: int, introductions, *, today: datetime.date) -> Table:
    """Members of a unit's subtree introduced to the Party in `year`, with the outcome."""
    rows = [
        [
            number,
            i.member.full_name,
            i.member.unit.name,
            i.introduced_date,
            i.resolution,
            i.get_outcome_display(),
            i.party_admitted_date,
        ]
        for number, i in enumerate(introductions, start=1)
    ]
    return Table(
        title=f"DANH SÁCH ĐOÀN VIÊN ƯU TÚ GIỚI THIỆU CHO ĐẢNG XEM XÉT KẾT NẠP NĂM {year}",
        file_stem=f"gioi-thieu-dang-{year}-{unit.code.lower()}",
        columns=[
            Column("STT", NUMBER),
            Column("Họ và tên"),
            Column("Chi đoàn"),
            Column("Ngày giới thiệu", DATE),
            Column("Nghị quyết/văn bản giới thiệu"),
            Column("Kết quả"),
            Column("Ngày kết nạp Đảng", DATE),
        ],
        rows=rows,
        lines=[unit.name, _drawn(today)],
    )


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def _share(count: int, total: int) -> float | None:
    return round(100 * count / total, 1) if total else None
