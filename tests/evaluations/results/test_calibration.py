"""Calibration of reviewers: the pure statistics (table-driven, no database) and the province's page."""

import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from evaluations.results.calibration import (
    LENIENT,
    STRICT,
    Review,
    calibrate,
    group_lean,
    mean,
    outlier_reasons,
    rule_lines,
    spread,
)

from ..results_world import approve

GROUPS = [("A", "Huyện A"), ("B", "Huyện B"), ("C", "Huyện C"), ("D", "Huyện D")]


def review(key, group, self_total, review_total, max_total=100):
    return Review(key, f"Đoàn xã {key}", group, D(str(self_total)), D(str(review_total)), D(str(max_total)))


# A keeps the units' own scores (lenient); B lowers by about 5; C has one large cut; D has no approved review yet.
PROVINCE = [
    review("a1", "A", 90, 90), review("a2", "A", 85, 85), review("a3", "A", 80, 80.5),
    review("b1", "B", 90, 85), review("b2", "B", 88, 83), review("b3", "B", 92, 86), review("b4", "B", 80, 76),
    review("c1", "C", 95, 83), review("c2", "C", 90, 86),
]  # fmt: skip


@pytest.mark.parametrize(
    ("values", "expected_mean", "expected_spread"),
    [
        ([], None, None),
        ([D(-3)], D("-3.00"), None),
        ([D(0), D(0)], D("0.00"), D("0.00")),
        ([D(2), D(4), D(4), D(4), D(5), D(5), D(7), D(9)], D("5.00"), D("2.14")),
        ([D("-0.5"), D("-1.5")], D("-1.00"), D("0.71")),
    ],
)
def test_mean_and_sample_spread(values, expected_mean, expected_spread):
    assert (mean(values), spread(values)) == (expected_mean, expected_spread)


@pytest.mark.parametrize(
    ("group", "count", "group_mean", "group_spread", "lean", "outliers"),
    [
        ("A", 3, D("0.17"), D("0.29"), LENIENT, []),
        ("B", 4, D("-5.00"), D("0.82"), "", []),
        ("C", 2, D("-8.00"), D("5.66"), "", ["c1"]),  # far below the province, but two reviews are too few to judge
        ("D", 0, None, None, "", []),
    ],
)
def test_per_district_statistics(group, count, group_mean, group_spread, lean, outliers):
    result = calibrate(PROVINCE, GROUPS)
    assert (result.count, result.mean, result.spread) == (9, D("-3.94"), D("3.91"))
    stats = next(g for g in result.groups if g.key == group)
    assert (stats.count, stats.mean, stats.spread, stats.lean) == (count, group_mean, group_spread, lean)
    assert [o.review.key for o in stats.outliers] == outliers
    assert [g.name for g in result.groups] == ["Huyện A", "Huyện B", "Huyện C", "Huyện D"]


def test_strict_district_needs_three_reviews():
    reviews = [*PROVINCE, review("c3", "C", 90, 78)]
    stats = {g.key: g for g in calibrate(reviews, GROUPS).groups}
    assert stats["C"].lean == STRICT and stats["C"].lean_label == "Chấm chặt tay hơn mặt bằng chung"


@pytest.mark.parametrize(
    ("difference", "centre", "sd", "max_total", "expected"),
    [
        (-2, D(-2), D(1), 100, ()),
        (-4, D(-2), D(1), 100, ()),  # exactly two standard deviations: not beyond
        (-4.5, D(-2), D(1), 100, ("lệch 2,5 độ lệch chuẩn so với mức chung",)),
        (-10, None, None, 100, ()),  # exactly 10 % of the maximum: not beyond
        (-10.5, None, None, 100, ("cấp trên hạ 10,5 điểm, quá 10 điểm (10% điểm tối đa)",)),
        (6, None, None, 50, ("cấp trên nâng 6 điểm, quá 5 điểm (10% điểm tối đa)",)),
        (-3, D(0), D(0), 100, ()),  # no spread (all equal): only the fixed threshold applies
    ],
)
def test_outlier_rules(difference, centre, sd, max_total, expected):
    sheet = review("x", "A", 80, D(80) + D(str(difference)), max_total)
    assert outlier_reasons(sheet, centre, sd) == expected


def test_units_of_an_unlisted_reviewer_still_get_a_row():
    result = calibrate([review("z", "Z", 80, 80)], [("A", "Huyện A")])
    assert [(g.key, g.count) for g in result.groups] == [("A", 0), ("Z", 1)]


# --- the page ---------------------------------------------------------------------------------------------


@pytest.fixture
def reviewed(world, campaign):
    u = world.units
    approve(world, campaign, u.eaphe, secretary=world.secretary, reviewer=world.kp_officer, review_points={"1.1": "2"})
    approve(
        world, campaign, u.tanloi, secretary=world.bmt_secretary, reviewer=world.outsider,
        review_points={"1.1": "0", "1.2": "0", "2.1": "0"},
    )  # fmt: skip
    return campaign


def test_province_sees_districts_and_outliers(world, login, reviewed):
    response = login(world.province).get(reverse("evaluations:calibration", args=[reviewed.pk]))
    assert response.status_code == 200
    rows = {row["stats"].name: row["stats"] for row in response.context["rows"]}
    assert rows["Huyện đoàn Krông Pắc"].count == 1 and rows["Huyện đoàn Krông Pắc"].mean == D("-5.00")
    assert rows["Thành đoàn Buôn Ma Thuột"].mean == D("-23.00")
    outliers = response.context["outliers"]
    assert [o["review"].name for o in outliers] == ["Đoàn phường Tân Lợi"]
    assert outliers[0]["group_name"] == "Thành đoàn Buôn Ma Thuột"
    content = response.content.decode()
    assert "cấp trên hạ 23 điểm, quá 10 điểm" in content and "2 độ lệch chuẩn" in content
    assert f"?don_vi={world.units.kp.pk}" in content


