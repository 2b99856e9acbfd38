"""The recognition decision's service: who issues it, for which years and units, once; every refusal changes nothing."""

import datetime

import pytest

from branches.models import Role, UnitType
from evaluations.cycle import services
from evaluations.cycle.models import RecognitionDecision, RecognitionEntry
from tests.conftest import make_unit, make_user

from ..recognition_world import EXCELLENT, REACHED, TODAY, closed_year, issue


@pytest.fixture
def year(world):
    return closed_year(world)


def listed(decision):
    return [(e.position, e.unit_code, e.level_code, e.level_name, str(e.review_total)) for e in decision.entries.all()]


def test_the_district_recognises_its_units_with_a_level_best_level_first(world, year):
    decision = issue(world, year)
    assert listed(decision) == [
        (1, "DL-KP-EAPHE", "xuat_sac", EXCELLENT, "92.0"),
        (2, "DL-KP-EAKENH", "dat", REACHED, "80.5"),
    ]
    assert decision.issuer == world.units.kp and decision.issued_by == world.kp_officer
    assert len(decision.verification_code) == 12
    assert decision.citation == "Quyết định số 12-QĐ/ĐTN ngày 20/01/2026 của Ban Thường vụ Huyện đoàn Krông Pắc"


def test_within_a_level_units_follow_the_vietnamese_order_of_names(world, year):
    from tests.evaluations.recognition_world import REACHED, _sheet, _unit

    for code, name in [("DL-KP-DANG", "Đoàn xã Đắk Nuê"), ("DL-KP-DA", "Đoàn xã Dang Kang")]:
        _sheet(year, _unit(world.units.kp, code, name), "approved", "dat", REACHED, "71")
    names = [e.unit_name for e in issue(world, year).entries.all()]
    assert names == ["Đoàn xã Ea Phê", "Đoàn xã Dang Kang", "Đoàn xã Đắk Nuê", "Đoàn xã Ea Kênh"]


def test_the_province_recognises_only_the_units_it_reviews_itself(world, year):
    decision = issue(world, year, issuer=world.units.province, by=world.province, decision_number="05")
    assert [e.unit_code for e in decision.entries.all()] == ["DL-CDYT"]
    assert decision.reference == "05-QĐ/ĐTN-TCKT"


def test_a_deputy_may_sign(world, year):
    decision = issue(world, year, signer_position="phó bí thư")
    assert decision.signer_position == "PHÓ BÍ THƯ"


def refused(world, year, message, **kwargs):
    with pytest.raises(services.RecognitionError, match=message):
        issue(world, year, **kwargs)
    assert not RecognitionDecision.objects.exists() and not RecognitionEntry.objects.exists()


def test_an_open_year_is_refused(world):
    year = closed_year(world, status="open")
    refused(world, year, "Năm 2025 chưa khóa sổ: chỉ công nhận kết quả của năm đã khóa sổ")


@pytest.mark.parametrize("who", ["province", "outsider", "secretary", "norole"])
def test_only_the_units_own_committee_issues(world, year, who):
    refused(world, year, "Chỉ Ban Thường vụ của đơn vị được ban hành", by=getattr(world, who))


def test_an_inactive_officer_is_refused(world, year):
    world.kp_officer.is_active = False
    refused(world, year, "Chỉ Ban Thường vụ", by=world.kp_officer)


def test_a_grassroots_unit_issues_no_recognition(world, year):
    refused(world, year, "Chỉ đơn vị cấp trên trực tiếp cơ sở", issuer=world.units.eaphe, by=world.admin)


def test_a_unit_of_another_province_is_refused(world, year):
    other = make_unit(None, "PY", "Tỉnh đoàn Phú Yên", UnitType.PROVINCE)
    district = make_unit(other, "PY-TH", "Thị đoàn Đông Hòa", UnitType.DISTRICT)
    officer = make_user("canbo.donghoa", district, Role.SUPERIOR_OFFICER)
    refused(world, year, "Chỉ đơn vị cấp trên trực tiếp cơ sở của tỉnh này", issuer=district, by=officer)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"decision_number": "  "}, "Hãy nhập số quyết định."),
        ({"decision_date": None}, "Hãy nhập ngày quyết định."),
        ({"decision_date": datetime.date(2024, 12, 31)}, "Ngày quyết định phải từ năm 2025 trở đi"),
        ({"decision_date": TODAY + datetime.timedelta(days=1)}, "và không sau hôm nay"),
        ({"signer_name": ""}, "Hãy nhập họ tên và chức vụ người ký."),
        ({"signer_position": ""}, "Hãy nhập họ tên và chức vụ người ký."),
    ],
)
def test_the_decision_needs_its_number_date_and_signer(world, year, fields, message):
    refused(world, year, message, **fields)


def test_a_year_without_recognised_units_is_refused(world, year):
    bmt_officer = make_user("canbo2.bmt", world.units.bmt, Role.SUPERIOR_OFFICER)
    year.assessments.filter(unit=world.units.tanloi).update(level_code="", recognised=False)
    refused(world, year, "không có đơn vị để công nhận", issuer=world.units.bmt, by=bmt_officer)


def test_a_second_decision_for_the_year_is_refused_and_the_first_stays(world, year):
    first = issue(world, year)
    with pytest.raises(services.RecognitionError, match="Huyện đoàn Krông Pắc đã ban hành Quyết định số 12-QĐ/ĐTN"):
        issue(world, year, decision_number="13")
    assert list(RecognitionDecision.objects.all()) == [first]
    assert RecognitionEntry.objects.count() == 2


def test_a_number_is_used_once_by_an_issuer(world, year):
    issue(world, year)
    earlier = closed_year(world, 2024)
    with pytest.raises(services.RecognitionError, match="Số quyết định 12 đã dùng"):
        issue(world, earlier, decision_date=datetime.date(2025, 1, 10))
    assert RecognitionDecision.objects.count() == 1
    # another issuer keeps its own register
    issue(world, year, issuer=world.units.province, by=world.province)
    assert RecognitionDecision.objects.count() == 2


def test_the_list_is_frozen_at_issuing(world, year):
    decision = issue(world, year)
    year.assessments.filter(unit=world.units.eakenh).update(level_code="", level_name="", recognised=False)
    assert [e.unit_code for e in RecognitionDecision.objects.get(pk=decision.pk).entries.all()] == [
        "DL-KP-EAPHE",
        "DL-KP-EAKENH",
    ]


def test_the_refusal_is_shown_before_anybody_asks(world, year):
    assert services.recognition_refusal(year, world.units.kp) == ""
    issue(world, year)
    assert services.recognition_refusal(year, world.units.kp).startswith("Huyện đoàn Krông Pắc đã ban hành")
