"""criteria.changes: what a draft changes against the version in force (pure, no database)."""

from decimal import Decimal

from criteria.changes import Snapshot, set_changes


def snapshot(**overrides):
    base = {
        "fields": {"name": "Bộ 3CĐ", "max_total": Decimal("100.0"), "first_year": 2023, "last_year": 2027},
        "groups": {1: {"title": "Chủ động tập hợp", "max_points": Decimal("35.0")}},
        "items": {
            "1.1": {"group": 1, "text": "Tập hợp thanh niên", "max_points": Decimal("7.0"), "evidence": ""},
            "1.2": {"group": 1, "text": "Sinh hoạt chi đoàn", "max_points": Decimal("10.0"), "evidence": ""},
        },
        "levels": {"dat": {"name": "Đạt", "min_total": Decimal("70.0")}},
    }
    return Snapshot(**{**base, **overrides})


def test_identical_sets_have_no_changes():
    assert set_changes(snapshot(), snapshot()) == []


def test_each_change_is_one_line_in_the_order_of_the_set():
    old = snapshot()
    new = snapshot(
        fields={**old.fields, "last_year": 2028},
        items={
            "1.1": {**old.items["1.1"], "max_points": Decimal("7.5")},
            "1.3": {"group": 1, "text": "Tiêu chí mới", "max_points": Decimal("2.5"), "evidence": ""},
        },
        levels={"dat": {"name": "Đạt", "min_total": Decimal("75.0")}},
    )
    assert set_changes(old, new) == [
        "Đến năm: 2027 → 2028",
        "Tiêu chí 1.1: điểm tối đa: 7 → 7,5",
        "Bỏ tiêu chí 1.2: Sinh hoạt chi đoàn",
        "Thêm tiêu chí 1.3: Tiêu chí mới",
        "Mức Đạt: tổng điểm tối thiểu: 70 → 75",
    ]


def test_a_reordering_alone_is_a_change():
    old = snapshot()
    new = snapshot(items=dict(reversed(list(old.items.items()))))
    assert set_changes(old, new) == ["Thứ tự các tiêu chí thay đổi."]
