"""Every refusal of a commendation round's steps: the error with its message, and nothing written — the round, its
overrides and its entries as they were, no status event, no history row."""

import datetime

import pytest

from branches.models import Term, UnitType
from evaluations.commendations import services
from evaluations.commendations.workflow import CommendationError
from tests.conftest import make_unit

from ..commendation_world import RULES, TODAY, add_results, make_round, term_of
from ..refusals import refused

NOT_RUNNER = "Bạn không có quyền xét tuyên dương của đơn vị này."
FROZEN = "Đợt tuyên dương đã ban hành quyết định: không thể thay đổi."
DECISION_DATE = datetime.date(2025, 12, 15)


@pytest.fixture
def draft(world):
    add_results(world)
    return make_round(world)


@pytest.fixture
def finalised(world, draft):
    return finalise(draft, world.province)


def finalise(commendation_round, user, *, number="12", date=DECISION_DATE):
    return services.finalise_round(
        commendation_round=commendation_round,
        by=user,
        decision_number=number,
        decision_date=date,
        signer_name="Nguyễn Văn A",
        today=TODAY,
    )


def rules_of(commendation_round, **changes):
    return {name: getattr(commendation_round, name) for name in services.RULE_FIELDS} | changes


def override(commendation_round, unit, by, *, action="remove", reason="Chưa nộp báo cáo"):
    return services.override_unit(commendation_round=commendation_round, unit=unit, action=action, reason=reason, by=by)


# --- creating and changing a round ----------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "organiser"), [("kp_officer", "province"), ("outsider", "kp"), ("secretary", "kp")])
def test_only_the_organisers_officers_create_a_round(world, who, organiser):
    with refused(CommendationError, NOT_RUNNER):
        services.create_round(
            organiser=getattr(world.units, organiser), term=term_of(world), number=1, by=getattr(world, who),
            today=TODAY, **RULES,
        )  # fmt: skip


@pytest.mark.parametrize("organiser", ["commune", "eaphe"])
def test_only_the_province_and_district_level_units_organise(world, organiser):
    commune = make_unit(world.units.kp, "DL-KP-XA", "Đoàn xã Thử", UnitType.COMMUNE)
    unit = commune if organiser == "commune" else world.units.eaphe
    with refused(CommendationError, "Chỉ Tỉnh đoàn và đơn vị cấp huyện tổ chức tuyên dương."):
        services.create_round(organiser=unit, term=term_of(world), number=1, by=world.kp_officer, today=TODAY, **RULES)


def test_a_term_of_another_province_is_refused(world):
    other = make_unit(None, "PY", "Tỉnh đoàn Phú Yên", UnitType.PROVINCE)
    term = Term.objects.create(unit=other, name="Nhiệm kỳ 2022 – 2027", start_year=2022, end_year=2027)
    with refused(CommendationError, "Nhiệm kỳ không thuộc tỉnh của đơn vị."):
        services.create_round(
            organiser=world.units.province, term=term, number=1, by=world.province, today=TODAY, **RULES
        )


def test_a_round_number_is_used_once_per_term(world, draft):
    with refused(CommendationError, "Tỉnh đoàn Đắk Lắk đã có đợt 1 (giữa nhiệm kỳ) của Nhiệm kỳ 2022 – 2027.", draft):
        make_round(world)


@pytest.mark.parametrize("who", ["kp_officer", "outsider", "secretary"])
def test_only_the_organisers_officers_change_the_rules(world, draft, who):
    with refused(CommendationError, NOT_RUNNER, draft):
        services.update_round(
            commendation_round=draft, by=getattr(world, who), today=TODAY, **rules_of(draft, quota_per_district=1)
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_year": 2020}, "Giai đoạn xét phải nằm trong nhiệm kỳ 2022 – 2027."),
        ({"quota_per_district": 0}, "Chỉ tiêu mỗi đơn vị cấp huyện phải từ 1 trở lên."),
        ({"min_level_code": "vang"}, "Mức kết quả tối thiểu không có trong bộ tiêu chí."),
    ],
)
def test_rules_that_cannot_be_used_leave_the_round_as_it_was(world, draft, changes, message):
    with refused(CommendationError, message, draft):
        services.update_round(commendation_round=draft, by=world.province, today=TODAY, **rules_of(draft, **changes))
    assert draft.quota_per_district == 2 and draft.start_year == 2023  # the caller's object too


