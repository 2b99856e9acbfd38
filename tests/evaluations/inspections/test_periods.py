"""The periods and dates of inspections, table-driven (no database, no clock)."""

import datetime

import pytest

from evaluations.inspections import periods

D = datetime.date
TODAY = D(2026, 12, 2)


@pytest.mark.parametrize(
    ("day", "half"),
    [(D(2026, 1, 1), 1), (D(2026, 6, 30), 1), (D(2026, 7, 1), 2), (D(2026, 12, 31), 2)],
)
def test_half_of(day, half):
    assert periods.half_of(day) == half


@pytest.mark.parametrize(
    ("half", "bounds"),
    [
        (1, (D(2025, 1, 1), D(2025, 6, 30))),
        (2, (D(2025, 7, 1), D(2025, 12, 31))),
        (None, (D(2025, 1, 1), D(2025, 12, 31))),
    ],
)
def test_period_bounds(half, bounds):
    assert periods.period_bounds(2025, half) == bounds


@pytest.mark.parametrize(
    ("kind", "half", "title"),
    [
        ("six_month", 1, "Kiểm tra 6 tháng đầu năm"),
        ("six_month", 2, "Kiểm tra 6 tháng cuối năm"),
        ("annual", None, "Kiểm tra năm"),
        ("thematic", None, "Kiểm tra chuyên đề"),
    ],
)
def test_inspection_title(kind, half, title):
    assert periods.inspection_title(kind, half) == title


@pytest.mark.parametrize(
    ("kind", "half", "heading"),
    [
        ("six_month", 1, "Kiểm tra 6 tháng đầu năm 2026"),
        ("six_month", 2, "Kiểm tra 6 tháng cuối năm 2026"),
        ("annual", None, "Kiểm tra năm 2026"),
        ("thematic", None, "Kiểm tra chuyên đề năm 2026"),
    ],
)
def test_inspection_heading(kind, half, heading):
    assert periods.inspection_heading(kind, half, 2026) == heading


@pytest.mark.parametrize(
    ("kind", "year", "half", "date", "due", "expected"),
    [
        ("six_month", 2026, 1, D(2026, 6, 15), None, []),
        ("six_month", 2026, 1, D(2026, 6, 30), D(2026, 9, 30), []),
        ("six_month", 2026, 1, D(2026, 7, 1), None, ["không thuộc 6 tháng đầu năm 2026 (01/01/2026 – 30/06/2026)"]),
        ("six_month", 2026, 2, D(2026, 6, 30), None, ["không thuộc 6 tháng cuối năm 2026"]),
        ("six_month", 2026, None, D(2026, 3, 1), None, ["hãy chọn 6 tháng đầu năm hay 6 tháng cuối năm"]),
        ("annual", 2025, None, D(2025, 12, 20), None, []),
        ("annual", 2025, 2, D(2025, 3, 20), None, []),  # the half is ignored for a yearly inspection
        ("annual", 2025, None, D(2026, 1, 5), None, ["không thuộc năm 2025"]),
        ("thematic", 2026, None, D(2026, 12, 3), None, ["chưa tới"]),
        ("annual", 2026, None, D(2026, 11, 20), D(2026, 11, 19), ["Hạn khắc phục 19/11/2026 phải từ ngày kiểm tra"]),
    ],
)
def test_date_problems(kind, year, half, date, due, expected):
    problems = periods.date_problems(
        kind=kind, year=year, half=half, inspection_date=date, follow_up_due=due, today=TODAY
    )
    assert len(problems) == len(expected)
    for problem, words in zip(problems, expected, strict=True):
        assert words in problem


@pytest.mark.parametrize(
    ("done", "expected"),
    [
        (None, None),
        (D(2026, 6, 15), None),
        (D(2026, 6, 14), "phải từ ngày kiểm tra 15/06/2026"),
        (D(2026, 12, 3), "chưa tới"),
    ],
)
def test_follow_up_problems(done, expected):
    problems = periods.follow_up_problems(inspection_date=D(2026, 6, 15), done_date=done, today=TODAY)
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and expected in problems[0]


@pytest.mark.parametrize(
    ("recommendations", "due", "done", "state"),
    [
        ("", D(2026, 1, 1), None, "none"),
        ("  ", None, None, "none"),
        ("Bổ sung sổ", None, None, "pending"),
        ("Bổ sung sổ", D(2026, 12, 2), None, "pending"),
        ("Bổ sung sổ", D(2026, 12, 1), None, "overdue"),
        ("Bổ sung sổ", D(2026, 12, 1), D(2026, 11, 30), "done"),
    ],
)
def test_follow_up_state(recommendations, due, done, state):
    assert periods.follow_up_state(recommendations=recommendations, due=due, done_date=done, today=TODAY) == state
