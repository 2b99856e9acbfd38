"""End to end in Chromium, on a phone and on a desktop: the Krông Pắc officer records a six-month inspection of
Đoàn xã Ea Phê from the plan with one item "chưa đạt"; once Ea Phê has sent its self-assessment, the officer sees
the finding beside that item on the review page."""

import datetime

from evaluations.cycle import services
from evaluations.models import Assessment, Inspection
from tests.conftest import PASSWORD
from tests.evaluations.conftest import score_all

from .conftest import ARTIFACTS, full_shot, log_in


def test_officer_records_an_inspection_and_sees_it_beside_the_self_assessment(world, campaign, device):
    name, page = device
    today = datetime.date.today()
    # A first-half inspection that has already taken place.
    day = today if today.month <= 6 else datetime.date(today.year, 6, 15)
    unit = world.units.eaphe

    log_in(page, "canbo.krongpac", PASSWORD)
    page.locator("main").wait_for()
    page.goto("/danh-gia/kiem-tra/ke-hoach/")
    row = page.locator('tr[data-unit="DL-KP-EAPHE"]')
    assert "Chưa kiểm tra" in row.inner_text()
    full_shot(page, f"inspection-{name}-0-plan")
    row.get_by_role("link", name="Ghi biên bản").first.click()
    page.get_by_role("heading", name="Ghi biên bản kiểm tra").wait_for()
    page.get_by_label("Ngày kiểm tra").fill(day.strftime("%d/%m/%Y"))
    page.get_by_label("Thành phần đoàn kiểm tra").fill("Nguyễn Văn Hùng – Phó Bí thư Huyện đoàn")
    item = page.locator('.finding-item[data-code="1.1"]')
    item.get_by_text("Chưa đạt", exact=True).click()
    item.get_by_label("Ghi chú tiêu chí 1.1").fill("Sổ đoàn viên chưa cập nhật 3 đoàn viên chuyển đến.")
    page.locator('.finding-item[data-code="1.2"]').get_by_text("Đạt", exact=True).click()
    page.locator('input[name="conclusion"][value="dat"]').check()
    page.get_by_label("Kiến nghị cần khắc phục").fill("Cập nhật sổ đoàn viên trước ngày 30/09.")
    full_shot(page, f"inspection-{name}-1-form")
    page.get_by_role("button", name="Lưu biên bản").click()
    page.get_by_text("Đã ghi biên bản kiểm tra Đoàn xã Ea Phê").wait_for()
    inspection = Inspection.objects.get()
    assert (inspection.kind, inspection.half, inspection.inspection_date) == ("six_month", 1, day)
    assert inspection.findings.get(item_code="1.1").result == "chua_dat"
    assert "Sổ đoàn viên chưa cập nhật 3 đoàn viên chuyển đến." in page.locator("#nhom-1").inner_text()
    full_shot(page, f"inspection-{name}-2-record")

    # Ea Phê sends its self-assessment; the officer reviews it and sees the finding beside item 1.1.
    sheet = services.start_assessment(campaign=campaign, unit=unit, by=world.secretary)
    score_all(sheet, world.secretary)
    services.submit_assessment(assessment=sheet, by=world.secretary, today=today)
    assert Assessment.objects.get(pk=sheet.pk).status == "submitted"
    page.goto("/danh-gia/tham-dinh/")
    page.get_by_role("link", name="Đoàn xã Ea Phê").click()
    finding = page.locator('.sheet-item[data-code="1.1"] .inspection-findings')
    expected = f"Kiểm tra 6 tháng đầu năm {day:%d/%m/%Y}: chưa đạt – Sổ đoàn viên chưa cập nhật 3 đoàn viên chuyển đến."
    assert finding.inner_text().strip() == expected
    assert page.locator('.sheet-item[data-code="1.3"] .inspection-findings').count() == 0
    finding.scroll_into_view_if_needed()
    full_shot(page, f"inspection-{name}-3-review")
    page.locator('.sheet-item[data-code="1.1"]').screenshot(path=str(ARTIFACTS / f"inspection-{name}-4-item.png"))
