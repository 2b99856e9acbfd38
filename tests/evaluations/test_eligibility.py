"""The commendation rules as a table: each row a unit's years, the rules, and the verdict with its reasons."""

import datetime
from decimal import Decimal

import pytest

from evaluations.eligibility import (
    ADD,
    AVERAGE,
    LAST_TOTAL,
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
        (BOTH, unit(1, year(2023, 80), year(2024, 85)), True, ("xếp thứ 1/1 của Huyện đoàn Lắk",)),
        (BOTH, unit(1, year(2023, 80), year(2024, 60, "")), False, ("2024: không đạt",)),
        (BOTH, unit(1, year(2023, 80)), False, ("2024: chưa có kết quả thẩm định",)),
        (
            Rules(start_year=2023, end_year=2024, min_recognised_years=1),
            unit(1, year(2023, 80), year(2024, 60, "")),
            True,
            ("xếp thứ 1/1 của Huyện đoàn Lắk",),
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
        (BOTH, unit(1, year(2023, 80), year(2024, 85), failed=[2022]), True, ("xếp thứ 1/1 của Huyện đoàn Lắk",)),
        (
            Rules(start_year=2023, end_year=2024, no_failed_inspection=False),
            unit(1, year(2023, 80), year(2024, 85), failed=[2024]),
            True,
            ("xếp thứ 1/1 của Huyện đoàn Lắk",),
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
            ("xếp thứ 1/1 của Huyện đoàn Lắk",),
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
        (Rules(2023, 2024, tie_break=(AVERAGE, LAST_TOTAL)), [2, 1, 3, 4], "xếp thứ 4/4 của Huyện đoàn Lắk"),
        (
            Rules(2023, 2024, quota_per_district=3, tie_break=(AVERAGE, LAST_TOTAL)),
            [2, 1, 3],
            "vượt chỉ tiêu của Huyện đoàn Lắk: xếp thứ 4/3",
        ),
        # 50% of the 4 units recognised in 2024 is 2.
        (
            Rules(2023, 2024, share_percent=D(50), tie_break=(AVERAGE, LAST_TOTAL)),
            [2, 1],
            "vượt chỉ tiêu của Huyện đoàn Lắk: xếp thứ 4/2",
        ),
        # Both limits: the smaller one holds.
        (
            Rules(2023, 2024, quota_per_district=1, share_percent=D(50), tie_break=(AVERAGE, LAST_TOTAL)),
            [2],
            "vượt chỉ tiêu của Huyện đoàn Lắk: xếp thứ 4/1",
        ),
        # Without the last-year tie-break the unit code decides between equal averages.
        (
            Rules(2023, 2024, quota_per_district=1, tie_break=(AVERAGE,)),
            [1],
            "vượt chỉ tiêu của Huyện đoàn Lắk: xếp thứ 4/1",
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
        (Override(3, REMOVE, "đang bị kỷ luật"), [2, 1], "loại thủ công: đang bị kỷ luật"),
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
