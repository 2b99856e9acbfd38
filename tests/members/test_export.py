"""The Excel export: template columns, formulas neutralised, dates as dates, exactly the filtered list."""

import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from members.columns import HEADERS
from members.exporting import export_members, template_workbook
from members.importing.matching import plan_import
from members.importing.workbook import read_table
from members.models import Member
from tests.members.conftest import make_member


def sheet_of(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def header_row_of(sheet):
    return next(row for row in sheet.iter_rows(values_only=True) if row and row[0] == "STT")


def test_the_export_has_the_template_headers_and_dates_as_dates(world):
    make_member(
        world.units.eaphe_t1,
        "Nguyễn Văn An",
        birth_date=datetime.date(2001, 9, 5),
        id_number="066201000001",
        joined_date=datetime.date(2017, 3, 26),
    )
    sheet = sheet_of(export_members(Member.objects.all(), title="DANH SÁCH"))
    rows = [row for row in sheet.iter_rows() if row[0].value is not None]
    header_index = next(i for i, row in enumerate(rows) if row[0].value == "STT")
    assert tuple(cell.value for cell in rows[header_index]) == HEADERS
    data = rows[header_index + 1]
    assert data[2].value == datetime.datetime(2001, 9, 5)
    assert data[2].number_format == "dd/mm/yyyy"
    assert data[6].value == "066201000001"
    assert data[10].value == "DL-KP-EAPHE-T1"
    assert data[15].value == "Không"
    assert data[17].value == "Đang sinh hoạt"


def test_cells_starting_like_a_formula_are_written_as_text(world):
    for n, text in enumerate(['=HYPERLINK("http://x")', "+84912", "-1", "@SUM(A1)", "\tTab", "\rCR"]):
        make_member(world.units.eaphe_t1, f"Người {n}", occupation=text)
    sheet = sheet_of(export_members(Member.objects.order_by("pk"), title="DANH SÁCH"))
    occupations = [row[12] for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]
    # As typed (XML turns the stored CR into a line feed when read back), in text cells with the quote prefix.
    assert occupations == ['=HYPERLINK("http://x")', "+84912", "-1", "@SUM(A1)", "\tTab", "\nCR"]
    cells = [row[12] for row in sheet.iter_rows() if isinstance(row[0].value, int)]
    assert {cell.data_type for cell in cells} == {"s"} and all(cell.quotePrefix for cell in cells)


def test_an_export_reimports_unchanged(world):
    make_member(
        world.units.eaphe_t1,
        "H' Hen Niê",
        gender="nu",
        ethnicity="Ê Đê",
        religion="Tin Lành",
        id_number="066303000002",
        card_number="=A1",
        joined_date=datetime.date(2018, 3, 26),
        joined_place="Chi đoàn thôn 1",
        education="12/12",
        occupation="-",
        phone="+84912345678",
        residence="Buôn Ea Phê",
        is_party_member=True,
        party_joined_date=datetime.date(2022, 5, 19),
    )
    make_member(world.units.eaphe_t2, "Trần Văn Bình")
    data = export_members(Member.objects.all(), title="DANH SÁCH")
    plan = plan_import(table=read_table(data), unit=world.units.kp)
    assert plan.problems == []
    assert (len(plan.creates), len(plan.updates), plan.unchanged) == (0, 0, 2)


def test_the_template_has_the_headers_and_no_member(world):
    rows = list(sheet_of(template_workbook()).iter_rows(values_only=True))
    assert rows[-1] == HEADERS


def export_url(unit, query=""):
    return reverse("member_import:export", args=[unit.pk]) + query


def test_the_export_view_writes_exactly_the_filtered_list(world, login):
    make_member(world.units.eaphe_t1, "Nguyễn Văn An")
    make_member(world.units.eaphe_t1, "Nguyễn Thị Hoa", gender="nu")
    make_member(world.units.eakenh_t1, "Lê Văn Cường")
    make_member(world.units.tanloi_c1, "Đặng Văn Dũng")
    response = login(world.kp_officer).get(export_url(world.units.kp, "?gioi_tinh=nam"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="doan-vien-dl-kp-')
    names = [row[1] for row in sheet_of(response.content).iter_rows(values_only=True) if isinstance(row[0], int)]
    assert names == ["Nguyễn Văn An", "Lê Văn Cường"]


def test_the_export_view_is_404_outside_the_users_scope(world, login):
    assert login(world.outsider).get(export_url(world.units.eaphe)).status_code == 404


def test_the_export_view_reads_the_same_number_of_queries_for_1_and_50_members(world, login):
    client = login(world.kp_officer)
    make_member(world.units.eaphe_t1, "Nguyễn Văn An")
    with CaptureQueriesContext(connection) as one:
        client.get(export_url(world.units.kp))
    for n in range(49):
        make_member(world.units.eaphe_t1, f"Nguyễn Văn An {n}")
    with CaptureQueriesContext(connection) as fifty:
        client.get(export_url(world.units.kp))
    assert len(one) == len(fifty)
