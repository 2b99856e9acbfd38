"""The commendation rules as a table: each row a unit's years, the rules, and the verdict with its reasons."""

import datetime
from decimal import Decimal

import pytest

from evaluations.commendations.eligibility import (
    ADD,
    AVERAGE,
    EXCELLENT_YEARS,
    LAST_TOTAL,
    RECOGNISED_YEARS,
    REMOVE,
    Level,
    Override,
    Rules,
    RulesError,
    UnitRecord,
    YearResult,
    check_decision_date,
    evaluate,
    validate_rules,
)

LEVELS = (Level("xuat_sac", "Xuất sắc"), Level("dat", "Đạt"))
D = Decimal


def year(y, total, level="dat"):
    return YearResult(year=y, recognised=level != "", level_code=level, review_total=D(total))


def unit(uid, *results, district=1, failed=(), code=None):
    names = {1: "Huyện đoàn Lắk", 2: "Huyện đoàn Krông Pắc"}
    return UnitRecord(
        unit_id=uid,
        code=code or f"U{uid:02d}",
        name=f"Đoàn xã {uid}",
        district_id=district,
        district_name=names[district],
        results=tuple(results),
        failed_inspection_years=tuple(failed),
    )


BOTH = Rules(start_year=2023, end_year=2024)


@pytest.mark.parametrize(
    ("rules", "record", "selected", "reasons"),
    [
        (
            BOTH,
            unit(1, year(2023, 80), year(2024, 85)),
            True,
            ("xếp thứ 1 trong 1 đơn vị đủ điều kiện của Huyện đoàn Lắk",),
        ),
        (BOTH, unit(1, year(2023, 80), year(2024, 60, "")), False, ("2024: không đạt",)),
        (BOTH, unit(1, year(2023, 80)), False, ("2024: chưa có kết quả thẩm định",)),
        (
            Rules(start_year=2023, end_year=2024, min_recognised_years=1),
            unit(1, year(2023, 80), year(2024, 60, "")),
            True,
            ("xếp thứ 1 trong 1 đơn vị đủ điều kiện của Huyện đoàn Lắk",),
        ),
        (
            Rules(start_year=2022, end_year=2024, min_recognised_years=2),
            unit(1, year(2023, 80), year(2024, 60, "")),
            False,
            ("2022: chưa có kết quả thẩm định", "2024: không đạt", "đạt 1/3 năm, cần ít nhất 2"),
        ),
        (
            Rules(start_year=2023, end_year=2024, min_level="xuat_sac"),
            unit(1, year(2023, 95, "xuat_sac"), year(2024, 80)),
            False,
            ("2024: mức Đạt, chưa đạt mức Xuất sắc",),
        ),
        (BOTH, unit(1, year(2023, 80), year(2024, 85), failed=[2024]), False, ("2024: kiểm tra không đạt",)),
        # An inspection outside the window does not count.
        (
            BOTH,
            unit(1, year(2023, 80), year(2024, 85), failed=[2022]),
            True,
            ("xếp thứ 1 trong 1 đơn vị đủ điều kiện của Huyện đoàn Lắk",),
        ),
        (
            Rules(start_year=2023, end_year=2024, no_failed_inspection=False),
            unit(1, year(2023, 80), year(2024, 85), failed=[2024]),
            True,
            ("xếp thứ 1 trong 1 đơn vị đủ điều kiện của Huyện đoàn Lắk",),
        ),
        (
            Rules(start_year=2023, end_year=2024, min_average_total=D(85)),
            unit(1, year(2023, 80), year(2024, 85)),
            False,
            ("điểm bình quân 82,5 < 85",),
        ),
        # The threshold exactly met counts as met.
        (
            Rules(start_year=2023, end_year=2024, min_average_total=D("82.5")),
            unit(1, year(2023, 80), year(2024, 85)),
            True,
            ("xếp thứ 1 trong 1 đơn vị đủ điều kiện của Huyện đoàn Lắk",),
        ),
    ],
)
def test_rules_give_each_unit_its_verdict_and_reasons(rules, record, selected, reasons):
    (verdict,) = evaluate(rules, [record], levels=LEVELS).verdicts
    assert (verdict.selected, verdict.reasons) == (selected, reasons)