def test_the_rules_of_a_finalised_round_stay(world, finalised):
    with refused(CommendationError, FROZEN, finalised):
        services.update_round(
            commendation_round=finalised, by=world.province, today=TODAY, **rules_of(finalised, quota_per_district=1)
        )


# --- overrides ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["kp_officer", "outsider", "secretary"])
def test_only_the_organisers_officers_override(world, draft, who):
    with refused(CommendationError, NOT_RUNNER, draft):
        override(draft, world.units.eakenh, getattr(world, who))


def test_an_override_needs_a_reason_and_keeps_the_one_in_force(world, draft):
    current = override(draft, world.units.eakenh, world.province)
    with refused(CommendationError, "Hãy ghi lý do bổ sung hoặc loại đơn vị.", current):
        override(draft, world.units.eakenh, world.province, action="add", reason="  ")
    with refused(CommendationError, "Thao tác không hợp lệ.", current):
        override(draft, world.units.eakenh, world.province, action="xoa")


@pytest.mark.parametrize("unit", ["kp", "eaphe_t1", "province"])
def test_only_grassroots_units_of_the_scope_are_overridden(world, draft, unit):
    with refused(CommendationError, "Đơn vị không thuộc phạm vi xét của đợt này.", draft):
        override(draft, getattr(world.units, unit), world.province)


def test_a_district_round_does_not_override_a_unit_of_the_sibling_district(world):
    add_results(world)
    kp_round = make_round(world, organiser=world.units.kp)
    with refused(CommendationError, "Đơn vị không thuộc phạm vi xét của đợt này.", kp_round):
        override(kp_round, world.units.tanloi, world.kp_officer, action="add")


def test_a_finalised_round_takes_no_override(world, finalised):
    with refused(CommendationError, FROZEN, finalised):
        override(finalised, world.units.eaphe, world.province)


@pytest.mark.parametrize("who", ["kp_officer", "outsider"])
def test_only_the_organisers_officers_withdraw_an_override(world, draft, who):
    current = override(draft, world.units.eakenh, world.province)
    with refused(CommendationError, NOT_RUNNER, current):
        services.withdraw_override(commendation_round=draft, unit=world.units.eakenh, by=getattr(world, who))


def test_an_override_of_a_finalised_round_is_not_withdrawn(world, draft):
    current = override(draft, world.units.eakenh, world.province, action="add", reason="Có thành tích")
    finalise(draft, world.province)
    with refused(CommendationError, FROZEN, current, draft):
        services.withdraw_override(commendation_round=draft, unit=world.units.eakenh, by=world.province)


# --- finalising -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["kp_officer", "outsider", "secretary"])
def test_only_the_organisers_officers_finalise(world, draft, who):
    with refused(CommendationError, "Bạn không có quyền thực hiện thao tác này.", draft):
        finalise(draft, getattr(world, who))


@pytest.mark.parametrize(
    ("number", "date", "message"),
    [
        (" ", DECISION_DATE, "Hãy nhập số quyết định."),
        ("12", None, "Hãy nhập ngày quyết định."),
        ("12", datetime.date(2024, 12, 31), "Ngày quyết định phải sau giai đoạn xét 2023 – 2024 (từ 01/01/2025)."),
        ("12", datetime.date(2029, 1, 1), "Ngày quyết định phải trong nhiệm kỳ (chậm nhất năm 2028)."),
        ("12", TODAY + datetime.timedelta(days=1), "Ngày quyết định không được sau ngày hôm nay."),
    ],
)
def test_a_decision_without_its_number_or_with_a_date_out_of_place_is_refused(world, draft, number, date, message):
    with refused(CommendationError, message, draft):
        finalise(draft, world.province, number=number, date=date)


def test_a_decision_is_issued_once(world, finalised):
    with refused(CommendationError, "Việc này đã được thực hiện", finalised):
        finalise(finalised, world.province, number="13")
