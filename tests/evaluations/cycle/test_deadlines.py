"""Deadlines are pure: table-driven, `today` passed in."""

import datetime

import pytest

from evaluations.cycle.deadlines import due_state, effective_due, may_submit

D = datetime.date


@pytest.mark.parametrize(
    "base, extension, expected",
    [
        (D(2026, 3, 31), None, D(2026, 3, 31)),
        (D(2026, 3, 31), D(2026, 4, 15), D(2026, 4, 15)),
        (D(2026, 3, 31), D(2026, 3, 1), D(2026, 3, 31)),  # an extension never shortens
        (D(2026, 3, 31), D(2026, 3, 31), D(2026, 3, 31)),
    ],
)
def test_effective_due(base, extension, expected):
    assert effective_due(base, extension) == expected


@pytest.mark.parametrize(
    "due, today, returned_on, expected",
    [
        (D(2026, 3, 31), D(2026, 3, 31), None, True),  # the deadline day itself
        (D(2026, 3, 31), D(2026, 4, 1), None, False),
        (D(2026, 3, 31), D(2026, 4, 1), D(2026, 3, 30), True),  # returned the day before: 7 days of grace
        (D(2026, 3, 31), D(2026, 4, 6), D(2026, 3, 30), True),
        (D(2026, 3, 31), D(2026, 4, 7), D(2026, 3, 30), False),
        (D(2026, 3, 31), D(2026, 5, 1), D(2026, 4, 25), True),  # returned after the deadline
    ],
)
def test_may_submit(due, today, returned_on, expected):
    assert may_submit(due, today, returned_on=returned_on) is expected


@pytest.mark.parametrize(
    "due, today, overdue, soon, text",
    [
        (D(2026, 3, 31), D(2026, 3, 1), False, False, "còn 30 ngày (hạn 31/03/2026)"),
        (D(2026, 3, 31), D(2026, 3, 24), False, True, "còn 7 ngày (hạn 31/03/2026)"),
        (D(2026, 3, 31), D(2026, 3, 23), False, False, "còn 8 ngày (hạn 31/03/2026)"),
        (D(2026, 3, 31), D(2026, 3, 31), False, True, "hạn hôm nay (31/03/2026)"),
        (D(2026, 3, 31), D(2026, 4, 2), True, False, "quá hạn 2 ngày (hạn 31/03/2026)"),
    ],
)
def test_due_state(due, today, overdue, soon, text):
    state = due_state(due, today)
    assert (state.overdue, state.soon, state.text) == (overdue, soon, text)