DISTRICT = [
    unit(1, year(2023, 90), year(2024, 90)),
    unit(2, year(2023, 85), year(2024, 95)),  # same average as 1: the last year's total decides
    unit(3, year(2023, 80), year(2024, 80)),
    unit(4, year(2023, 75), year(2024, 75)),
    unit(5, year(2023, 70), year(2024, 60, "")),  # not recognised in 2024
]


@pytest.mark.parametrize(
    ("rules", "selected", "reason_of_4"),
    [
        (
            Rules(2023, 2024, tie_break=(AVERAGE, LAST_TOTAL)),
            [2, 1, 3, 4],
            "xếp thứ 4 trong 4 đơn vị đủ điều kiện của Huyện đoàn Lắk",
        ),
        (
            Rules(2023, 2024, quota_per_district=3, tie_break=(AVERAGE, LAST_TOTAL)),
            [2, 1, 3],
            "vượt chỉ tiêu: xếp thứ 4 trong 4 đơn vị đủ điều kiện của Huyện đoàn Lắk, chỉ tiêu 3",
        ),
        # 50% of the 4 units recognised in 2024 is 2.
        (
            Rules(2023, 2024, share_percent=D(50), tie_break=(AVERAGE, LAST_TOTAL)),
            [2, 1],
            "vượt chỉ tiêu: xếp thứ 4 trong 4 đơn vị đủ điều kiện của Huyện đoàn Lắk, chỉ tiêu 2",
        ),
        # Both limits: the smaller one holds.
        (
            Rules(2023, 2024, quota_per_district=1, share_percent=D(50), tie_break=(AVERAGE, LAST_TOTAL)),
            [2],
            "vượt chỉ tiêu: xếp thứ 4 trong 4 đơn vị đủ điều kiện của Huyện đoàn Lắk, chỉ tiêu 1",
        ),
        # Without the last-year tie-break the unit code decides between equal averages.
        (
            Rules(2023, 2024, quota_per_district=1, tie_break=(AVERAGE,)),
            [1],
            "vượt chỉ tiêu: xếp thứ 4 trong 4 đơn vị đủ điều kiện của Huyện đoàn Lắk, chỉ tiêu 1",
        ),
    ],
)
def test_quota_keeps_the_best_ranked_of_each_district(rules, selected, reason_of_4):
    outcome = evaluate(rules, DISTRICT, levels=LEVELS)
    assert [v.unit_id for v in outcome.selected] == selected
    by_id = {v.unit_id: v for v in outcome.verdicts}
    assert by_id[4].reasons == (reason_of_4,)
    assert by_id[5].reasons == ("2024: không đạt",)


def test_quota_applies_per_district_and_every_unit_gets_a_verdict():
    records = [*DISTRICT, unit(6, year(2023, 70), year(2024, 71), district=2)]
    outcome = evaluate(Rules(2023, 2024, quota_per_district=1), records, levels=LEVELS)
    assert {v.unit_id for v in outcome.selected} == {2, 6}
    assert len(outcome.verdicts) == 6
    assert outcome.quotas == {1: 1, 2: 1}


@pytest.mark.parametrize(
    ("override", "selected", "first_reason"),
    [
        # The removed unit's place goes to the next eligible unit.
        (Override(3, REMOVE, "đang bị kỷ luật"), [2, 1, 4], "loại thủ công: đang bị kỷ luật"),
        (Override(5, ADD, "thành tích đột xuất"), [2, 1, 3, 5], "bổ sung thủ công: thành tích đột xuất"),
    ],
)
def test_officer_override_wins_over_the_rules_and_says_why(override, selected, first_reason):
    rules = Rules(2023, 2024, quota_per_district=3, tie_break=(AVERAGE, LAST_TOTAL))
    outcome = evaluate(rules, DISTRICT, levels=LEVELS, overrides=[override])
    assert sorted(v.unit_id for v in outcome.selected) == sorted(selected)
    verdict = next(v for v in outcome.verdicts if v.unit_id == override.unit_id)
    assert verdict.reasons[0] == first_reason
    assert verdict.manual == override.action


