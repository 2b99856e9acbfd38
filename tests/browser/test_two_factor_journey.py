"""On a phone: the provincial officer, who has no authenticator yet, is led to set one up at sign-in, keeps the
recovery codes, then signs in with the app's code, and once with a recovery code."""

import base64
import re

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD

from .conftest import ARTIFACTS, log_in

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width} px wide"


def test_province_sets_up_two_factor_on_a_phone_and_signs_in_with_it(world, browser, live_server):
    TOTPDevice.objects.filter(user=world.province).delete()
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", **PHONE)
    page = context.new_page()
    page.set_default_timeout(15000)
    ARTIFACTS.mkdir(exist_ok=True)

    # The password alone leads to the setup page, and nowhere else.
    log_in(page, "tinhdoan.tckt", PASSWORD)
    page.get_by_role("heading", name="Thiết lập xác thực hai bước").wait_for()
    page.goto(f"/don-vi/{world.units.province.pk}/")
    page.get_by_role("heading", name="Thiết lập xác thực hai bước").wait_for()
    assert page.get_by_role("img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực").is_visible()
    _fits_the_phone(page)
    page.screenshot(path=str(ARTIFACTS / "two-factor-phone-1-setup.png"), full_page=True)

    # The officer types the secret into an authenticator app and enters its code.
    secret = page.locator(".two-factor-secret").inner_text().replace(" ", "")
    page.get_by_label("Mã đang hiện trong ứng dụng").fill(f"{TOTP(base64.b32decode(secret)).token():06d}")
    page.get_by_role("button", name="Bật xác thực hai bước").click()
    page.get_by_role("heading", name="Mã dự phòng").wait_for()
    codes = re.findall(r"[a-z2-7]{4}-[a-z2-7]{4}", page.locator(".recovery-codes").inner_text())
    assert len(codes) == 10
    _fits_the_phone(page)
    page.screenshot(path=str(ARTIFACTS / "two-factor-phone-2-codes.png"), full_page=True)
    page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
    page.wait_for_url(f"**/don-vi/{world.units.province.pk}/")

    # Next time: the password, then the app's code.
    context.clear_cookies()
    log_in(page, "tinhdoan.tckt", PASSWORD)
    page.wait_for_url(f"**/don-vi/{world.units.province.pk}/")

    # A lost phone: a recovery code, once.
    context.clear_cookies()
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("tinhdoan.tckt")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Xác thực hai bước").wait_for()
    _fits_the_phone(page)
    page.screenshot(path=str(ARTIFACTS / "two-factor-phone-3-code.png"), full_page=True)
    page.get_by_role("link", name="Dùng mã dự phòng").click()
    page.get_by_label("Mã dự phòng").fill(codes[0])
    page.get_by_role("button", name="Xác nhận").click()
    page.get_by_text("Bạn vừa dùng một mã dự phòng, còn 9 mã.").wait_for()
    context.close()
