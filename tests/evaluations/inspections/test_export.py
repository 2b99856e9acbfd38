"""The inspections of a year as Excel: the list page's records in the user's scope, every page, through the
shared workbook writer (title lines, typed cells, print setup)."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ..inspection_helpers import record

D = datetime.date
URL = reverse("evaluations:inspection_xlsx")


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def _header_row(sheet) -> int:
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == "STT")


def _units(sheet) -> list[str]:
    return [row[3] for row in sheet.iter_rows(min_row=_header_row(sheet) + 1, values_only=True)]


def test_the_officer_downloads_the_years_inspections_of_the_district(world, login):
    record(world, team="=1+1 Nguyễn", points="8.5")
    record(world, unit=world.units.eakenh, kind="annual", half=None, inspection_date=D(2026, 11, 1), follow_up_due=None)
    record(world, year=2025, inspection_date=D(2025, 5, 1), follow_up_due=None)
    record(world, by=world.outsider, unit=world.units.tanloi, inspecting=world.units.bmt)
    response = login(world.kp_officer).get(URL + "?nam=2026")
    assert response["Content-Disposition"] == 'attachment; filename="bien-ban-kiem-tra-2026.xlsx"'
    sheet = _sheet(response)
    assert sheet["A1"].value == "DANH SÁCH BIÊN BẢN KIỂM TRA NĂM 2026"
    assert sheet["A2"].value == "Huyện đoàn Krông Pắc"
    assert [cell.value for cell in sheet[5]][:4] == ["STT", "Ngày kiểm tra", "Mã đơn vị", "Đơn vị được kiểm tra"]
    assert _units(sheet) == ["Đoàn xã Ea Kênh", "Đoàn xã Ea Phê"]  # newest first, as on the page
    assert _header_row(sheet) == 5  # title, scope, date of export, a blank line
    eaphe = {sheet.cell(row=5, column=n).value: cell for n, cell in enumerate(sheet[7], start=1)}
    assert eaphe["Ngày kiểm tra"].value == datetime.datetime(2026, 6, 15)
    assert eaphe["Loại kiểm tra"].value == "Kiểm tra 6 tháng đầu năm"
    assert eaphe["Năm"].value == 2026 and eaphe["Điểm kiểm tra"].value == 8.5
    assert eaphe["Thành phần đoàn kiểm tra"].value == "=1+1 Nguyễn"
    assert eaphe["Thành phần đoàn kiểm tra"].data_type == "s"  # text, never a formula
    assert eaphe["Khắc phục"].value == "Quá hạn khắc phục"
    assert sheet.print_title_rows == "$5:$5" and sheet.page_setup.orientation == "landscape"


def test_each_user_gets_the_records_of_their_scope(world, login):
    record(world)
    record(world, unit=world.units.eakenh)
    record(world, by=world.outsider, unit=world.units.tanloi, inspecting=world.units.bmt)
    assert _units(_sheet(login(world.secretary).get(URL))) == ["Đoàn xã Ea Phê"]
    assert set(_units(_sheet(login(world.province).get(URL)))) == {
        "Đoàn xã Ea Phê",
        "Đoàn xã Ea Kênh",
        "Đoàn phường Tân Lợi",
    }
    province = _sheet(login(world.province).get(URL + f"?don_vi={world.units.kp.pk}&loai=six_month"))
    assert set(_units(province)) == {"Đoàn xã Ea Phê", "Đoàn xã Ea Kênh"}
    assert province["A2"].value == "Huyện đoàn Krông Pắc và các đơn vị trực thuộc"
    assert province["A3"].value == "Danh sách đã lọc theo điều kiện chọn trên cổng."


def test_export_access(world, login):
    record(world)
    outsider = login(world.outsider)
    assert outsider.get(URL + f"?don_vi={world.units.kp.pk}").status_code == 404
    assert outsider.post(URL + f"?don_vi={world.units.kp.pk}").status_code == 404
    assert _units(_sheet(outsider.get(URL))) == []
    assert login(world.kp_officer).post(URL).status_code == 405


def test_the_list_page_links_to_the_export_of_what_it_shows(world, login):
    record(world)
    page = login(world.kp_officer).get(reverse("evaluations:inspection_list") + "?nam=2026&trang=2").content.decode()
    assert 'href="/danh-gia/kiem-tra/excel/?nam=2026"' in page


@pytest.mark.parametrize("count", [1, 30])
def test_export_query_count_does_not_grow_with_rows(world, login, count):
    for _ in range(count):
        record(world)
    client = login(world.kp_officer)
    client.get(URL)  # warm the session and the user
    with CaptureQueriesContext(connection) as queries:
        sheet = _sheet(client.get(URL))
    assert len(_units(sheet)) == count
    # session, user, second factor (branches/two_factor: has the officer one?), roles, rows
    assert len(queries) == 5