SEVEN = [unit(n, year(2023, 100 - n), year(2024, 100 - n)) for n in range(1, 8)]


def test_reasons_name_the_rank_among_the_eligible_and_the_quota_once():
    outcome = evaluate(Rules(2023, 2024, quota_per_district=3), SEVEN, levels=LEVELS)
    by_id = {v.unit_id: v for v in outcome.verdicts}
    assert by_id[1].reasons == ("xếp thứ 1 trong 7 đơn vị đủ điều kiện của Huyện đoàn Lắk, chỉ tiêu 3",)
    assert by_id[4].reasons == ("vượt chỉ tiêu: xếp thứ 4 trong 7 đơn vị đủ điều kiện của Huyện đoàn Lắk, chỉ tiêu 3",)


def test_a_removal_frees_its_place_for_the_next_eligible_unit():
    overrides = [Override(2, REMOVE, "Chưa nộp báo cáo."), Override(3, REMOVE, "Có đơn thư")]
    outcome = evaluate(Rules(2023, 2024, quota_per_district=3), SEVEN, levels=LEVELS, overrides=overrides)
    assert [v.unit_id for v in outcome.selected] == [1, 4, 5]
    by_id = {v.unit_id: v for v in outcome.verdicts}
    assert by_id[4].reasons == (
        "xếp thứ 4 trong 7 đơn vị đủ điều kiện của Huyện đoàn Lắk, chỉ tiêu 3",
        "vào danh sách thay Đoàn xã 2 (loại thủ công)",
    )
    assert by_id[5].reasons[1] == "vào danh sách thay Đoàn xã 3 (loại thủ công)"
    assert by_id[6].reasons == ("vượt chỉ tiêu: xếp thứ 6 trong 7 đơn vị đủ điều kiện của Huyện đoàn Lắk, chỉ tiêu 3",)
    # The officer's full stop does not end up before the separator (".;").
    assert by_id[2].reasons[:2] == (
        "loại thủ công: Chưa nộp báo cáo",
        "xếp thứ 2 trong 7 đơn vị đủ điều kiện của Huyện đoàn Lắk, chỉ tiêu 3",
    )
    assert all(".;" not in "; ".join(v.reasons) for v in outcome.verdicts)


def test_a_removal_says_why_no_unit_takes_its_place():
    units = [*SEVEN[:3], unit(8, year(2023, 90), year(2024, 50, ""))]
    outcome = evaluate(
        Rules(2023, 2024, quota_per_district=3), units, levels=LEVELS, overrides=[Override(1, REMOVE, "Có đơn thư")]
    )
    by_id = {v.unit_id: v for v in outcome.verdicts}
    assert [v.unit_id for v in outcome.selected] == [2, 3]
    assert by_id[1].reasons[-1] == "không còn đơn vị đủ điều kiện để thay vào chỗ này"
    assert by_id[8].reasons == ("2024: không đạt",)


def test_without_a_quota_a_removal_frees_nothing_to_fill():
    outcome = evaluate(BOTH, SEVEN[:2], levels=LEVELS, overrides=[Override(1, REMOVE, "x")])
    by_id = {v.unit_id: v for v in outcome.verdicts}
    assert by_id[1].reasons == ("loại thủ công: x", "xếp thứ 1 trong 2 đơn vị đủ điều kiện của Huyện đoàn Lắk")
    assert by_id[2].reasons == ("xếp thứ 2 trong 2 đơn vị đủ điều kiện của Huyện đoàn Lắk",)


