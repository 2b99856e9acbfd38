"""Browser: a member picker on a phone — type part of a name without diacritics, tap the answer, save."""

from members.models import YouthCategory, YouthRecord
from tests.conftest import PASSWORD
from tests.members.conftest import make_member

from .conftest import log_in


def test_youth_record_member_is_chosen_by_touch_on_a_phone(live_server, world, browser):
    an = make_member(world.units.eaphe_t1, "Nguyễn Văn An")
    make_member(world.units.eaphe_t1, "Nguyễn Thị Ánh")
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 375, "height": 740}, has_touch=True
    )
    phone = context.new_page()
    phone.set_default_timeout(15000)
    errors = []
    phone.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    log_in(phone, "bithu.eaphe", PASSWORD)
    phone.goto(f"/doan-vien/don-vi/{world.units.eaphe.pk}/thanh-nien/them/?nhom={YouthCategory.DIFFICULT}")
    phone.get_by_label("Họ và tên").fill("Y Bhin Mlô")
    box = phone.get_by_role("combobox", name="Là đoàn viên")
    box.fill("nguyen van")
    answer = phone.get_by_role("option", name="Nguyễn Văn An – Chi đoàn thôn 1, sinh 17/05/2000")
    answer.tap()
    assert box.input_value() == "Nguyễn Văn An – Chi đoàn thôn 1, sinh 17/05/2000"
    phone.get_by_role("button", name="Lưu").click()
    phone.get_by_text("Đã thêm vào danh sách.").wait_for()
    assert YouthRecord.objects.get().member == an
    assert not [e for e in errors if "Content Security Policy" in e or "Content-Security-Policy" in e]
    context.close()


def test_a_unit_is_moved_by_typing_its_new_parent_and_choosing_it_with_the_keyboard(world, page, screenshot):
    log_in(page, world.province.username, PASSWORD)
    page.goto(f"/don-vi/{world.units.eakenh.pk}/chuyen/")
    box = page.get_by_role("combobox", name="Đơn vị cấp trên mới")
    box.fill("buon ma")
    page.get_by_role("option", name="Thành đoàn Buôn Ma Thuột (DL-BMT)").wait_for()
    screenshot("unit-move-picker")
    box.press("ArrowDown")
    box.press("Enter")
    assert box.input_value() == "Thành đoàn Buôn Ma Thuột (DL-BMT)"
    page.get_by_role("button", name="Chuyển đơn vị").click()
    page.get_by_text("Đã chuyển “Đoàn xã Ea Kênh” sang “Thành đoàn Buôn Ma Thuột”.").wait_for()
    world.units.eakenh.refresh_from_db()
    assert world.units.eakenh.reviewing_superior() == world.units.bmt
