"""The dashboards: the year's figures, the comparison across years, the stages by district, scope, Excel, PDF,
and a constant number of queries."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from branches.models import UnitType
from evaluations.cycle import services
from evaluations.models import FormStatus
from evaluations.results import dashboard
from evaluations.results.dashboard import NOT_REGISTERED, RECOGNISED, REGISTERED, REVIEWED, SELF_ASSESSED
from tests.conftest import make_unit
from tests.members.conftest import make_member
from tests.pdf import pdf_fonts, pdf_text

from ..conftest import TODAY, score_all
from ..inspection_helpers import record
from ..results_world import accept_registration, add_units, approve

DAY = datetime.timedelta(days=1)  # the 2025 year's deadlines: ahead, so the services accept its forms


def page(campaign, unit):
    return reverse("evaluations:dashboard_unit", args=[campaign.pk, unit.pk])


@pytest.fixture
def year(world, campaign):
    """2026: Ea Phê registered and approved (recognised), Ea Kênh nothing, Tân Lợi submitted; Ea Phê inspected in
    the first half; one member of Ea Phê admitted in 2026. 2025: Tân Lợi approved."""
    u = world.units
    accept_registration(world, campaign, u.eaphe, secretary=world.secretary, reviewer=world.kp_officer)
    approve(world, campaign, u.eaphe, secretary=world.secretary, reviewer=world.kp_officer)
    sheet = services.start_assessment(campaign=campaign, unit=u.tanloi, by=world.bmt_secretary)
    score_all(sheet, world.bmt_secretary)
    services.submit_assessment(assessment=sheet, by=world.bmt_secretary, today=TODAY)
    record(world)
    make_member(u.eaphe_t1, "Nguyễn Văn An", admission_decision_date=datetime.date(2026, 3, 26))
    make_member(u.tanloi_c1, "Lê Thị Bình", admission_decision_date=datetime.date(2025, 3, 26))
    last = services.open_campaign(
        organiser=u.province, year=2025, by=world.province, registration_due=TODAY + DAY,
        self_assessment_due=TODAY + DAY, review_due=TODAY + DAY,
    )  # fmt: skip
    approve(world, last, u.tanloi, secretary=world.bmt_secretary, reviewer=world.outsider)
    return campaign


@pytest.mark.parametrize(
    "registration, sheet, recognised, stage",
    [
        (None, None, False, NOT_REGISTERED),
        (FormStatus.DRAFT, None, False, NOT_REGISTERED),
        (FormStatus.SUBMITTED, None, False, REGISTERED),
        (FormStatus.ACCEPTED, FormStatus.DRAFT, False, REGISTERED),
        (None, FormStatus.SUBMITTED, False, SELF_ASSESSED),
        (FormStatus.ACCEPTED, FormStatus.RETURNED, False, SELF_ASSESSED),
        (FormStatus.ACCEPTED, FormStatus.APPROVED, False, REVIEWED),
        (FormStatus.ACCEPTED, FormStatus.APPROVED, True, RECOGNISED),
    ],
)
def test_unit_stage(registration, sheet, recognised, stage):
    assert dashboard.unit_stage(registration, sheet, recognised) == stage


def test_province_dashboard_counts_the_year_compares_years_and_shows_districts(world, login, year):
    response = login(world.province).get(page(year, world.units.province))
    assert response.status_code == 200
    context = response.context
    current = context["current"]
    assert current.stages.by_stage == [1, 0, 1, 0, 1]  # Ea Kênh; Tân Lợi self-assessed; Ea Phê recognised
    assert [(label, n) for label, n, _ in current.indicators] == [
        ("Đã đăng ký", 2), ("Đã tự đánh giá", 2), ("Đã thẩm định", 1), ("Đạt “Đoàn cơ sở 3 chủ động”", 1),
    ]  # fmt: skip
    assert current.indicators[3][2] == "33,3%"
    assert (current.inspected_first_half, current.inspected_second_half, current.inspected_year) == (1, 0, 1)
    assert current.admitted == 1 and context["active_members"] == 2
    assert [(f.year, f.stages.recognised, f.admitted) for f in context["years"]] == [(2025, 1, 1), (2026, 1, 1)]
    assert {d.label: d.by_stage for d in context["districts"]} == {
        "Huyện đoàn Krông Pắc": [1, 0, 0, 0, 1],
        "Thành đoàn Buôn Ma Thuột": [0, 0, 1, 0, 0],
    }
    content = response.content.decode()
    assert 'role="img"' in content and "Tiến độ hiện nay" in content and "Huyện đoàn Krông Pắc" in content
    assert "style=" not in str(context["charts"]["stages"])


def test_district_dashboard_lists_its_units_only(world, login, year):
    response = login(world.kp_officer).get(page(year, world.units.kp))
    assert response.status_code == 200
    lines = [(line.code, line.stage_label) for line in response.context["unit_lines"]]
    assert lines == [("DL-KP-EAPHE", "Đạt “3 chủ động”"), ("DL-KP-EAKENH", "Chưa đăng ký")]
    assert response.context["current"].stages.total == 2
    assert "Tân Lợi" not in response.content.decode()


def test_entry_leads_each_officer_to_their_own_dashboard(world, login, year):
    address = reverse("evaluations:dashboard", args=[year.pk])
    assert login(world.province).get(address).url == page(year, world.units.province)
    assert login(world.kp_officer).get(address).url == page(year, world.units.kp)
    assert login(world.secretary).get(address).status_code == 404
    assert login(world.kp_officer).get(reverse("evaluations:dashboard_latest")).url == address


@pytest.mark.parametrize("name", ["dashboard_unit", "dashboard_xlsx", "dashboard_pdf"])
def test_sibling_district_and_the_province_are_not_found_for_a_district_officer(world, login, year, name):
    client = login(world.outsider)
    for unit in (world.units.kp, world.units.province, world.units.eaphe):
        assert client.get(reverse(f"evaluations:{name}", args=[year.pk, unit.pk])).status_code == 404


def test_excel_has_every_table_with_numbers_as_numbers(world, login, year):
    response = login(world.kp_officer).get(reverse("evaluations:dashboard_xlsx", args=[year.pk, world.units.kp.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Năm 2026", "So sánh các năm", "Tiến độ", "Đơn vị cơ sở"]
    rows = list(book["Năm 2026"].values)
    assert rows[0][0] == "TỔNG QUAN “ĐOÀN CƠ SỞ 3 CHỦ ĐỘNG” NĂM 2026"
    recognised = next(row for row in rows if row[0] == "Đạt “Đoàn cơ sở 3 chủ động”")
    assert recognised[1:] == (1, 0.5)
    units = list(book["Đơn vị cơ sở"].values)
    assert units[-1] == (2, "DL-KP-EAKENH", "Đoàn xã Ea Kênh", "Chưa đăng ký")


def test_province_report_prints_on_one_page_with_its_figures(world, login, year):
    response = login(world.province).get(reverse("evaluations:dashboard_pdf", args=[year.pk, world.units.province.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert text.count("\f") == 1  # one page
    flat = " ".join(text.split())
    assert "TỔNG QUAN “ĐOÀN CƠ SỞ 3 CHỦ ĐỘNG” NĂM 2026" in flat and "Tỉnh đoàn Đắk Lắk" in flat
    assert "Huyện đoàn Krông Pắc" in flat and "33,3%" in flat  # the chart's labels are text in the PDF


UNITS_CSV = Path(__file__).resolve().parents[3] / "branches" / "data" / "daklak-units.csv"


@pytest.fixture
def demo_like(world, campaign):
    """The demo's province: its 21 units right below the province (long names among them), 1 to 3 grassroots
    units under each, and four years."""
    with UNITS_CSV.open(encoding="utf-8") as rows:
        below = [row for row in csv.DictReader(rows) if row["parent_code"] == "DL"]
    existing = {world.units.kp.code: world.units.kp, world.units.bmt.code: world.units.bmt}
    for n, row in enumerate(below):
        unit = existing.get(row["code"]) or make_unit(
            world.units.province, row["code"], row["name"], UnitType(row["unit_type"])
        )
        add_units(campaign, unit, 1 + n % 3, status=FormStatus.SUBMITTED if n % 3 else FormStatus.APPROVED)
    for year in (2023, 2024, 2025):
        services.open_campaign(
            organiser=world.units.province, year=year, by=world.province, registration_due=TODAY + DAY,
            self_assessment_due=TODAY + DAY, review_due=TODAY + DAY,
        )  # fmt: skip
    return campaign


def test_the_demo_provinces_report_is_one_page_in_tinos_with_whole_labels(world, login, demo_like, tmp_path):
    address = reverse("evaluations:dashboard_pdf", args=[demo_like.pk, world.units.province.pk])
    response = login(world.province).get(address)
    text = pdf_text(response.content)
    assert text.count("\f") == 1  # one page
    fonts = {row.split()[0].split("+")[-1] for row in pdf_fonts(response.content, tmp_path)}
    assert fonts and all(font.startswith("Tinos-") for font in fonts), fonts  # no DejaVu in the charts
    flat = " ".join(text.split())
    for name in ("Huyện đoàn Krông Bông", "Đoàn trường Cao đẳng nghề Thanh niên Dân tộc Tây Nguyên"):
        assert name in flat  # whole, over as many lines as it needs
    assert "…" not in flat
    assert "2023" in flat and "Tiến độ hiện nay – Tỉnh đoàn Đắk Lắk" in flat


@pytest.mark.parametrize("name", ["dashboard_unit", "dashboard_xlsx"])
def test_dashboard_keeps_a_constant_number_of_queries(world, login, campaign, name, django_assert_num_queries):
    client = login(world.province)
    address = reverse(f"evaluations:{name}", args=[campaign.pk, world.units.province.pk])
    add_units(campaign, world.units.kp, 1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(address).status_code == 200
    add_units(campaign, world.units.kp, 30, start=1)
    add_units(campaign, world.units.bmt, 5, status=FormStatus.SUBMITTED)
    for n in range(3):
        record(
            world,
            unit=world.units.eaphe,
            half=1 + n % 2,
            inspection_date=datetime.date(2026, 6 + 6 * (n % 2), 1 + n),
            follow_up_due=None,
        )
        make_member(world.units.eaphe_t1, f"Thử {n}", admission_decision_date=datetime.date(2026, 1, 1 + n))
    services.open_campaign(
        organiser=world.units.province, year=2025, by=world.province, registration_due=TODAY + DAY,
        self_assessment_due=TODAY + DAY, review_due=TODAY + DAY,
    )  # fmt: skip
    with django_assert_num_queries(len(one)):
        assert client.get(address).status_code == 200


def _menu_link(html: str, label: str) -> str | None:
    """The href of the navigation bar's link named `label`, or None when the bar has none."""
    import re

    nav = html.split("<main", 1)[0]
    found = re.search(rf'<a class="nav-link" href="([^"]+)">{label}</a>', nav)
    return found.group(1) if found else None


def test_the_menu_links_straight_to_the_users_own_dashboard_and_only_for_those_who_have_one(world, login, year):
    def menu(user):
        return _menu_link(login(user).get(reverse("home"), follow=True).content.decode(), "Tổng quan")

    assert menu(world.province) == page(year, world.units.province)
    assert menu(world.kp_officer) == page(year, world.units.kp)
    assert login(world.kp_officer).get(page(year, world.units.kp)).status_code == 200  # no redirect on the way
    for user in (world.secretary, world.norole):
        assert menu(user) is None, user.username