def test_an_override_that_agrees_with_the_rules_changes_nothing():
    rules = Rules(2023, 2024)
    outcome = evaluate(rules, DISTRICT, levels=LEVELS, overrides=[Override(1, ADD, "x"), Override(5, REMOVE, "y")])
    by_id = {v.unit_id: v for v in outcome.verdicts}
    assert by_id[1].selected and by_id[1].manual == ""
    assert not by_id[5].selected and by_id[5].manual == ""


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (Rules(2024, 2023), "Năm bắt đầu của giai đoạn xét phải không sau năm kết thúc."),
        (Rules(2021, 2023), "Giai đoạn xét phải nằm trong nhiệm kỳ 2022 – 2027."),
        (Rules(2023, 2026), "Năm 2026 chưa kết thúc: chỉ xét các năm đã có kết quả thẩm định."),
        (Rules(2023, 2024, min_recognised_years=3), "Số năm đạt tối thiểu phải từ 1 đến 2."),
        (Rules(2023, 2024, min_level="vang"), "Mức kết quả tối thiểu không có trong bộ tiêu chí."),
        (Rules(2023, 2024, min_average_total=D(101)), "Điểm bình quân tối thiểu phải từ 0 đến 100."),
        (Rules(2023, 2024, quota_per_district=0), "Chỉ tiêu mỗi đơn vị cấp huyện phải từ 1 trở lên."),
        (Rules(2023, 2024, share_percent=D(0)), "Tỷ lệ tối đa phải lớn hơn 0% và không quá 100%."),
        (Rules(2023, 2024, tie_break=(AVERAGE, AVERAGE)), "Thứ tự ưu tiên khi bằng điểm không hợp lệ."),
    ],
)
def test_rules_that_cannot_be_used_are_refused(rules, message):
    with pytest.raises(RulesError) as error:
        validate_rules(rules, term_start=2022, term_end=2027, today_year=2026, levels=LEVELS)
    assert message in error.value.messages


def test_sound_rules_pass():
    validate_rules(BOTH, term_start=2022, term_end=2027, today_year=2026, levels=LEVELS)


TODAY = datetime.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("decision_date", "message"),
    [
        (datetime.date(2025, 1, 1), None),
        (TODAY, None),
        (datetime.date(2024, 12, 31), "Ngày quyết định phải sau giai đoạn xét 2023 – 2024 (từ 01/01/2025)."),
        (datetime.date(2026, 3, 11), "Ngày quyết định không được sau ngày hôm nay."),
        (datetime.date(2029, 1, 1), "Ngày quyết định phải trong nhiệm kỳ (chậm nhất năm 2028)."),
    ],
)
def test_decision_date_must_follow_the_window(decision_date, message):
    assert check_decision_date(BOTH, decision_date, today=TODAY, term_end=2027) == message


# --- pinned figures and boundaries (each row kills mutants that the verdict tables above let through) ---------


