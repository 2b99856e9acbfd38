"""In Chromium, on a phone and on a desktop: the provincial officer opens the dashboard from the navigation, sees
the charts (drawn as SVG on the server, within the page's width) and the stages of each district."""

import datetime
import importlib

import pytest
from django.apps import apps

from criteria.models import CriteriaSet
from evaluations.cycle import services
from evaluations.models import FormStatus
from tests.conftest import PASSWORD
from tests.evaluations.results_world import add_units, approve

from .conftest import ARTIFACTS, log_in


@pytest.fixture
def year(transactional_db, world):
    if not CriteriaSet.objects.exists():  # transactional tests empty the tables the migrations filled
        importlib.import_module("criteria.migrations.0002_shipped_sets").load_sets(apps, None)
        importlib.import_module("criteria.migrations.0004_shipped_item_figures").forwards(apps, None)
    today = datetime.date.today()
    CriteriaSet.objects.filter(code="3CD-2023-2027", last_year__lt=today.year).update(last_year=today.year)
    campaign = services.open_campaign(
        organiser=world.units.province,
        year=today.year,
        by=world.province,
        registration_due=today + datetime.timedelta(days=10),
        self_assessment_due=today + datetime.timedelta(days=20),
        review_due=today + datetime.timedelta(days=30),
    )
    u = world.units
    approve(world, campaign, u.eaphe, secretary=world.secretary, reviewer=world.kp_officer)
    add_units(campaign, u.kp, 6)
    add_units(campaign, u.bmt, 4, status=FormStatus.SUBMITTED)
    return campaign


def test_province_reads_the_dashboard(world, year, device):
    device, page = device
    log_in(page, world.province.username, PASSWORD)
    page.goto("/")
    if device == "phone":
        page.get_by_role("button", name="Mở trình đơn").click()
    with page.expect_navigation() as navigation:
        page.get_by_role("link", name="Tổng quan").click()
    assert navigation.value.request.redirected_from is None  # the menu links the page itself, no redirects
    page.get_by_role("heading", name=f"Tổng quan “Đoàn cơ sở 3 chủ động” năm {year.year}").wait_for()
    charts = page.get_by_role("img")
    assert charts.count() >= 4
    stages = page.locator("svg[aria-label^='Tiến độ hiện nay']")
    assert "Huyện đoàn Krông Pắc" in stages.get_attribute("aria-label")
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sticks out sideways
    box = stages.bounding_box()
    assert box["width"] <= width and box["height"] > 50
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{device}.png"), full_page=True)


def test_a_secretary_has_no_dashboard_in_the_menu(world, year, page):
    log_in(page, world.secretary.username, PASSWORD)
    page.goto("/")
    page.locator("main").wait_for()
    assert page.locator("nav a.nav-link", has_text="Tổng quan").count() == 0
    assert page.locator("nav a.nav-link", has_text="Đánh giá").count() == 1
