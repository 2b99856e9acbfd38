"""The results table and the dashboard read the records users really have (tests/evaluations/reader_world.py): two
districts and a unit right under the province, returned forms, dissolved units, archived inspections, other years.
Every count and every filter, not only the total."""

import pytest
from django.http import Http404, QueryDict

from branches.models import Unit, UnitType
from evaluations.inspections import services as inspections
from evaluations.models import Assessment, Campaign, FormStatus
from evaluations.results import dashboard
from evaluations.results.contexts import results_page_context
from tests.conftest import make_unit

from ..inspection_helpers import record
from ..reader_world import D, forms, reader_year

ALL = ["DL-KP-EAPHE", "DL-KP-EAKENH", "DL-KP-SAPNHAP", "DL-BMT-TANLOI", "DL-BMT-CU", "DL-TRUONG"]


@pytest.fixture
def year(world, campaign):
    return reader_year(world, campaign)


def table(user, campaign, **params):
    query = QueryDict(mutable=True)
    query.update(params)
    return results_page_context(user, campaign, query)


def codes(context):
    return [row.code for row in context["rows"]]


def counts(context):
    s = context["summary"]
    return (s["total"], s["no_sheet"], s["in_progress"], s["submitted"], s["approved"], s["recognised"])


# --- the results table ----------------------------------------------------------------------------------------


def test_the_province_sees_both_districts_and_its_own_unit_in_tree_order(world, campaign, year):
    context = table(world.province, campaign)
    assert codes(context) == ALL
    superiors = {row.code: row.superior_name for row in context["rows"]}
    assert superiors["DL-TRUONG"] == "Tỉnh đoàn Đắk Lắk"
    assert superiors["DL-KP-SAPNHAP"] == "Huyện đoàn Krông Pắc" and superiors["DL-BMT-CU"] == "Thành đoàn Buôn Ma Thuột"
    assert [d.code for d in context["districts"]] == ["DL-KP", "DL-BMT"]  # the province is no district to filter by


def test_every_count_of_the_province(world, campaign, year):
    # total, no sheet, in progress (draft, returned), submitted, approved, recognised
    assert counts(table(world.province, campaign)) == (6, 1, 2, 1, 2, 1)


def test_each_district_counts_only_its_units(world, campaign, year):
    assert codes(table(world.kp_officer, campaign)) == ["DL-KP-EAPHE", "DL-KP-EAKENH", "DL-KP-SAPNHAP"]
    assert counts(table(world.kp_officer, campaign)) == (3, 1, 1, 0, 1, 1)
    assert codes(table(world.outsider, campaign)) == ["DL-BMT-TANLOI", "DL-BMT-CU"]
    assert counts(table(world.outsider, campaign)) == (2, 0, 1, 1, 0, 0)


@pytest.mark.parametrize(
    ("params", "expected", "summary"),
    [
        ({"don_vi": "kp"}, ["DL-KP-EAPHE", "DL-KP-EAKENH", "DL-KP-SAPNHAP"], (3, 1, 1, 0, 1, 1)),
        ({"don_vi": "bmt"}, ["DL-BMT-TANLOI", "DL-BMT-CU"], (2, 0, 1, 1, 0, 0)),
        ({"trang_thai": "none"}, ["DL-KP-EAKENH"], (1, 1, 0, 0, 0, 0)),
        ({"trang_thai": "draft"}, ["DL-KP-SAPNHAP"], (1, 0, 1, 0, 0, 0)),
        ({"trang_thai": "returned"}, ["DL-BMT-TANLOI"], (1, 0, 1, 0, 0, 0)),
        ({"trang_thai": "submitted"}, ["DL-BMT-CU"], (1, 0, 0, 1, 0, 0)),
        ({"trang_thai": "approved"}, ["DL-KP-EAPHE", "DL-TRUONG"], (2, 0, 0, 0, 2, 1)),
        ({"dang_ky": "none"}, ["DL-BMT-CU"], (1, 0, 0, 1, 0, 0)),
        ({"dang_ky": "draft"}, [], (0, 0, 0, 0, 0, 0)),
        ({"dang_ky": "returned"}, ["DL-KP-EAKENH"], (1, 1, 0, 0, 0, 0)),
        ({"dang_ky": "submitted"}, ["DL-KP-SAPNHAP"], (1, 0, 1, 0, 0, 0)),
        ({"dang_ky": "accepted"}, ["DL-KP-EAPHE", "DL-BMT-TANLOI", "DL-TRUONG"], (3, 0, 1, 0, 2, 1)),
        ({"muc": "xuat_sac"}, ["DL-KP-EAPHE"], (1, 0, 0, 0, 1, 1)),
        ({"muc": "dat"}, [], (0, 0, 0, 0, 0, 0)),
        ({"muc": "khong_dat"}, ["DL-TRUONG"], (1, 0, 0, 0, 1, 0)),
        ({"q": "truong y te"}, ["DL-TRUONG"], (1, 0, 0, 0, 1, 0)),
        ({"q": "Cũ"}, ["DL-BMT-CU"], (1, 0, 0, 1, 0, 0)),
        ({"don_vi": "kp", "trang_thai": "approved"}, ["DL-KP-EAPHE"], (1, 0, 0, 0, 1, 1)),
        ({"don_vi": "bmt", "dang_ky": "accepted"}, ["DL-BMT-TANLOI"], (1, 0, 1, 0, 0, 0)),
        ({"don_vi": "kp", "muc": "khong_dat"}, [], (0, 0, 0, 0, 0, 0)),
    ],
)
def test_every_filter_lists_and_counts_the_same_rows(world, campaign, year, params, expected, summary):
    if "don_vi" in params:
        params["don_vi"] = str(getattr(world.units, params["don_vi"]).pk)
    context = table(world.province, campaign, **params)
    assert codes(context) == expected
    assert counts(context) == summary
    assert context["filters"].active