@pytest.mark.parametrize(
    ("rules", "messages"),
    [
        # Boundaries that are allowed: nothing is refused.
        (Rules(2023, 2023), []),
        (Rules(2022, 2025), []),
        (Rules(2023, 2024, min_recognised_years=1), []),
        (Rules(2023, 2024, min_recognised_years=2), []),
        (Rules(2023, 2024, min_level="xuat_sac"), []),
        (Rules(2023, 2024, min_average_total=D(0)), []),
        (Rules(2023, 2024, min_average_total=D(100)), []),
        (Rules(2023, 2024, quota_per_district=1), []),
        (Rules(2023, 2024, share_percent=D(100)), []),
        (Rules(2023, 2024, tie_break=()), []),
        # Just past them, and every problem of one set of rules listed at once.
        (Rules(2023, 2024, min_recognised_years=0), ["Số năm đạt tối thiểu phải từ 1 đến 2."]),
        (Rules(2023, 2024, min_average_total=D(-1)), ["Điểm bình quân tối thiểu phải từ 0 đến 100."]),
        (Rules(2023, 2024, share_percent=D(101)), ["Tỷ lệ tối đa phải lớn hơn 0% và không quá 100%."]),
        (Rules(2023, 2024, tie_break=("tuoi",)), ["Thứ tự ưu tiên khi bằng điểm không hợp lệ."]),
        (
            Rules(2021, 2028, quota_per_district=0),
            [
                "Giai đoạn xét phải nằm trong nhiệm kỳ 2022 – 2027.",
                "Năm 2028 chưa kết thúc: chỉ xét các năm đã có kết quả thẩm định.",
                "Chỉ tiêu mỗi đơn vị cấp huyện phải từ 1 trở lên.",
            ],
        ),
    ],
)
def test_rule_boundaries(rules, messages):
    try:
        validate_rules(rules, term_start=2022, term_end=2027, today_year=2026, levels=LEVELS)
    except RulesError as error:
        assert error.messages == messages
        assert str(error) == "; ".join(messages)
    else:
        assert messages == []


def _figures(verdict):
    return (
        verdict.code,
        verdict.selected,
        verdict.eligible,
        verdict.rank,
        verdict.eligible_in_district,
        verdict.quota,
        verdict.recognised_years,
        verdict.average_total,
        verdict.last_total,
        verdict.excellent_years,
        verdict.manual,
        verdict.reasons,
    )


def test_each_verdict_carries_the_figures_the_rules_used():
    units = [
        unit(1, year(2023, 91, "xuat_sac"), year(2024, 92, "xuat_sac")),
        unit(2, year(2023, D("80.25"), "dat"), year(2024, D("81.5"), "dat")),
        unit(3, year(2023, 88, "xuat_sac"), year(2024, 70, "dat")),
        unit(4, year(2023, 60, ""), year(2024, 75, "dat")),
        unit(5, year(2023, 95, "xuat_sac")),  # no 2024 result
        unit(6, year(2023, 85, "dat"), year(2024, 86, "dat"), district=2),
    ]
    rules = Rules(2023, 2024, quota_per_district=2, tie_break=(EXCELLENT_YEARS, RECOGNISED_YEARS, LAST_TOTAL))
    outcome = evaluate(rules, units, levels=LEVELS, overrides=[Override(6, REMOVE, "Có đơn thư")])
    assert [_figures(v) for v in outcome.verdicts] == [
        (
            "U06",
            False,
            True,
            1,
            1,
            2,
            2,
            D("85.50"),
            D(86),
            0,
            REMOVE,
            (
                "loại thủ công: Có đơn thư",
                "xếp thứ 1 trong 1 đơn vị đủ điều kiện của Huyện đoàn Krông Pắc, chỉ tiêu 2",
                "không còn đơn vị đủ điều kiện để thay vào chỗ này",
            ),
        ),
        (
            "U01",
            True,
            True,
            1,
            3,
            2,
            2,
            D("91.50"),
            D(92),
            2,
            "",
            ("xếp thứ 1 trong 3 đơn vị đủ điều kiện của Huyện đoàn Lắk, chỉ tiêu 2",),
        ),
        (
            "U03",
            True,
            True,
            2,
            3,
            2,
            2,
            D("79.00"),
            D(70),
            1,
            "",
            ("xếp thứ 2 trong 3 đơn vị đủ điều kiện của Huyện đoàn Lắk, chỉ tiêu 2",),
        ),
        (
            "U02",
            False,
            True,
            3,
            3,
            2,
            2,
            D("80.88"),
            D("81.5"),
            0,
            "",
            ("vượt chỉ tiêu: xếp thứ 3 trong 3 đơn vị đủ điều kiện của Huyện đoàn Lắk, chỉ tiêu 2",),
        ),
        ("U04", False, False, None, 3, 2, 1, D("67.50"), D(75), 0, "", ("2023: không đạt",)),
        ("U05", False, False, None, 3, 2, 1, D("95.00"), None, 1, "", ("2024: chưa có kết quả thẩm định",)),
    ]
    assert outcome.quotas == {2: 2, 1: 2}


