"""In Chromium: the district officer opens a closed year from the unit page, issues the recognition decision (a
deputy signs), downloads it; the printed code opens the public page, and Ea Phê's secretary sees the citation."""

import importlib
import re

import pytest
from django.apps import apps

from criteria.models import CriteriaSet
from tests.conftest import PASSWORD
from tests.evaluations.recognition_world import closed_year
from tests.pdf import pdf_text

from .conftest import ARTIFACTS, log_in


@pytest.fixture
def year(transactional_db, world):
    if not CriteriaSet.objects.exists():  # transactional tests empty the tables the migrations filled
        importlib.import_module("criteria.migrations.0002_shipped_sets").load_sets(apps, None)
        importlib.import_module("criteria.migrations.0004_shipped_item_figures").forwards(apps, None)
    return closed_year(world)


def test_district_issues_the_years_recognition_and_the_code_confirms_it(browser, live_server, world, year, tmp_path):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    log_in(page, "canbo.krongpac", PASSWORD)
    page.goto(world.units.kp.get_absolute_url())
    panel = page.locator(".recognition-panel")
    assert "Năm 2025: chưa ban hành quyết định công nhận" in " ".join(panel.inner_text().split())
    panel.get_by_role("link", name="Ban hành quyết định").click()

    page.wait_for_url("**/cong-nhan/**")
    listed = page.locator("#recognised")
    listed.wait_for()
    assert listed.locator("tbody tr").count() == 2 and "Đoàn xã Hòa An" not in listed.inner_text()
    page.get_by_label("Số quyết định").fill("12")
    page.get_by_label("Ngày quyết định").fill("20/01/2026")
    page.get_by_label("Họ tên người ký").fill("Trần Văn Bình")
    page.get_by_label("Chức vụ người ký").select_option(label="Phó Bí thư")
    page.get_by_role("button", name="Ban hành").click()
    page.get_by_text("Đã ban hành Quyết định số 12-QĐ/ĐTN ngày 20/01/2026").first.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "recognition-issued.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Quyết định (PDF)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    text = pdf_text(path.read_bytes())
    assert "Số: 12-QĐ/ĐTN" in text and "KT. BÍ THƯ" in text and "Trần Văn Bình" in text

    # The printed address (the QR code's content) opens without logging in.
    url = re.search(r"https?://\S+/xac-minh/\?ma=\w+", text).group(0)
    public = browser.new_context(locale="vi-VN").new_page()
    public.goto(url)
    body = public.locator("main").inner_text()
    assert "Mã xác minh hợp lệ" in body and "12-QĐ/ĐTN" in body and "Phó Bí thư Trần Văn Bình" in body
    assert "Đoàn xã Ea Phê" in body and "Đoàn xã Hòa An" not in body
    public.context.close()
    context.close()

    secretary = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844})
    phone = secretary.new_page()
    log_in(phone, "bithu.eaphe", PASSWORD)
    phone.goto(world.units.eaphe.get_absolute_url())
    cited = " ".join(phone.locator(".recognition-panel").inner_text().split())
    assert "Công nhận theo Quyết định số 12-QĐ/ĐTN ngày 20/01/2026 của Ban Thường vụ Huyện đoàn Krông Pắc" in cited
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    secretary.close()
