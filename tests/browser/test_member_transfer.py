"""Browser journey: Ea Phê's secretary transfers a member to Tân Lợi (another district), whose officer accepts."""

from tests.conftest import PASSWORD
from tests.members.conftest import make_member

from .conftest import log_in


def test_transfer_to_another_district_is_accepted_and_shows_in_history(live_server, world, page, screenshot, browser):
    secretary, shot, chromium = page, screenshot, browser
    member = make_member(world.units.eaphe_t1, "Nguyễn Văn An", id_number="066200000001")
    make_member(world.units.eaphe_t1, "Trần Thị Bình", gender="nu")
    # Ea Phê's secretary opens the member's record and starts the transfer.
    log_in(secretary, "bithu.eaphe", PASSWORD)
    secretary.goto(member.get_absolute_url())
    secretary.get_by_role("link", name="Chuyển sinh hoạt đoàn").click()
    # The destination is a search: type without diacritics, choose with the keyboard.
    destination = secretary.get_by_role("combobox", name="Đơn vị tiếp nhận (trong cổng)")
    destination.fill("tan loi")
    secretary.get_by_role("option", name="Đoàn phường Tân Lợi (DL-BMT-TANLOI)").wait_for()
    destination.press("ArrowDown")
    destination.press("Enter")
    assert destination.input_value() == "Đoàn phường Tân Lợi (DL-BMT-TANLOI)"
    secretary.get_by_label("Nhận xét của chi đoàn").fill("Hoàn thành tốt nhiệm vụ, đã đóng đoàn phí đến hết tháng 11.")
    secretary.get_by_role("button", name="Gửi hồ sơ chuyển sinh hoạt").click()
    secretary.get_by_text("Chờ tiếp nhận").first.wait_for()
    shot("member-transfer-sent")

    # The Buôn Ma Thuột officer finds it among the incoming transfers and accepts it into a chi đoàn.
    context = chromium.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900})
    officer = context.new_page()
    officer.set_default_timeout(15000)
    log_in(officer, "canbo.buonmathuot", PASSWORD)
    officer.goto("/doan-vien/chuyen-sinh-hoat/")
    officer.get_by_role("link", name="Nguyễn Văn An").click()
    officer.get_by_label("Chi đoàn tiếp nhận").select_option(label="Chi đoàn tổ dân phố 1 (DL-BMT-TANLOI-C1)")
    officer.get_by_role("button", name="Tiếp nhận", exact=True).click()
    officer.get_by_text("Đã tiếp nhận").first.wait_for()
    officer.screenshot(path=str(shot("member-transfer-sent").parent / "member-transfer-accepted.png"), full_page=True)

    # The record now lives in Tân Lợi, with its history travelling along.
    officer.get_by_role("link", name="Mở hồ sơ đoàn viên").click()
    officer.get_by_role("heading", name="Nguyễn Văn An").wait_for()
    assert "Chi đoàn tổ dân phố 1" in officer.content()
    officer.get_by_role("link", name="Lịch sử thay đổi").click()
    officer.get_by_text("Chuyển sinh hoạt từ Chi đoàn thôn 1").wait_for()
    row = officer.locator("tr", has_text="Chuyển sinh hoạt từ Chi đoàn thôn 1")
    assert "Chi đoàn thôn 1" in row.locator("del").inner_text()
    assert "Chi đoàn tổ dân phố 1" in row.locator("strong").inner_text()
    officer.screenshot(path=str(shot("member-transfer-sent").parent / "member-transfer-history.png"), full_page=True)
    context.close()

    # Ea Phê no longer reaches the record.
    response = secretary.goto(member.get_absolute_url())
    assert response.status == 404
