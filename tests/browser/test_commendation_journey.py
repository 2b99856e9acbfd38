"""In Chromium: the provincial officer configures round 1 of the 2022–2027 term, reads every unit's reason, removes
one unit by hand with a reason, finalises, downloads the decision, the certificates and the Excel; the public page
behind the printed code confirms the decision."""

import importlib
import io
import re

import pytest
from django.apps import apps
from openpyxl import load_workbook

from criteria.models import CriteriaSet
from tests.conftest import PASSWORD
from tests.evaluations.commendation_world import add_results, term_of
from tests.pdf import pdf_text

from .conftest import ARTIFACTS, log_in


@pytest.fixture
def results(transactional_db, world):
    if not CriteriaSet.objects.exists():  # transactional tests empty the tables the migrations filled
        importlib.import_module("criteria.migrations.0002_shipped_sets").load_sets(apps, None)
        importlib.import_module("criteria.migrations.0004_shipped_item_figures").forwards(apps, None)
    add_results(world)
    return term_of(world)


def test_province_runs_round_one_and_the_code_confirms_it(browser, live_server, world, results, tmp_path):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    log_in(page, "tinhdoan.tckt", PASSWORD)
    page.locator("main").wait_for()

    page.goto("/danh-gia/")
    page.get_by_role("link", name="Tuyên dương").click()
    page.get_by_role("link", name="Lập đợt tuyên dương").click()
    page.get_by_label("Đợt").select_option(label="Đợt 1 (giữa nhiệm kỳ)")
    page.get_by_label("Xét từ năm").fill("2023")
    page.get_by_label("Đến năm").fill("2024")
    page.get_by_label("Chỉ tiêu mỗi đơn vị cấp huyện").fill("2")
    page.get_by_role("button", name="Lưu tiêu chuẩn").click()

    table = page.locator("#candidates")
    assert "2024: không đạt" in table.locator('tr[data-unit="DL-BMT-TANLOI"]').inner_text()
    assert (
        "xếp thứ 2 trong 2 đơn vị đủ điều kiện của Huyện đoàn Krông Pắc, chỉ tiêu 2"
        in table.locator('tr[data-unit="DL-KP-EAKENH"]').inner_text()
    )

    row = table.locator('tr[data-unit="DL-KP-EAKENH"]')
    row.get_by_label("Lý do").fill("Chưa nộp báo cáo tổng kết")
    row.get_by_role("button", name="Loại").click()
    assert "loại thủ công: Chưa nộp báo cáo tổng kết" in page.locator('tr[data-unit="DL-KP-EAKENH"]').inner_text()

    page.get_by_label("Số quyết định").fill("12")
    page.get_by_label("Ngày quyết định").fill("15/12/2025")
    page.get_by_label("Họ và tên người ký").fill("Nguyễn Văn A")
    page.get_by_role("button", name="Ban hành").click()
    page.get_by_text("Đã ban hành quyết định tuyên dương").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "commendation-round.png"), full_page=True)

    files = {}
    for name in ("Quyết định (PDF)", "Bằng khen (PDF)", "Danh sách (Excel)"):
        with page.expect_download() as download:
            page.get_by_role("link", name=name).click()
        files[name] = tmp_path / download.value.suggested_filename
        download.value.save_as(files[name])
    decision = pdf_text(files["Quyết định (PDF)"].read_bytes())
    assert "Số: 12-QĐ/ĐTN-TCKT" in decision and "Đoàn xã Ea Phê" in decision
    assert "Đoàn xã Ea Kênh" not in decision
    assert "ĐOÀN XÃ EA PHÊ" in pdf_text(files["Bằng khen (PDF)"].read_bytes())
    sheet = load_workbook(io.BytesIO(files["Danh sách (Excel)"].read_bytes())).active
    assert [r[1] for r in sheet.iter_rows(min_row=5, values_only=True)] == ["DL-KP-EAPHE"]

    # The printed address (the QR code's content) opens without logging in.
    url = re.search(r"https?://\S+/xac-minh/\?ma=\w+", decision).group(0)
    public = browser.new_context(locale="vi-VN").new_page()
    public.goto(url)
    body = public.locator("main").inner_text()
    assert "Mã xác minh hợp lệ" in body and "12-QĐ/ĐTN-TCKT" in body and "Đoàn xã Ea Phê" in body
    public.screenshot(path=str(ARTIFACTS / "commendation-verify.png"), full_page=True)
    public.context.close()
    context.close()
