"""End to end in Chromium: the province publishes a new version, Krông Pắc adds a local item, Ea Phê sees it."""

import importlib
import shutil
import subprocess

import pytest
from django.apps import apps
from django.utils import timezone

from criteria.models import CriteriaItem, CriteriaSet, LocalItem, SetStatus
from tests.conftest import PASSWORD

from .conftest import ARTIFACTS, log_in


@pytest.fixture
def shipped_sets(transactional_db):
    """The data migration's sets; a transactional test before this one may have flushed them."""
    if not CriteriaSet.objects.exists():
        importlib.import_module("criteria.migrations.0002_shipped_sets").load_sets(apps, None)
    next_year = timezone.localdate().year + 1
    # Keep "next year" inside the period whatever year the suite runs in.
    CriteriaSet.objects.filter(code="3CD-2023-2027", last_year__lt=next_year).update(last_year=next_year)
    return next_year


def _sign_in(page, username):
    page.context.clear_cookies()
    log_in(page, username, PASSWORD)
    page.get_by_role("link", name="Tiêu chí", exact=True).wait_for()


def test_province_publishes_a_new_version_and_ea_phe_sees_the_district_item(world, shipped_sets, page, screenshot):
    next_year = shipped_sets
    # The provincial officer copies the 2023–2027 set …
    _sign_in(page, "tinhdoan.tckt")
    page.get_by_role("link", name="Tiêu chí", exact=True).click()
    page.get_by_role("link", name="Đoàn cơ sở 3 chủ động giai đoạn 2023 – 2027").click()
    page.get_by_role("button", name="Sao chép thành bản nháp mới").click()
    page.get_by_text("Đã tạo bản nháp mới").wait_for()
    assert "phiên bản 2" in page.get_by_role("navigation", name="Đường dẫn").inner_text()

    # … moves a point from 1.2 to 1.1 (publishing first would be refused while they do not add up) …
    _edit_points(page, "1.1", "8", screenshot)
    page.get_by_text("Nhóm 1: tổng điểm các tiêu chí là 36, khác điểm tối đa của nhóm (35).").wait_for()
    screenshot("criteria-draft-inconsistent")
    page.get_by_role("link", name="Công bố…").click()
    page.get_by_text("Bản nháp chưa khớp điểm, chưa công bố được:").wait_for()
    assert page.get_by_role("button", name="Xác nhận công bố").count() == 0
    page.get_by_role("link", name="Quay lại bản nháp").click()
    _edit_points(page, "1.2", "9")

    # … raises the Đạt threshold to 75 points and 65 % of every group …
    page.get_by_role("link", name="Sửa mức Đạt", exact=True).click()
    page.get_by_label("Tổng điểm tối thiểu").fill("75")
    page.get_by_label("Tỷ lệ tối thiểu mỗi nhóm (%)").fill("65")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu.").wait_for()

    # … and publishes.
    page.get_by_role("link", name="Công bố…").click()
    changes = page.locator("#thay-doi").inner_text()
    assert "Tiêu chí 1.1: điểm tối đa: 7 → 8" in changes and "Mức Đạt: tổng điểm tối thiểu: 70 → 75" in changes
    screenshot("criteria-publish-confirm")
    page.get_by_role("button", name="Xác nhận công bố").click()
    page.get_by_text("Đã công bố bộ tiêu chí.").wait_for()
    screenshot("criteria-published")
    new = CriteriaSet.objects.get(code="3CD-2023-2027", version=2)
    assert new.status == SetStatus.PUBLISHED
    assert CriteriaSet.objects.get(code="3CD-2023-2027", version=1).status == SetStatus.ARCHIVED
    assert CriteriaItem.objects.get(group__criteria_set=new, code="1.1").max_points == 8
    assert new.levels.get(code="dat").min_total == 75

    # A Krông Pắc officer adds a local checklist item for next year from the district's page.
    _sign_in(page, "canbo.krongpac")
    page.get_by_role("heading", name="Huyện đoàn Krông Pắc").wait_for()
    page.locator("#tieu-chi-dia-phuong").get_by_role("link", name="Quản lý").click()
    page.get_by_role("link", name="Thêm tiêu chí địa phương").click()
    page.get_by_label("Năm áp dụng").select_option(str(next_year))
    page.get_by_label("Thuộc nhóm").select_option("3")
    page.get_by_label("Nội dung tiêu chí").fill("Ra quân hỗ trợ thu hoạch cà phê cho hộ nghèo trên địa bàn")
    page.get_by_label("Minh chứng").fill("Kế hoạch ra quân, danh sách hộ được hỗ trợ, hình ảnh")
    screenshot("criteria-local-item-form")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu.").wait_for()
    screenshot("criteria-local-items-krong-pac")
    item = LocalItem.objects.get()
    assert (item.unit_id, item.year, item.kind, item.code) == (world.units.kp.pk, next_year, "check", "ĐP3.1")

    # The Ea Phê secretary sees it beside the published set, and on the unit page.
    _sign_in(page, "bithu.eaphe")
    page.get_by_role("link", name="Tiêu chí", exact=True).click()
    page.get_by_role("link", name="Đoàn cơ sở 3 chủ động giai đoạn 2023 – 2027").first.click()
    section = page.locator(f"#dia-phuong-{world.units.kp.pk}")
    section.wait_for()
    assert "Ra quân hỗ trợ thu hoạch cà phê cho hộ nghèo trên địa bàn" in section.inner_text()
    assert "Sao chép thành bản nháp mới" not in page.content()
    screenshot("criteria-ea-phe-sees-local-item")

    # Anyone prints the set: the PDF is saved and rendered to PNG for a look.
    response = page.request.get(f"/tieu-chi/{new.pk}/pdf/")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "criteria-set.pdf").write_bytes(response.body())
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(ARTIFACTS / "criteria-set.pdf"), str(ARTIFACTS / "criteria-set")],
            check=True,
        )
    assert page.request.get(f"/tieu-chi/{new.pk}/excel/").ok


def _edit_points(page, code, points, screenshot=None):
    page.get_by_role("link", name=f"Sửa tiêu chí {code}", exact=True).click()
    page.get_by_label("Điểm tối đa").fill(points)
    if screenshot:
        screenshot("criteria-item-form")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu.").wait_for()
