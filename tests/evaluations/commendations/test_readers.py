"""What a round reads from the database (services.unit_records, compute_outcome, the frozen list) with the records
users really have: two districts and a unit right under the province, a dissolved unit and one still closing, a
reopened review, archived and out-of-window inspections, results outside the window.

The window is 2023–2024, two units per district-level group (commendation_world.RULES):

    group                      unit                             2023        2024
    Huyện đoàn Krông Pắc       DL-KP-EAPHE   Ea Phê             92 xs       94 xs
                               DL-KP-EAKENH  Ea Kênh            80          84
                               DL-KP-BA      Ba Tầng            90          90
                               DL-KP-CU      Cũ (dissolved)     99 xs       99 xs
    Thành đoàn Buôn Ma Thuột   DL-BMT-TANLOI Tân Lợi            75          60 not recognised
                               DL-BMT-HOA    Hòa                85          reopened: under review again
                               DL-BMT-MOI    Mới                86          85
                               DL-BMT-SAP    Sáp (dissolving)   70          70
    Tỉnh đoàn Đắk Lắk          DL-TRUONG     Trường Y tế        88          90
"""

import datetime
from decimal import Decimal

import pytest

from branches.models import UnitType
from evaluations.commendations import services
from evaluations.models import Assessment, Campaign, Conclusion, Inspection, InspectionKind
from tests.conftest import make_unit

from ..commendation_world import TODAY, add_results, make_round

D = datetime.date


def result(unit, year, total, *, level="dat", recognised=True, status="approved"):
    Assessment.objects.create(
        campaign=Campaign.objects.get(organiser__code="DL", year=year),
        unit=unit,
        status=status,
        review_total=Decimal(total) if total is not None else None,
        level_code=level,
        recognised=recognised,
    )


def inspection(world, unit, year, *, archived=False):
    Inspection.objects.create(
        kind=InspectionKind.ANNUAL,
        year=year,
        inspecting_unit=world.units.province,
        inspected_unit=unit,
        inspection_date=D(year, 11, 5),
        conclusion=Conclusion.FAILED,
        archived_at=datetime.datetime(year, 12, 1, tzinfo=datetime.UTC) if archived else None,
    )


@pytest.fixture
def units(world):
    add_results(world)
    u = world.units
    made = {
        "ba": make_unit(u.kp, "DL-KP-BA", "Đoàn xã Ba Tầng", UnitType.GRASSROOTS),
        "cu": make_unit(u.kp, "DL-KP-CU", "Đoàn xã Cũ", UnitType.GRASSROOTS, valid_to=TODAY),
        "hoa": make_unit(u.bmt, "DL-BMT-HOA", "Đoàn phường Hòa", UnitType.GRASSROOTS),
        "moi": make_unit(u.bmt, "DL-BMT-MOI", "Đoàn phường Mới", UnitType.GRASSROOTS),
        "sap": make_unit(
            u.bmt, "DL-BMT-SAP", "Đoàn phường Sáp", UnitType.GRASSROOTS, valid_to=TODAY + datetime.timedelta(days=30)
        ),
        "truong": make_unit(u.province, "DL-TRUONG", "Đoàn trường Cao đẳng Y tế", UnitType.GRASSROOTS),
    }
    for key, rows in {
        "ba": [(2023, "90"), (2024, "90")],
        "cu": [(2023, "99"), (2024, "99")],
        "moi": [(2023, "86"), (2024, "85")],
        "sap": [(2023, "70"), (2024, "70")],
        "truong": [(2023, "88"), (2024, "90")],
    }.items():
        for year, total in rows:
            result(made[key], year, total, level="xuat_sac" if key == "cu" else "dat")
    result(made["hoa"], 2023, "85")
    # reopened after approval: back under review, its level and total cleared until it is approved again
    result(made["hoa"], 2024, None, level="", recognised=False, status="submitted")
    return made


def verdicts(commendation_round):
    return [
        (v.district_name, v.code, v.selected, v.rank, v.reasons)
        for v in services.compute_outcome(commendation_round).verdicts
    ]


KP, BMT, PROVINCE = "Huyện đoàn Krông Pắc", "Thành đoàn Buôn Ma Thuột", "Tỉnh đoàn Đắk Lắk"


def test_each_district_level_group_and_the_provinces_own_unit_rank_and_take_their_quota(world, units):
    commendation_round = make_round(world)
    assert verdicts(commendation_round) == [
        (KP, "DL-KP-EAPHE", True, 1, (f"xếp thứ 1 trong 3 đơn vị đủ điều kiện của {KP}, chỉ tiêu 2",)),
        (KP, "DL-KP-BA", True, 2, (f"xếp thứ 2 trong 3 đơn vị đủ điều kiện của {KP}, chỉ tiêu 2",)),
        (KP, "DL-KP-EAKENH", False, 3, (f"vượt chỉ tiêu: xếp thứ 3 trong 3 đơn vị đủ điều kiện của {KP}, chỉ tiêu 2",)),
        (BMT, "DL-BMT-MOI", True, 1, (f"xếp thứ 1 trong 2 đơn vị đủ điều kiện của {BMT}, chỉ tiêu 2",)),
        (
            BMT,
            "DL-BMT-SAP",
            True,
            2,
            (f"xếp thứ 2 trong 2 đơn vị đủ điều kiện của {BMT}, chỉ tiêu 2",),
        ),  # dissolving later: still a candidate
        (BMT, "DL-BMT-HOA", False, None, ("2024: chưa có kết quả thẩm định",)),  # a review reopened is no result
        (BMT, "DL-BMT-TANLOI", False, None, ("2024: không đạt",)),
        (PROVINCE, "DL-TRUONG", True, 1, (f"xếp thứ 1 trong 1 đơn vị đủ điều kiện của {PROVINCE}, chỉ tiêu 2",)),
    ]  # Đoàn xã Cũ, dissolved, is no candidate


