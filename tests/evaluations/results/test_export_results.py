"""export_results writes the results page's table, with one column per item of review scores."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from evaluations.models import FormStatus

from ..results_world import accept_registration, add_units, approve


def read(path):
    values = list(load_workbook(path).active.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(values) if row[0] == "STT")
    columns = values[header]
    return columns, [dict(zip(columns, row, strict=True)) for row in values[header + 1 :]]


@pytest.fixture
def year(world, campaign):
    u = world.units
    accept_registration(world, campaign, u.eaphe, secretary=world.secretary, reviewer=world.kp_officer)
    approve(
        world, campaign, u.eaphe, secretary=world.secretary, reviewer=world.kp_officer,
        review_points={"1.1": "4", "3.2": "2.5"},
    )  # fmt: skip
    add_units(campaign, u.kp, 3)
    add_units(campaign, u.kp, 2, start=3, status=FormStatus.SUBMITTED)
    add_units(campaign, u.bmt, 2, start=5)
    return campaign


def test_export_agrees_with_the_results_page(world, login, year, tmp_path):
    output = tmp_path / "ket-qua.xlsx"
    call_command("export_results", "--year", "2026", "--unit", "DL-KP", "-o", str(output), stdout=io.StringIO())
    _, rows = read(output)
    page = login(world.province).get(reverse("evaluations:results", args=[year.pk]) + f"?don_vi={world.units.kp.pk}")
    expected = [
        (row.code, row.status_label, row.self_total, row.review_total, row.level_label or None)
        for row in page.context["rows"]
    ]
    exported = [
        (row["Mã đơn vị"], row["Trạng thái phiếu"], row["Tự chấm"], row["Thẩm định"], row["Mức kết quả"])
        for row in rows
    ]
    assert len(exported) == 7 == page.context["summary"]["total"]
    assert exported == expected


def test_one_column_per_item_with_the_review_score(world, year, tmp_path):
    output = tmp_path / "ket-qua.xlsx"
    call_command("export_results", "--year", "2026", "--unit", "dl-kp", "-o", str(output), stdout=io.StringIO())
    columns, rows = read(output)
    items = [c for c in columns if c.startswith("TC ")]
    assert items[:3] == ["TC 1.1", "TC 1.2", "TC 1.3"] and len(items) == len(set(items))
    eaphe = next(row for row in rows if row["Mã đơn vị"] == "DL-KP-EAPHE")
    assert (eaphe["TC 1.1"], eaphe["TC 1.2"], eaphe["TC 3.2"]) == (4, 10, 2.5)
    assert eaphe["Thẩm định"] == 100 - 3 - 3.5
    pending = next(row for row in rows if row["Trạng thái phiếu"] == "Chờ thẩm định")
    assert pending["TC 1.1"] is None and pending["Thẩm định"] is None


def test_whole_province_and_bad_arguments(world, year, tmp_path):
    output = tmp_path / "tinh.xlsx"
    out = io.StringIO()
    call_command("export_results", "--year", "2026", "--unit", "DL", "-o", str(output), stdout=out)
    assert "của 10 đơn vị" in out.getvalue()
    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command("export_results", "--year", "2026", "--unit", "XX", "-o", str(output))
    with pytest.raises(CommandError, match="chưa được mở"):
        call_command("export_results", "--year", "2019", "--unit", "DL", "-o", str(output))


def test_local_items_of_each_district_get_their_own_column(world, campaign, tmp_path):
    from criteria.services import add_local_item

    u = world.units
    local = ((u.kp, world.kp_officer, "Ngày chủ nhật xanh"), (u.bmt, world.outsider, "Ngày thứ bảy tình nguyện"))
    for district, officer, text in local:
        add_local_item(unit=district, by=officer, year=2026, group_number=2, kind="check", text=text)
    approve(
        world,
        campaign,
        u.eaphe,
        secretary=world.secretary,
        reviewer=world.kp_officer,
        review_points={"ĐP2.1": "khong_dat"},
    )
    approve(world, campaign, u.tanloi, secretary=world.bmt_secretary, reviewer=world.outsider)
    output = tmp_path / "tinh.xlsx"
    call_command("export_results", "--year", "2026", "--unit", "DL", "-o", str(output), stdout=io.StringIO())
    columns, rows = read(output)
    kp, bmt = "ĐP2.1 (Huyện đoàn Krông Pắc)", "ĐP2.1 (Thành đoàn Buôn Ma Thuột)"
    assert columns.index("TC 2.6") < columns.index(kp) < columns.index("TC 3.1") and bmt in columns
    by_code = {row["Mã đơn vị"]: row for row in rows}
    assert (by_code["DL-KP-EAPHE"][kp], by_code["DL-KP-EAPHE"][bmt]) == ("Không đạt", None)
    assert (by_code["DL-BMT-TANLOI"][kp], by_code["DL-BMT-TANLOI"][bmt]) == (None, "Đạt")
