"""Periods of inspections: half-years, which dates an inspection of a period may carry, and what to call it.

Pure functions: no ORM and no clock (`today` is passed in); table-driven tests in
tests/evaluations/inspections/test_periods.py.
"""

import datetime

SIX_MONTH, ANNUAL, THEMATIC = "six_month", "annual", "thematic"

HALF_NAMES = {1: "6 tháng đầu năm", 2: "6 tháng cuối năm"}
KIND_NAMES = {SIX_MONTH: "Kiểm tra 6 tháng", ANNUAL: "Kiểm tra năm", THEMATIC: "Kiểm tra chuyên đề"}


def half_of(day: datetime.date) -> int:
    """1 for January to June, 2 for July to December."""
    return 1 if day.month <= 6 else 2


def period_bounds(year: int, half: int | None = None) -> tuple[datetime.date, datetime.date]:
    """First and last day of the year, or of one of its halves."""
    if half == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    if half == 2:
        return datetime.date(year, 7, 1), datetime.date(year, 12, 31)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def period_name(year: int, half: int | None = None) -> str:
    """ "6 tháng đầu năm 2026" or "năm 2026"."""
    return f"{HALF_NAMES[half]} {year}" if half else f"năm {year}"


def inspection_title(kind: str, half: int | None) -> str:
    """What an inspection is called on screen: "Kiểm tra 6 tháng đầu năm", "Kiểm tra năm", "Kiểm tra chuyên đề"."""
    if kind == SIX_MONTH and half in HALF_NAMES:
        return f"Kiểm tra {HALF_NAMES[half]}"
    return KIND_NAMES.get(kind, kind)


def inspection_heading(kind: str, half: int | None, year: int) -> str:
    """The title of a record with its year: "Kiểm tra 6 tháng đầu năm 2026", "Kiểm tra năm 2026",
    "Kiểm tra chuyên đề năm 2026"."""
    title = inspection_title(kind, half)
    return f"{title} {year}" if title.endswith(" năm") else f"{title} năm {year}"


def _dmy(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def date_problems(
    *,
    kind: str,
    year: int,
    half: int | None,
    inspection_date: datetime.date,
    follow_up_due: datetime.date | None,
    today: datetime.date,
) -> list[str]:
    """What is wrong with the period and the dates of an inspection record (empty when all is right)."""
    problems = []
    if kind == SIX_MONTH and half not in HALF_NAMES:
        problems.append("Kiểm tra 6 tháng: hãy chọn 6 tháng đầu năm hay 6 tháng cuối năm.")
        half = None
    if kind != SIX_MONTH:
        half = None
    start, end = period_bounds(year, half)
    if not start <= inspection_date <= end:
        problems.append(
            f"Ngày kiểm tra {_dmy(inspection_date)} không thuộc {period_name(year, half)} "
            f"({_dmy(start)} – {_dmy(end)})."
        )
    if inspection_date > today:
        problems.append(f"Ngày kiểm tra {_dmy(inspection_date)} chưa tới; chỉ ghi biên bản sau khi đã kiểm tra.")
    if follow_up_due is not None and follow_up_due < inspection_date:
        problems.append(f"Hạn khắc phục {_dmy(follow_up_due)} phải từ ngày kiểm tra {_dmy(inspection_date)} trở đi.")
    return problems


def follow_up_problems(
    *, inspection_date: datetime.date, done_date: datetime.date | None, today: datetime.date
) -> list[str]:
    """What is wrong with the date a follow-up was completed (None: not completed yet)."""
    if done_date is None:
        return []
    if done_date < inspection_date:
        return [f"Ngày khắc phục xong {_dmy(done_date)} phải từ ngày kiểm tra {_dmy(inspection_date)} trở đi."]
    if done_date > today:
        return [f"Ngày khắc phục xong {_dmy(done_date)} chưa tới."]
    return []


def follow_up_state(
    *, recommendations: str, due: datetime.date | None, done_date: datetime.date | None, today: datetime.date
) -> str:
    """ "none" (nothing to follow up), "done", "overdue" or "pending"."""
    if not recommendations.strip():
        return "none"
    if done_date is not None:
        return "done"
    if due is not None and due < today:
        return "overdue"
    return "pending"
