from tests.conftest import PASSWORD

from .conftest import log_in


def test_district_officer_finds_ea_phe_without_diacritics(world, page, screenshot):
    log_in(page, "canbo.krongpac", PASSWORD)
    # The officer lands on their district with its grassroots units.
    page.get_by_role("heading", name="Huyện đoàn Krông Pắc").wait_for()
    assert page.get_by_role("link", name="Đoàn xã Ea Phê").is_visible()
    assert page.get_by_role("link", name="Đoàn phường Tân Lợi").count() == 0

    page.get_by_placeholder("Tìm đơn vị trong Huyện đoàn Krông Pắc").fill("ea phe")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.get_by_text("Tìm thấy").wait_for()
    screenshot("tree-search-ea-phe")
    results = page.locator(".list-group-item")
    assert "Đoàn xã Ea Phê" in results.first.inner_text()
    assert "Tân Lợi" not in page.content()

    results.first.click()
    page.get_by_role("heading", name="Đoàn xã Ea Phê").wait_for()
    assert page.get_by_role("link", name="Chi đoàn thôn 1").is_visible()
    breadcrumb = page.get_by_role("navigation", name="Đường dẫn")
    assert "Huyện đoàn Krông Pắc" in breadcrumb.inner_text()
    screenshot("unit-ea-phe")


def test_district_officer_adds_a_unit_and_a_form_error_keeps_the_input(world, page, screenshot):
    log_in(page, "canbo.krongpac", PASSWORD)
    page.get_by_role("heading", name="Huyện đoàn Krông Pắc").wait_for()
    page.get_by_role("link", name="+ Thêm đơn vị trực thuộc").click()
    page.get_by_label("Loại đơn vị").select_option("doan_co_so")
    page.get_by_label("Mã đơn vị").fill("DL-KP-EAPHE")  # already taken
    page.get_by_label("Tên đơn vị").fill("Đoàn xã Hòa An")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Mã đơn vị đã được dùng").first.wait_for()
    assert page.get_by_label("Tên đơn vị").input_value() == "Đoàn xã Hòa An"
    screenshot("unit-create-duplicate-code")

    page.get_by_label("Mã đơn vị").fill("DL-KP-HOAAN")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("heading", name="Đoàn xã Hòa An").wait_for()
    assert page.get_by_text("Đã thêm đơn vị").is_visible()
