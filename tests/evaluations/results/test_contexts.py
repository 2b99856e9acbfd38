"""The results table of a year: scope, filters, the Excel export, and a constant number of queries."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from evaluations.models import FormStatus

from ..results_world import accept_registration, add_units, approve


def url(campaign, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("evaluations:results", args=[campaign.pk]) + (f"?{query}" if query else "")


def codes(response):
    return [row.code for row in response.context["rows"]]


@pytest.fixture
def year(world, campaign):
    """Ea Phê approved (one item lowered), Ea Kênh without a sheet, Tân Lợi submitted only."""
    u = world.units
    accept_registration(world, campaign, u.eaphe, secretary=world.secretary, reviewer=world.kp_officer)
    approve(world, campaign, u.eaphe, secretary=world.secretary, reviewer=world.kp_officer, review_points={"1.1": "4"})
    from evaluations.cycle import services

    from ..conftest import TODAY, score_all

    sheet = services.start_assessment(campaign=campaign, unit=u.tanloi, by=world.bmt_secretary)
    score_all(sheet, world.bmt_secretary, points={"1.2": "8"})
    services.submit_assessment(assessment=sheet, by=world.bmt_secretary, today=TODAY)
    return campaign


def test_district_officer_sees_their_units_with_totals_level_and_status(world, login, year):
    response = login(world.kp_officer).get(url(year))
    assert response.status_code == 200
    rows = {row.code: row for row in response.context["rows"]}
    assert list(rows) == ["DL-KP-EAPHE", "DL-KP-EAKENH"]
    eaphe = rows["DL-KP-EAPHE"]
    assert (eaphe.self_total, eaphe.review_total, eaphe.difference) == (Decimal(100), Decimal(97), Decimal(-3))
    assert eaphe.level_label == "Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc"
    assert eaphe.registration_label == "Đã được chấp nhận" and eaphe.superior_name == "Huyện đoàn Krông Pắc"
    assert rows["DL-KP-EAKENH"].status_label == "Chưa lập phiếu"
    assert rows["DL-KP-EAKENH"].registration_label == "Chưa đăng ký"
    content = response.content.decode()
    assert "Chưa lập phiếu" in content and "Đoàn xã Ea Kênh" in content and "Tân Lợi" not in content


def test_review_total_and_level_wait_for_approval(world, login, year):
    response = login(world.province).get(url(year))
    tanloi = next(row for row in response.context["rows"] if row.code == "DL-BMT-TANLOI")
    assert tanloi.status == FormStatus.SUBMITTED and tanloi.self_total == Decimal(98)
    assert tanloi.review_total is None and tanloi.level_label == ""


def test_province_sees_every_district_and_filters_by_one(world, login, year):
    client = login(world.province)
    assert codes(client.get(url(year))) == ["DL-KP-EAPHE", "DL-KP-EAKENH", "DL-BMT-TANLOI"]
    response = client.get(url(year, don_vi=world.units.bmt.pk))
    assert codes(response) == ["DL-BMT-TANLOI"] and response.context["scope_name"] == "Thành đoàn Buôn Ma Thuột"
    assert [d.code for d in response.context["districts"]] == ["DL-KP", "DL-BMT"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"trang_thai": "none"}, ["DL-KP-EAKENH"]),
        ({"trang_thai": "approved"}, ["DL-KP-EAPHE"]),
        ({"trang_thai": "submitted"}, ["DL-BMT-TANLOI"]),
        ({"dang_ky": "none"}, ["DL-KP-EAKENH", "DL-BMT-TANLOI"]),
        ({"dang_ky": "accepted"}, ["DL-KP-EAPHE"]),
        ({"muc": "xuat_sac"}, ["DL-KP-EAPHE"]),
        ({"muc": "dat"}, []),
        ({"q": "ea phe"}, ["DL-KP-EAPHE"]),
        ({"q": "Tân"}, ["DL-BMT-TANLOI"]),
        ({"trang_thai": "bogus"}, ["DL-KP-EAPHE", "DL-KP-EAKENH", "DL-BMT-TANLOI"]),
    ],
)
def test_filters(world, login, year, params, expected):
    assert codes(login(world.province).get(url(year, **params))) == expected


def test_not_reached_filter_lists_approved_units_without_a_level(world, login, campaign):
    approve(
        world,
        campaign,
        world.units.eaphe,
        secretary=world.secretary,
        reviewer=world.kp_officer,
        review_points={"1.1": "0", "1.2": "0", "1.3": "0", "1.4": "0", "1.5": "0"},
    )
    response = login(world.kp_officer).get(url(campaign, muc="khong_dat"))
    assert codes(response) == ["DL-KP-EAPHE"]
    assert response.context["rows"][0].level_label == "Không đạt"


def test_sibling_district_filter_is_not_found(world, login, year):
    client = login(world.outsider)
    assert client.get(url(year, don_vi=world.units.kp.pk)).status_code == 404
    assert client.get(url(year, don_vi=world.units.eaphe.pk)).status_code == 404
    assert client.get(url(year, don_vi="abc")).status_code == 404
    assert codes(client.get(url(year))) == ["DL-BMT-TANLOI"]


def test_secretary_sees_only_their_own_unit(world, login, year):
    assert codes(login(world.secretary).get(url(year))) == ["DL-KP-EAPHE"]


def test_user_without_a_role_and_anonymous_get_nothing(world, client, login, year):
    assert client.get(url(year)).status_code == 302
    assert login(world.norole).get(url(year)).status_code == 404


def test_units_dissolved_before_the_year_are_left_out(world, login, campaign):
    import datetime

    world.units.eakenh.valid_to = datetime.date(2025, 6, 30)
    world.units.eakenh.save()
    assert codes(login(world.kp_officer).get(url(campaign))) == ["DL-KP-EAPHE"]


def test_excel_export_is_the_filtered_table(world, login, year):
    response = login(world.province).get(
        reverse("evaluations:results_xlsx", args=[year.pk]) + f"?don_vi={world.units.kp.pk}"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "KẾT QUẢ XÂY DỰNG “ĐOÀN CƠ SỞ 3 CHỦ ĐỘNG” NĂM 2026"
    header = next(i for i, row in enumerate(values) if row[0] == "STT")
    body = values[header + 1 :]
    assert [row[1] for row in body] == ["DL-KP-EAPHE", "DL-KP-EAKENH"]
    assert body[0][6:10] == (100, 97, -3, 100)
    assert body[1][5] == "Chưa lập phiếu"
    columns = values[header]
    assert body[0][columns.index("TC 1.1")] == 4


def test_excel_export_refuses_a_sibling_district(world, login, year):
    url_ = reverse("evaluations:results_xlsx", args=[year.pk]) + f"?don_vi={world.units.kp.pk}"
    assert login(world.outsider).get(url_).status_code == 404


@pytest.mark.parametrize("name", ["results", "results_xlsx"])
def test_results_keep_a_constant_number_of_queries(world, login, campaign, name, django_assert_num_queries):
    client = login(world.province)
    address = reverse(f"evaluations:{name}", args=[campaign.pk]) + f"?don_vi={world.units.kp.pk}"
    add_units(campaign, world.units.kp, 1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(address).status_code == 200
    add_units(campaign, world.units.kp, 49, start=1)
    add_units(campaign, world.units.bmt, 5, status=FormStatus.SUBMITTED)
    with django_assert_num_queries(len(one)):
        assert client.get(address).status_code == 200


def test_rows_are_paged(world, login, campaign):
    add_units(campaign, world.units.kp, 105)
    client = login(world.kp_officer)
    first = client.get(url(campaign))
    assert len(first.context["rows"]) == 100 and first.context["summary"]["total"] == 107
    assert len(client.get(url(campaign, trang=2)).context["rows"]) == 7