@pytest.mark.parametrize(
    ("recognised_2024", "share", "quota", "expected_quota"),
    [
        (5, D(50), None, 3),  # 2.5 rounds half up
        (5, D(40), None, 2),
        (5, D(50), 2, 2),  # both set: the smaller
        (5, D(50), 4, 3),
        (4, None, None, None),
    ],
)
def test_quota_from_a_share_of_the_units_recognised_in_the_last_year(recognised_2024, share, quota, expected_quota):
    units = [unit(n, year(2023, 80), year(2024, 80 - n, "dat" if n <= recognised_2024 else "")) for n in range(1, 7)]
    outcome = evaluate(Rules(2023, 2024, share_percent=share, quota_per_district=quota), units, levels=LEVELS)
    assert outcome.quotas == {1: expected_quota}


def test_a_level_not_in_the_set_reads_as_unknown_and_misses_the_minimum():
    record = unit(1, year(2023, 90, "xuat_sac"), year(2024, 90, "bac"))
    (verdict,) = evaluate(Rules(2023, 2024, min_level="dat"), [record], levels=LEVELS).verdicts
    assert verdict.reasons == ("2024: mức bac, chưa đạt mức Đạt",)
    blank = unit(1, year(2023, 90, "xuat_sac"), YearResult(2024, True, "", D(90)))
    (verdict,) = evaluate(Rules(2023, 2024, min_level="dat"), [blank], levels=LEVELS).verdicts
    assert verdict.reasons == ("2024: mức không rõ, chưa đạt mức Đạt",)


def test_an_added_unit_is_selected_with_its_reason_first():
    record = unit(1, year(2023, 80), year(2024, 60, ""))
    (verdict,) = evaluate(BOTH, [record], levels=LEVELS, overrides=[Override(1, ADD, "Tiêu biểu vùng khó")]).verdicts
    assert (verdict.selected, verdict.manual, verdict.reasons) == (
        True,
        ADD,
        ("bổ sung thủ công: Tiêu biểu vùng khó", "2024: không đạt"),
    )


def test_missing_totals_sort_last_and_the_average_needs_a_total():
    units = [
        unit(1, YearResult(2023, True, "dat", None), YearResult(2024, True, "dat", None)),
        unit(2, year(2023, 70), year(2024, 70)),
    ]
    outcome = evaluate(Rules(2023, 2024, tie_break=(AVERAGE,)), units, levels=LEVELS)
    assert [(v.code, v.rank, v.average_total) for v in outcome.verdicts] == [("U02", 1, D("70.00")), ("U01", 2, None)]
    (verdict,) = evaluate(Rules(2023, 2024, min_average_total=D(50)), [units[0]], levels=LEVELS).verdicts
    assert verdict.reasons == ("điểm bình quân không có < 50",)


@pytest.mark.parametrize(
    ("rules", "record", "reasons"),
    [
        # The minimum level met exactly, and a minimum the set does not know (named as typed).
        (
            Rules(2023, 2024, min_level="dat"),
            unit(1, year(2023, 80), year(2024, 80)),
            ("xếp thứ 1 trong 1 đơn vị đủ điều kiện của Huyện đoàn Lắk",),
        ),
        (
            Rules(2023, 2024, min_level="vang"),
            unit(1, year(2023, 80), year(2024, 80)),
            ("2023: mức Đạt, chưa đạt mức vang", "2024: mức Đạt, chưa đạt mức vang"),
        ),
        # Two of three years recognised, two required.
        (
            Rules(2022, 2024, min_recognised_years=2),
            unit(1, year(2022, 80), year(2023, 80), year(2024, 60, "")),
            ("xếp thứ 1 trong 1 đơn vị đủ điều kiện của Huyện đoàn Lắk",),
        ),
        # A failed inspection in the first year of the window counts.
        (BOTH, unit(1, year(2023, 80), year(2024, 80), failed=[2023]), ("2023: kiểm tra không đạt",)),
    ],
)
def test_more_rule_boundaries(rules, record, reasons):
    (verdict,) = evaluate(rules, [record], levels=LEVELS).verdicts
    assert verdict.reasons == reasons


