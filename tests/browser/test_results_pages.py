"""In Chromium, on a phone and on a desktop: the provincial officer finds Ea Phê in the results, filtered by
Krông Pắc, and sees Krông Pắc in the calibration view; the results' Excel export downloads."""

import datetime
import importlib

import pytest
from django.apps import apps

from criteria.models import CriteriaSet
from evaluations.cycle import services
from tests.conftest import PASSWORD
from tests.evaluations.results_world import approve

from .conftest import ARTIFACTS, log_in

VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}


# The horizontal room between the text of two cells of a row (by column number), in CSS pixels.
TEXT_GAP = """([row, left, right]) => {
  const box = (n) => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(`${row} td:nth-child(${n})`));
    return range.getBoundingClientRect();
  };
  return box(right).left - box(left).right;
}"""


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
    approve(world, campaign, u.eaphe, secretary=world.secretary, reviewer=world.kp_officer, review_points={"3.1": "2"})
    approve(
        world, campaign, u.tanloi, secretary=world.bmt_secretary, reviewer=world.outsider,
        review_points={"1.1": "0", "1.2": "0", "2.1": "0"},
    )  # fmt: skip
    return campaign


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_province_reads_results_and_calibration(browser, live_server, world, year, device):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", accept_downloads=True, **VIEWPORTS[device])
    page = context.new_page()
    page.set_default_timeout(15000)
    log_in(page, "tinhdoan.tckt", PASSWORD)
    page.locator("main").wait_for()

    page.goto(f"/danh-gia/{year.pk}/")
    page.get_by_role("link", name="Kết quả các đơn vị").click()
    page.locator("#id_don_vi").select_option(label="Huyện đoàn Krông Pắc")
    page.get_by_role("button", name="Lọc").click()
    row = page.locator('#bang-ket-qua tr[data-unit="DL-KP-EAPHE"]')
    assert "Xuất sắc" in row.inner_text()
    assert row.get_by_title("Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc").count() == 1
    assert page.locator('#bang-ket-qua tr[data-unit="DL-BMT-TANLOI"]').count() == 0
    assert "Chưa lập phiếu" in page.locator('#bang-ket-qua tr[data-unit="DL-KP-EAKENH"]').inner_text()
    # "Thẩm định" and "Mức kết quả" do not run together ("— —"): their texts stand apart, on a phone too.
    gap = page.evaluate(TEXT_GAP, ['#bang-ket-qua tr[data-unit="DL-KP-EAKENH"]', 7, 8])
    assert gap >= 12, gap
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"results-{device}.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel (đúng danh sách đang lọc)").click()
    assert download.value.suggested_filename == f"ket-qua-{year.year}.xlsx"

    page.goto(f"/danh-gia/{year.pk}/doi-chieu/")
    districts = page.locator("#doi-chieu").inner_text()
    assert "Huyện đoàn Krông Pắc" in districts and "Thành đoàn Buôn Ma Thuột" in districts
    assert "Đoàn phường Tân Lợi" in page.locator("#phieu-bat-thuong").inner_text()
    page.screenshot(path=str(ARTIFACTS / f"calibration-{device}.png"), full_page=True)
    context.close()
