"""Excel files and print views of the rating sheet, the statistics, the youth list and Party introductions."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from members.models import MemberRating, PartyIntroduction, RatingLevel, YouthRecord


@pytest.fixture
def reports_world(world, roll):
    MemberRating.objects.create(member=roll.an, year=2025, level=RatingLevel.EXCELLENT, unit=world.units.eaphe_t1)
    PartyIntroduction.objects.create(member=roll.an, year=2025, introduced_date=datetime.date(2025, 5, 19))
    YouthRecord.objects.create(
        unit=world.units.eaphe, category="hoan_canh_kho_khan", full_name='=HYPERLINK("http://x")', birth_year=2008
    )
    return world


def _pages(world):
    u = world.units
    return {
        "rating": reverse("members:rating_sheet", args=[u.eaphe_t1.pk]) + "?nam=2025",
        "stats": reverse("members:unit_stats", args=[u.eaphe.pk]) + "?nam=2025",
        "youth": reverse("members:youth_list", args=[u.eaphe.pk]),
        "party": reverse("members:party_list", args=[u.eaphe.pk]) + "?nam=2025",
    }


def _sheet_text(response) -> list[list]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="')
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("rating", ["Nguyễn Văn An", "Hoàn thành xuất sắc nhiệm vụ"]),
        ("stats", ["Đoàn viên đang sinh hoạt", "Tin Lành"]),
        ("youth", ['=HYPERLINK("http://x")']),
        ("party", ["Nguyễn Văn An", "Đang xem xét"]),
    ],
)
def test_each_report_downloads_as_excel(reports_world, login, page, expected):
    url = _pages(reports_world)[page]
    response = login(reports_world.secretary).get(url + ("&" if "?" in url else "?") + "tai=excel")
    cells = [str(value) for row in _sheet_text(response) for value in row if value is not None]
    for text in expected:
        assert text in cells, (page, text)


def test_a_formula_typed_into_a_record_stays_text_in_excel(reports_world, login):
    response = login(reports_world.secretary).get(_pages(reports_world)["youth"] + "?tai=excel")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == '=HYPERLINK("http://x")']
    assert len(cells) == 1 and cells[0].data_type == "s" and cells[0].quotePrefix
    assert not [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


@pytest.mark.parametrize("page", ["rating", "stats", "youth", "party"])
def test_each_report_has_a_print_view_and_links_to_both(reports_world, login, page):
    client = login(reports_world.secretary)
    url = _pages(reports_world)[page]
    screen = client.get(url).content.decode()
    assert "tai=excel" in screen and "tai=in" in screen
    printed = client.get(url + ("&" if "?" in url else "?") + "tai=in")
    html = printed.content.decode()
    assert printed.status_code == 200 and "data-print" in html and '<table class="table table-sm table-bordered' in html
    assert 'class="navbar' not in html  # the print page is the table alone


def test_the_statistics_excel_counts_match_the_page(reports_world, login):
    url = _pages(reports_world)["stats"] + "&tai=excel"
    rows = _sheet_text(login(reports_world.secretary).get(url))
    figures = {row[1]: row[2] for row in rows if row and row[1]}
    assert figures["Đoàn viên đang sinh hoạt"] == 3 and figures["Là đảng viên"] == 1


@pytest.mark.parametrize("page", ["rating", "stats", "youth", "party"])
def test_reports_keep_to_the_users_scope(reports_world, login, page):
    url = _pages(reports_world)[page]
    assert login(reports_world.outsider).get(url + ("&" if "?" in url else "?") + "tai=excel").status_code == 404