def test_the_average_rounds_half_up_to_the_cent():
    (verdict,) = evaluate(BOTH, [unit(1, year(2023, 80), year(2024, D("80.25")))], levels=LEVELS).verdicts
    assert verdict.average_total == D("80.13")


def test_without_levels_no_year_counts_as_excellent():
    (verdict,) = evaluate(BOTH, [unit(1, year(2023, 80), year(2024, 80))]).verdicts
    assert (verdict.selected, verdict.excellent_years) == (True, 0)


@pytest.mark.parametrize("key", [AVERAGE, LAST_TOTAL])
def test_a_unit_without_totals_ranks_below_any_total(key):
    no_totals = unit(1, YearResult(2023, True, "dat", None), YearResult(2024, True, "dat", None))
    low = unit(2, year(2023, 0), year(2024, D("0.5")))
    outcome = evaluate(Rules(2023, 2024, tie_break=(key,)), [no_totals, low], levels=LEVELS)
    assert [v.code for v in outcome.verdicts] == ["U02", "U01"]


def test_a_verdict_names_its_unit_and_district():
    (verdict,) = evaluate(BOTH, [unit(7, year(2023, 80), year(2024, 80), district=2)], levels=LEVELS).verdicts
    assert (verdict.unit_id, verdict.name, verdict.district_id, verdict.district_name) == (
        7,
        "Đoàn xã 7",
        2,
        "Huyện đoàn Krông Pắc",
    )


@pytest.mark.parametrize(
    ("decision_date", "today", "message"),
    [
        (datetime.date(2028, 1, 2), datetime.date(2028, 6, 1), None),  # the year after the term still counts
        (datetime.date(2027, 5, 1), datetime.date(2028, 6, 1), None),
    ],
)
def test_decision_date_at_the_end_of_the_term(decision_date, today, message):
    assert check_decision_date(BOTH, decision_date, today=today, term_end=2027) == message


@pytest.mark.parametrize(
    ("rules", "messages"),
    [
        (Rules(2023, 2023, min_recognised_years=2), ["Số năm đạt tối thiểu phải từ 1 đến 1."]),
        (Rules(2023, 2024, share_percent=D(1)), []),
        (Rules(2023, 2027), []),  # the term's last year, once it is over
    ],
)
def test_rule_boundaries_after_the_term(rules, messages):
    try:
        validate_rules(rules, term_start=2022, term_end=2027, today_year=2028, levels=LEVELS)
    except RulesError as error:
        assert error.messages == messages
    else:
        assert messages == []


def test_districts_come_in_vietnamese_order_of_their_names():
    names = ["Thị đoàn Buôn Hồ", "Đoàn Khối Doanh nghiệp tỉnh", "Huyện đoàn Lắk", "Đoàn Khối các cơ quan tỉnh"]
    units = [
        UnitRecord(
            unit_id=n, code=f"U{n}", name=f"Đoàn xã {n}", district_id=n, district_name=name,
            results=(year(2023, 80), year(2024, 80)),
        )
        for n, name in enumerate(names, start=1)
    ]  # fmt: skip
    outcome = evaluate(BOTH, units, levels=LEVELS)
    assert [v.district_name for v in outcome.verdicts] == [
        "Đoàn Khối các cơ quan tỉnh",
        "Đoàn Khối Doanh nghiệp tỉnh",
        "Huyện đoàn Lắk",
        "Thị đoàn Buôn Hồ",
    ]