def test_the_records_carry_each_units_group_and_its_window_results_only(world, units):
    later = Campaign.objects.get(year=2024)
    later.pk, later.year = None, 2025
    later.save()
    result(units["ba"], 2025, "10", recognised=False)
    records = {r.code: r for r in services.unit_records(make_round(world))}
    assert "DL-KP-CU" not in records and "DL-BMT-SAP" in records
    assert {code: r.district_id for code, r in records.items()} == {
        "DL-KP-EAPHE": world.units.kp.pk,
        "DL-KP-EAKENH": world.units.kp.pk,
        "DL-KP-BA": world.units.kp.pk,
        "DL-BMT-TANLOI": world.units.bmt.pk,
        "DL-BMT-HOA": world.units.bmt.pk,
        "DL-BMT-MOI": world.units.bmt.pk,
        "DL-BMT-SAP": world.units.bmt.pk,
        "DL-TRUONG": world.units.province.pk,
    }
    assert [(y.year, y.recognised, y.review_total) for y in records["DL-BMT-HOA"].results] == [
        (2023, True, Decimal(85))
    ]
    assert [(y.year, y.review_total) for y in records["DL-KP-BA"].results] == [(2023, 90), (2024, 90)]


def test_a_share_quota_is_counted_in_each_group(world, units):
    commendation_round = make_round(world, quota_per_district=None, share_percent=Decimal(50))
    outcome = services.compute_outcome(commendation_round)
    # recognised in 2024: Krông Pắc 3 of 3 → 1.5 → 2; Buôn Ma Thuột 2 (Mới, Sáp) → 1; the province's own unit 1 → 1
    assert {v.district_name: v.quota for v in outcome.verdicts} == {KP: 2, BMT: 1, PROVINCE: 1}
    assert [v.code for v in outcome.selected] == ["DL-KP-EAPHE", "DL-KP-BA", "DL-BMT-MOI", "DL-TRUONG"]


def test_only_current_failed_inspections_of_the_window_take_a_unit_out(world, units):
    inspection(world, world.units.eaphe, 2024, archived=True)
    inspection(world, units["ba"], 2022)
    inspection(world, units["truong"], 2025)
    inspection(world, units["moi"], 2023)
    Inspection.objects.create(
        kind=InspectionKind.ANNUAL, year=2024, inspecting_unit=world.units.bmt, inspected_unit=units["sap"],
        inspection_date=D(2024, 11, 5), conclusion=Conclusion.PASSED,
    )  # fmt: skip
    commendation_round = make_round(world)
    records = {r.code: r.failed_inspection_years for r in services.unit_records(commendation_round)}
    assert {code: years for code, years in records.items() if years} == {"DL-BMT-MOI": (2023,)}
    assert verdicts(commendation_round)[3:7] == [
        (BMT, "DL-BMT-SAP", True, 1, (f"xếp thứ 1 trong 1 đơn vị đủ điều kiện của {BMT}, chỉ tiêu 2",)),
        (BMT, "DL-BMT-HOA", False, None, ("2024: chưa có kết quả thẩm định",)),
        (BMT, "DL-BMT-MOI", False, None, ("2023: kiểm tra không đạt",)),
        (BMT, "DL-BMT-TANLOI", False, None, ("2024: không đạt",)),
    ]


def test_a_district_round_reads_its_own_units_as_one_group(world, units):
    kp_round = make_round(world, organiser=world.units.kp, quota_per_district=1)
    assert verdicts(kp_round) == [
        (KP, "DL-KP-EAPHE", True, 1, (f"xếp thứ 1 trong 3 đơn vị đủ điều kiện của {KP}, chỉ tiêu 1",)),
        (KP, "DL-KP-BA", False, 2, (f"vượt chỉ tiêu: xếp thứ 2 trong 3 đơn vị đủ điều kiện của {KP}, chỉ tiêu 1",)),
        (KP, "DL-KP-EAKENH", False, 3, (f"vượt chỉ tiêu: xếp thứ 3 trong 3 đơn vị đủ điều kiện của {KP}, chỉ tiêu 1",)),
    ]


def test_the_frozen_list_goes_group_by_group_in_rank_order(world, units):
    commendation_round = make_round(world)
    services.finalise_round(
        commendation_round=commendation_round,
        by=world.province,
        decision_number="12",
        decision_date=D(2025, 12, 15),
        signer_name="Nguyễn Văn A",
        today=TODAY,
    )
    assert [(e.position, e.district_name, e.unit_code, e.rank) for e in commendation_round.entries.all()] == [
        (1, KP, "DL-KP-EAPHE", 1),
        (2, KP, "DL-KP-BA", 2),
        (3, BMT, "DL-BMT-MOI", 1),
        (4, BMT, "DL-BMT-SAP", 2),
        (5, PROVINCE, "DL-TRUONG", 1),
    ]
    commendation_round.refresh_from_db()
    stored = {row["code"]: row for row in commendation_round.outcome}
    assert stored["DL-TRUONG"]["district_name"] == PROVINCE and stored["DL-TRUONG"]["average_text"] == "89,00"
    assert "DL-KP-CU" not in stored