def test_returned_and_unapproved_rows_show_no_review_total_or_level(world, campaign, year):
    rows = {row.code: row for row in table(world.province, campaign)["rows"]}
    tanloi, eakenh, truong = rows["DL-BMT-TANLOI"], rows["DL-KP-EAKENH"], rows["DL-TRUONG"]
    assert (tanloi.status_label, tanloi.registration_label) == ("Bị trả lại", "Đã được chấp nhận")
    assert tanloi.review_total is None and tanloi.level_label == ""
    assert (eakenh.status_label, eakenh.registration_label) == ("Chưa lập phiếu", "Bị trả lại")
    assert truong.level_label == "Không đạt" and truong.level_short == "Không đạt"
    assert rows["DL-KP-EAPHE"].level_short == "Xuất sắc" and rows["DL-KP-EAPHE"].difference_text == "-3"


def test_a_unit_dissolved_before_the_year_shows_only_with_a_sheet_of_it(world, campaign, year):
    assert "DL-KP-CU" not in codes(table(world.province, campaign))
    forms(campaign, year.cu, None, FormStatus.DRAFT)
    assert "DL-KP-CU" in codes(table(world.province, campaign))


def test_the_district_filter_of_a_sibling_is_not_found(world, campaign, year):
    with pytest.raises(Http404):
        table(world.outsider, campaign, don_vi=str(world.units.kp.pk))


# --- the dashboard ----------------------------------------------------------------------------------------------


@pytest.fixture
def inspected(world, year):
    """2026 inspections: Ea Phê first half (and an archived second half), Tân Lợi yearly by its district, the
    province's own unit second half, Ea Kênh only archived ones."""
    late = {"follow_up_due": None}
    record(world, unit=year.eaphe, inspection_date=D(2026, 5, 4))
    archived = [record(world, unit=year.eaphe, half=2, inspection_date=D(2026, 8, 4), **late)]
    record(world, by=world.outsider, unit=year.tanloi, inspecting=world.units.bmt, kind="annual", half=None,
           inspection_date=D(2026, 11, 5), **late)  # fmt: skip
    record(world, by=world.province, unit=year.truong, inspecting=world.units.province, half=2,
           inspection_date=D(2026, 9, 9), **late)  # fmt: skip
    archived.append(record(world, unit=year.eakenh))
    archived.append(record(world, unit=year.eakenh, half=2, inspection_date=D(2026, 10, 1), **late))
    for inspection in archived:
        inspections.archive_inspection(inspection=inspection, by=world.kp_officer, reason="Ghi trùng")
    return year


def test_the_province_dashboard_counts_every_stage_and_groups_by_district(world, campaign, year):
    context = dashboard.dashboard_context(campaign, world.units.province)
    assert context["current"].stages.by_stage == [1, 1, 2, 1, 1]
    assert [(label, n) for label, n, _ in context["current"].indicators] == [
        ("Đã đăng ký", 5), ("Đã tự đánh giá", 4), ("Đã thẩm định", 2), ("Đạt “Đoàn cơ sở 3 chủ động”", 1),
    ]  # fmt: skip
    assert [(d.label, d.by_stage) for d in context["districts"]] == [
        ("Huyện đoàn Krông Pắc", [1, 1, 0, 0, 1]),
        ("Thành đoàn Buôn Ma Thuột", [0, 0, 2, 0, 0]),
        ("Tỉnh đoàn Đắk Lắk", [0, 0, 0, 1, 0]),  # the unit right under the province is its own group
    ]


