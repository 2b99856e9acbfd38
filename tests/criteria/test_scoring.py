"""The pure scoring rules: totals, levels, reasons, and what makes a set inconsistent. No database."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from criteria.scoring import (
    CHECK,
    GroupSpec,
    ItemSpec,
    LevelSpec,
    ScoreError,
    SetSpec,
    consistency_errors,
    format_fixed,
    format_number,
    format_percent,
    score_set,
)

XUAT_SAC = LevelSpec("xuat_sac", "Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc", D(90), D("0.8"), "Xuất sắc")
DAT = LevelSpec("dat", "Đạt “Đoàn cơ sở 3 chủ động”", D(70), D("0.6"), "Đạt")

# A small set on the default 35/35/30 distribution: each group has two items.
SPEC = SetSpec(
    max_total=D(100),
    groups=(
        GroupSpec(1, "Nhóm 1", D(35), (ItemSpec("1.1", D(20)), ItemSpec("1.2", D(15)))),
        GroupSpec(2, "Nhóm 2", D(35), (ItemSpec("2.1", D(20)), ItemSpec("2.2", D(15)))),
        GroupSpec(3, "Nhóm 3", D(30), (ItemSpec("3.1", D(20)), ItemSpec("3.2", D(10), kind=CHECK))),
    ),
    levels=(XUAT_SAC, DAT),
)


def scores(g1=(20, 15), g2=(20, 15), g3=(20, True)):
    return {"1.1": g1[0], "1.2": g1[1], "2.1": g2[0], "2.2": g2[1], "3.1": g3[0], "3.2": g3[1]}


@pytest.mark.parametrize(
    ("case", "given", "total", "level", "reasons"),
    [
        ("full marks", scores(), 100, "xuat_sac", ()),
        # 28 + 28 + 24 = 80% of every group, 80 points: not Xuất sắc (needs 90), Đạt.
        (
            "exactly 80% in every group",
            scores((16, 12), (16, 12), (14, True)),
            80,
            "dat",
            ("Tổng điểm 80, dưới mức 90 điểm của mức Xuất sắc",),
        ),
        # Exactly on both Đạt thresholds: 70 points, group 1 = 21/35 = 60%.
        (
            "exactly on the Đạt thresholds",
            scores((11, 10), (15, 10), (14, True)),
            70,
            "dat",
            None,
        ),
        (
            "half a point under the total",
            scores((11, 10), (15, D("9.5")), (14, True)),
            D("69.5"),
            None,
            ("Tổng điểm 69,5, dưới mức 70 điểm của mức Đạt",),
        ),
        # 35 + 35 + 16.5 = 86.5 points, but group 3 has 55%: the whole unit misses Đạt.
        (
            "high total with one weak group",
            scores(g3=(D("6.5"), True)),
            D("86.5"),
            None,
            ("Nhóm 3 đạt 55%, dưới mức 60% của mức Đạt",),
        ),
        (
            "a checked item not met gives no points",
            scores(g3=(20, False)),
            90,
            "dat",
            ("Nhóm 3 đạt 66,7%, dưới mức 80% của mức Xuất sắc",),
        ),
        ("half points add up", scores((D("19.5"), D("14.5")), (20, 15), (20, True)), 99, "xuat_sac", ()),
    ],
)
def test_levels_and_reasons(case, given, total, level, reasons):
    result = score_set(SPEC, given)
    assert result.total == D(total), case
    assert (result.level.code if result.level else None) == level, case
    if reasons is not None:
        assert result.reasons == reasons, case


def test_group_totals_are_reported():
    result = score_set(SPEC, scores((16, 12), (D("17.5"), 12), (14, False)))
    assert [(g.number, g.points, g.max_points) for g in result.groups] == [
        (1, D(28), D(35)),
        (2, D("29.5"), D(35)),
        (3, D(14), D(30)),
    ]
    assert result.max_total == D(100)


def test_item_left_unscored_gives_no_level_and_says_which():
    given = scores()
    given["2.2"] = None
    del given["3.1"]
    result = score_set(SPEC, given)
    assert not result.complete
    assert result.unscored == ("2.2", "3.1")
    assert result.level is None
    assert result.level_name == "Chưa chấm xong"
    assert result.reasons == ("Còn tiêu chí chưa chấm: 2.2, 3.1.",)
    assert result.total == D(65)  # what has been scored so far


def test_missing_every_level_is_named_not_reached():
    result = score_set(SPEC, scores((0, 0), (0, 0), (0, False)))
    assert result.level is None and result.level_name == "Không đạt"
    assert result.reasons[0] == "Tổng điểm 0, dưới mức 70 điểm của mức Đạt"
    assert len(result.missed["xuat_sac"]) == 4


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("1.1", 21, "Điểm không được vượt quá điểm tối đa (20)."),
        ("1.1", D("20.5"), "Điểm không được vượt quá điểm tối đa (20)."),
        ("1.1", -1, "Điểm không được âm."),
        ("1.1", D("-0.5"), "Điểm không được âm."),
        ("1.1", D("6.3"), "Điểm chỉ được chấm theo bậc 0,5 (ví dụ 6 hoặc 6,5)."),
        ("1.1", D("6.25"), "Điểm chỉ được chấm theo bậc 0,5 (ví dụ 6 hoặc 6,5)."),
        ("1.1", "abc", "Điểm phải là một số."),
        ("1.1", "NaN", "Điểm phải là một số."),
        ("1.1", True, "Tiêu chí này chấm bằng điểm."),
        ("3.2", 10, "Tiêu chí này chỉ chấm đạt hoặc không đạt."),
        ("9.9", 1, "Không có tiêu chí này trong bộ tiêu chí."),
    ],
)
def test_bad_scores_are_refused(code, value, message):
    given = scores()
    given[code] = value
    with pytest.raises(ScoreError) as caught:
        score_set(SPEC, given)
    assert caught.value.errors == {code: message}


@pytest.mark.parametrize("value", [0, D("0.5"), "6.5", 20, D("20.0")])
def test_boundary_scores_are_accepted(value):
    given = scores()
    given["1.1"] = value
    assert score_set(SPEC, given).groups[0].points == D(str(value)) + 15


LOCAL_CHECK = ItemSpec("ĐP3.1", D(0), kind=CHECK, is_local=True, text="Tham gia ngày hội cà phê")
LOCAL_POINTS = ItemSpec("ĐP2.1", D(5), is_local=True, text="Mô hình kinh tế thanh niên")


def test_local_check_item_met_changes_nothing():
    spec = SPEC.with_local_items({3: [LOCAL_CHECK]})
    result = score_set(spec, {**scores(), "ĐP3.1": True})
    assert result.level == XUAT_SAC and result.total == 100 and result.max_total == 100


def test_local_check_item_not_met_misses_every_level():
    spec = SPEC.with_local_items({3: [LOCAL_CHECK]})
    result = score_set(spec, {**scores(), "ĐP3.1": False})
    assert result.level is None
    assert result.reasons == ("Nhóm 3: tiêu chí ĐP3.1 (địa phương) không đạt",)


def test_local_check_item_left_unscored_is_listed():
    spec = SPEC.with_local_items({3: [LOCAL_CHECK]})
    assert score_set(spec, scores()).unscored == ("ĐP3.1",)


def test_local_points_raise_the_maximum_and_keep_the_thresholds_share():
    spec = SPEC.with_local_items({2: [LOCAL_POINTS]})
    # 105-point sheet: Đạt needs 70 × 105 / 100 = 73.5 points and 60% of 40 points in group 2.
    on_threshold = {**scores((11, 10), (D("13.5"), 10), (D("16.5"), True)), "ĐP2.1": D("2.5")}
    result = score_set(spec, on_threshold)
    assert result.max_total == D(105) and result.total == D("73.5")
    assert result.groups[1].max_points == D(40)
    assert result.level == DAT
    below = {**on_threshold, "ĐP2.1": 2}
    assert score_set(spec, below).reasons[0] == "Tổng điểm 73, dưới mức 73,5 điểm của mức Đạt"


def test_local_points_above_their_maximum_are_refused():
    spec = SPEC.with_local_items({2: [LOCAL_POINTS]})
    with pytest.raises(ScoreError) as caught:
        score_set(spec, {**scores(), "ĐP2.1": 6})
    assert caught.value.errors == {"ĐP2.1": "Điểm không được vượt quá điểm tối đa (5)."}


def test_level_name_and_reached_level():
    assert score_set(SPEC, scores()).level_name == XUAT_SAC.name


# --- consistency before publishing ---------------------------------------------------------------------


def test_default_set_is_consistent():
    assert consistency_errors(SPEC) == []


def _with_group(number, **changes):
    groups = tuple(replace(g, **changes) if g.number == number else g for g in SPEC.groups)
    return replace(SPEC, groups=groups)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (
            _with_group(2, items=(ItemSpec("2.1", D(20)), ItemSpec("2.2", D(13)))),
            ["Nhóm 2: tổng điểm các tiêu chí là 33, khác điểm tối đa của nhóm (35)."],
        ),
        (
            _with_group(3, max_points=D(28), items=(ItemSpec("3.1", D(18)), ItemSpec("3.2", D(10)))),
            ["Tổng điểm tối đa của các nhóm là 98, khác tổng điểm của bộ tiêu chí (100)."],
        ),
        (
            replace(SPEC, levels=(XUAT_SAC, replace(DAT, min_total=D(95)))),
            ["Mức Đạt (95 điểm, 60%) phải thấp hơn mức xếp trên nó là Xuất sắc (90 điểm, 80%)."],
        ),
        (
            replace(SPEC, levels=(XUAT_SAC, replace(DAT, min_group_ratio=D("0.85")))),
            ["Mức Đạt (70 điểm, 85%) phải thấp hơn mức xếp trên nó là Xuất sắc (90 điểm, 80%)."],
        ),
        (
            replace(SPEC, levels=(XUAT_SAC, replace(DAT, min_total=D(90), min_group_ratio=D("0.8")))),
            ["Mức Đạt (90 điểm, 80%) phải thấp hơn mức xếp trên nó là Xuất sắc (90 điểm, 80%)."],
        ),
        (replace(SPEC, levels=()), ["Bộ tiêu chí chưa có mức kết quả nào."]),
        (
            replace(SPEC, levels=(replace(XUAT_SAC, min_total=D(110)), DAT)),
            ["Mức Xuất sắc: điểm tối thiểu 110 phải từ 0 đến 100."],
        ),
        (
            replace(SPEC, levels=(replace(XUAT_SAC, min_group_ratio=D("1.2")), DAT)),
            ["Mức Xuất sắc: tỷ lệ tối thiểu mỗi nhóm phải từ 0% đến 100%."],
        ),
        (
            replace(SPEC, groups=SPEC.groups[:2]),
            [
                "Bộ tiêu chí phải có đúng 3 nhóm, đánh số 1, 2, 3.",
                "Tổng điểm tối đa của các nhóm là 70, khác tổng điểm của bộ tiêu chí (100).",
            ],
        ),
        (
            _with_group(1, items=(ItemSpec("1.1", D(20)), ItemSpec("1.1", D(15)))),
            ["Nhóm 1: mã tiêu chí 1.1 bị trùng."],
        ),
        (
            _with_group(1, items=(ItemSpec("1.1", D("19.75")), ItemSpec("1.2", D("15.25")))),
            [
                "Nhóm 1: điểm tối đa của tiêu chí 1.1 phải là bội của 0,5.",
                "Nhóm 1: điểm tối đa của tiêu chí 1.2 phải là bội của 0,5.",
            ],
        ),
        (
            _with_group(1, items=(ItemSpec("1.1", D(35)), ItemSpec("1.2", D(0)))),
            ["Nhóm 1: tiêu chí 1.2 chấm bằng điểm phải có điểm tối đa lớn hơn 0."],
        ),
        (
            _with_group(1, items=()),
            ["Nhóm 1 chưa có tiêu chí nào."],
        ),
    ],
)
def test_inconsistent_sets_name_the_group_or_level_at_fault(spec, expected):
    assert consistency_errors(spec) == expected


@pytest.mark.parametrize(
    ("value", "text"), [(D("7.50"), "7,5"), (D("70.0"), "70"), (D(100), "100"), (D("0"), "0"), (D("0.5"), "0,5")]
)
def test_format_number(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(D("87.25"), "87,25"), (D(93), "93,00"), (D("93.8"), "93,80"), (D("87.125"), "87,13"), (D("0"), "0,00")],
)
def test_format_fixed_keeps_two_decimals(value, text):
    assert format_fixed(value) == text


@pytest.mark.parametrize(
    ("ratio", "text"), [(D("0.55"), "55%"), (D("0.6"), "60%"), (D(2) / D(3), "66,7%"), (D(1), "100%")]
)
def test_format_percent(ratio, text):
    assert format_percent(ratio) == text


def test_an_unscored_item_withholds_a_level_the_scored_items_already_reach():
    # 90 points and 20/30 in group 3 would reach Đạt, but item 3.2 is still to be scored.
    given = scores() | {"3.2": None}
    result = score_set(SPEC, given)
    assert result.total == D(90) and result.unscored == ("3.2",)
    assert result.level is None and result.level_name == "Chưa chấm xong"


def test_an_empty_string_is_an_unscored_item():
    result = score_set(SPEC, scores() | {"1.1": ""})
    assert result.unscored == ("1.1",) and result.total == D(80)


def test_score_error_lists_every_item_and_its_message():
    with pytest.raises(ScoreError) as raised:
        score_set(SPEC, scores() | {"1.1": 21, "9.9": 1})
    assert str(raised.value) == (
        "9.9: Không có tiêu chí này trong bộ tiêu chí.; 1.1: Điểm không được vượt quá điểm tối đa (20)."
    )
    assert raised.value.errors == {
        "9.9": "Không có tiêu chí này trong bộ tiêu chí.",
        "1.1": "Điểm không được vượt quá điểm tối đa (20).",
    }


def test_group_results_carry_the_groups_title():
    assert [g.title for g in score_set(SPEC, scores()).groups] == ["Nhóm 1", "Nhóm 2", "Nhóm 3"]


def test_a_set_without_a_maximum_keeps_the_levels_own_minimum():
    from criteria.scoring import GroupResult, level_shortfalls

    groups = [GroupResult(1, "Nhóm 1", D(0), D(0))]
    assert level_shortfalls(DAT, groups, D(0), D(0), D(0)) == ("Tổng điểm 0, dưới mức 70 điểm của mức Đạt",)


def _with_levels(*levels):
    return replace(SPEC, levels=levels)


@pytest.mark.parametrize(
    "levels",
    [
        # Thresholds on the edges of what is allowed: 0 and the set's maximum, 0% and 100%.
        (LevelSpec("a", "A", D(100), D(1)), LevelSpec("b", "B", D(0), D(0))),
        # A lower level may keep one threshold of the level above it and lower the other.
        (LevelSpec("a", "A", D(90), D("0.8")), LevelSpec("b", "B", D(90), D("0.6"))),
        (LevelSpec("a", "A", D(90), D("0.6")), LevelSpec("b", "B", D(70), D("0.6"))),
    ],
)
def test_consistent_level_thresholds(levels):
    assert consistency_errors(_with_levels(*levels)) == []


def test_a_points_item_worth_one_point_is_consistent():
    groups = (
        GroupSpec(1, "Nhóm 1", D(35), (ItemSpec("1.1", D(34)), ItemSpec("1.2", D(1)))),
        *SPEC.groups[1:],
    )
    assert consistency_errors(replace(SPEC, groups=groups)) == []