def test_calibration_excel(world, login, reviewed):
    response = login(world.province).get(reverse("evaluations:calibration_xlsx", args=[reviewed.pk]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    districts = [row for row in workbook["Theo đơn vị thẩm định"].iter_rows(values_only=True) if row[0]]
    assert ("Huyện đoàn Krông Pắc", 1, -5, None, None, 0) in districts
    assert districts[-1][:3] == ("Toàn tỉnh", 2, -14)
    outliers = list(workbook["Phiếu bất thường"].iter_rows(values_only=True))
    assert outliers[-1][:5] == ("Thành đoàn Buôn Ma Thuột", "Đoàn phường Tân Lợi", 100, 77, -23)


@pytest.mark.parametrize("name", ["calibration", "calibration_xlsx"])
def test_only_the_province_sees_the_calibration(world, login, client, reviewed, name):
    url = reverse(f"evaluations:{name}", args=[reviewed.pk])
    assert client.get(url).status_code == 302  # to the login page
    for user in (world.kp_officer, world.outsider, world.secretary, world.norole):
        assert login(user).get(url).status_code == 404, user
    assert login(world.admin).get(url).status_code == 200


def test_calibration_keeps_a_constant_number_of_queries(world, login, campaign, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from evaluations.models import FormStatus

    from ..results_world import add_units

    client = login(world.province)
    url = reverse("evaluations:calibration", args=[campaign.pk])
    add_units(campaign, world.units.kp, 1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    add_units(campaign, world.units.kp, 49, start=1)
    add_units(campaign, world.units.bmt, 5, start=50, status=FormStatus.SUBMITTED)
    with django_assert_num_queries(len(one)):
        assert client.get(url).status_code == 200


def test_a_sheet_far_from_the_province_mean_is_an_outlier_within_the_share_limit():
    # Nine reviews kept the unit's total, one lowered it by 5 of 100: 2.8 standard deviations away, under 10%.
    reviews = [Review(n, f"Đơn vị {n}", "kp", D(80), D(80), D(100)) for n in range(9)]
    reviews.append(Review(9, "Đơn vị 9", "kp", D(80), D(75), D(100)))
    result = calibrate(reviews, [("kp", "Huyện đoàn Krông Pắc")])
    assert [(o.review.key, o.reasons) for o in result.outliers] == [(9, ("lệch 2,8 độ lệch chuẩn so với mức chung",))]


@pytest.mark.parametrize(
    "group_mean, count, centre, sd, expected",
    [
        (D("1"), 3, D("0"), D("1"), ""),  # exactly one standard deviation above: not yet lenient
        (D("1.01"), 3, D("0"), D("1"), LENIENT),
        (D("1"), 3, D("0"), D("2"), ""),  # half a standard deviation of 2 points
        (D("-1"), 3, D("0"), D("1"), ""),
        (D("-1.01"), 3, D("0"), D("1"), STRICT),
        (D("5"), 3, D("0"), D("0"), ""),  # every review moved the same: no spread, no lean
        (D("5"), 2, D("0"), D("1"), ""),  # too few reviews
        (None, 3, D("0"), D("1"), ""),
    ],
)
def test_group_lean(group_mean, count, centre, sd, expected):
    assert group_lean(group_mean, count, centre, sd) == expected


def test_rule_lines_say_the_rules_the_code_applies():
    assert rule_lines() == [
        "Chênh lệch = điểm thẩm định − điểm tự chấm; số âm: cấp trên chấm thấp hơn đơn vị tự chấm.",
        "Phiếu bất thường: chênh lệch cách mức chung của tỉnh quá 2 độ lệch chuẩn, hoặc cấp trên nâng/hạ quá 10% "
        "điểm tối đa của phiếu (10 điểm trên thang 100).",
        "Đơn vị thẩm định có từ 3 phiếu trở lên được xem là chấm nới tay (chặt tay) khi chênh lệch trung bình cao "
        "(thấp) hơn mức chung của tỉnh quá 1 độ lệch chuẩn.",
    ]


def test_an_unlisted_reviewer_is_named_by_its_key():
    result = calibrate([Review(1, "Đoàn xã A", "DL-X", D(80), D(78), D(100))], [])
    assert [(g.key, g.name, g.count) for g in result.groups] == [("DL-X", "DL-X", 1)]


def test_the_calibration_page_has_one_name_wherever_it_is_named(world, login, reviewed):
    client = login(world.province)
    pages = [
        client.get(reverse(name, args=[reviewed.pk])).content.decode()
        for name in ("evaluations:campaign_detail", "evaluations:results", "evaluations:calibration")
    ]
    for page in pages:
        assert "Đối chiếu thẩm định" in page
        assert "So sánh cách chấm" not in page and "Đối chiếu kết quả thẩm định" not in page
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("evaluations:calibration_xlsx", args=[reviewed.pk])).content)
    )
    assert workbook.worksheets[0]["A1"].value == f"ĐỐI CHIẾU THẨM ĐỊNH NĂM {reviewed.year}"