def test_district_level_groups_go_by_name_not_by_when_they_were_made(world, campaign, year):
    cukuin = make_unit(world.units.province, "DL-CK", "Huyện đoàn Cư Kuin", UnitType.DISTRICT)
    make_unit(cukuin, "DL-CK-EAHU", "Đoàn xã Ea Hu", UnitType.GRASSROOTS)
    context = dashboard.dashboard_context(campaign, world.units.province)
    assert [(d.label, d.total) for d in context["districts"]] == [
        ("Huyện đoàn Cư Kuin", 1),
        ("Huyện đoàn Krông Pắc", 3),
        ("Thành đoàn Buôn Ma Thuột", 2),
        ("Tỉnh đoàn Đắk Lắk", 1),
    ]
    assert [d.code for d in table(world.province, campaign)["districts"]] == ["DL-CK", "DL-KP", "DL-BMT"]


def test_a_district_dashboard_lists_its_units_with_their_stage(world, campaign, year):
    context = dashboard.dashboard_context(campaign, world.units.kp)
    assert [(line.code, line.stage) for line in context["unit_lines"]] == [
        ("DL-KP-EAPHE", dashboard.RECOGNISED),
        ("DL-KP-EAKENH", dashboard.NOT_REGISTERED),  # a returned registration is not a registration
        ("DL-KP-SAPNHAP", dashboard.REGISTERED),  # dissolved in the middle of the year: counted
    ]
    assert [(d.label, d.by_stage) for d in context["districts"]] == [("Huyện đoàn Krông Pắc", [1, 1, 0, 0, 1])]
    bmt = dashboard.dashboard_context(campaign, world.units.bmt)
    assert [line.code for line in bmt["unit_lines"]] == ["DL-BMT-TANLOI", "DL-BMT-CU"]
    assert bmt["current"].stages.by_stage == [0, 0, 2, 0, 0]


def test_the_dashboard_and_the_results_table_agree(world, campaign, year):
    context = dashboard.dashboard_context(campaign, world.units.province)
    results = table(world.province, campaign)
    assert [line.code for line in context["unit_lines"]] == codes(results)
    stages = context["current"].stages
    total, _, _, _, approved, recognised = counts(results)
    assert (stages.total, stages.reviewed, stages.recognised) == (total, approved, recognised)


def test_archived_inspections_are_not_counted(world, campaign, inspected):
    current = dashboard.dashboard_context(campaign, world.units.province)["current"]
    assert (current.inspected_first_half, current.inspected_second_half, current.inspected_year) == (1, 1, 3)
    kp = dashboard.dashboard_context(campaign, world.units.kp)["current"]
    assert (kp.inspected_first_half, kp.inspected_second_half, kp.inspected_year) == (1, 0, 1)
    bmt = dashboard.dashboard_context(campaign, world.units.bmt)["current"]
    assert (bmt.inspected_first_half, bmt.inspected_second_half, bmt.inspected_year) == (0, 0, 1)


def year_2025(world, campaign):
    return Campaign.objects.create(
        organiser=world.units.province,
        year=2025,
        criteria_set=campaign.criteria_set,
        registration_due=D(2025, 3, 1),
        self_assessment_due=D(2025, 11, 30),
        review_due=D(2025, 12, 31),
        status="closed",
    )


def test_each_year_counts_the_units_that_existed_in_it(world, campaign, year):
    last = year_2025(world, campaign)
    forms(last, year.cu, FormStatus.ACCEPTED, FormStatus.APPROVED, recognised=True, level_code="xuat_sac", review=95)
    years = {f.year: f.stages for f in dashboard.dashboard_context(campaign, world.units.province)["years"]}
    assert years[2025].by_stage == [6, 0, 0, 0, 1]  # every unit existed in 2025, Đoàn xã Cũ recognised
    assert years[2026].by_stage == [1, 1, 2, 1, 1]  # Đoàn xã Cũ is gone


def test_a_sheet_of_another_year_does_not_count_this_year(world, campaign, year):
    Assessment.objects.filter(unit=year.eaphe).update(campaign=year_2025(world, campaign))
    current = dashboard.dashboard_context(campaign, world.units.province)["current"]
    assert current.stages.by_stage == [1, 2, 2, 1, 0]  # Ea Phê: registered only
    assert counts(table(world.province, campaign)) == (6, 2, 2, 1, 1, 0)


def test_a_unit_dissolved_on_the_first_day_of_the_year_is_not_in_it(world, campaign, year):
    Unit.objects.filter(pk=year.eakenh.pk).update(valid_to=D(2026, 1, 1))
    context = dashboard.dashboard_context(campaign, world.units.kp)
    assert [line.code for line in context["unit_lines"]] == ["DL-KP-EAPHE", "DL-KP-SAPNHAP"]
    assert "DL-KP-EAKENH" not in codes(table(world.kp_officer, campaign))
