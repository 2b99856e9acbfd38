"""Two-factor sign-in: required for the province's own roles and superusers, optional for everyone else."""

import base64
import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from branches.two_factor import services
from branches.two_factor.views import SETUP_SECRET
from tests.conftest import PASSWORD, TOTP_KEY, totp_code

VERIFY = reverse("two_factor:verify")
SETUP = reverse("two_factor:setup")


def password_only(user) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def send_code(client, code, *, recovery=False, next_url=None):
    url = VERIFY + ("?cach=du-phong" if recovery else "")
    return client.post(url, {"otp_token": code, "next": next_url or ""})


def authenticator(user):
    return TOTPDevice.objects.get(user=user)


def unit_url(unit):
    return reverse("branches:unit_detail", args=[unit.pk])


def test_a_province_account_without_two_factor_is_led_to_setup_and_reaches_nothing_else(world):
    TOTPDevice.objects.filter(user=world.province).delete()
    client = password_only(world.province)
    for url in ("/", unit_url(world.units.province), reverse("members:member_list"), reverse("two_factor:overview")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(SETUP), url
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "bắt buộc" in page.content.decode() or "phải đăng nhập hai bước" in page.content.decode()
    assert client.post(reverse("logout")).status_code == 302


def test_with_two_factor_the_password_alone_opens_nothing_until_the_code(world):
    client = password_only(world.province)
    response = client.get(unit_url(world.units.province))
    assert response.status_code == 302
    assert response.url == f"{VERIFY}?next={unit_url(world.units.province).replace('/', '%2F')}"
    page = client.get(response.url).content.decode()
    assert "Xác thực hai bước" in page and reverse("members:member_list") not in page  # no menu but signing out
    response = send_code(client, totp_code(authenticator(world.province)), next_url=unit_url(world.units.province))
    assert response.status_code == 302 and response.url == unit_url(world.units.province)
    assert client.get(unit_url(world.units.province)).status_code == 200


def test_the_code_step_gets_a_new_session_key(world):
    client = password_only(world.province)
    before = client.session.session_key
    send_code(client, totp_code(authenticator(world.province)))
    assert client.session.session_key != before


def test_a_wrong_code_is_refused(world):
    client = password_only(world.province)
    response = send_code(client, "000000" if totp_code(authenticator(world.province)) != "000000" else "111111")
    assert response.status_code == 200
    assert "Mã không đúng" in response.content.decode()
    assert client.get("/").url.startswith(VERIFY)


def _earlier(device, seconds):
    device.refresh_from_db()
    device.throttling_failure_timestamp -= datetime.timedelta(seconds=seconds)
    device.save()


def test_wrong_codes_are_throttled_even_for_the_right_code_and_across_sessions(world):
    device = authenticator(world.province)
    client = password_only(world.province)
    for failures in range(1, 4):
        assert "Mã không đúng" in send_code(client, "abc").content.decode()  # never a valid code
        refused = send_code(client, totp_code(device)).content.decode()
        assert f"Đã nhập sai {failures} lần liên tiếp" in refused and "tạm dừng" in refused
        _earlier(device, 2 ** (failures - 1))  # the wait doubles: 1, 2, 4 … seconds
    # Signing in again does not reset the count: it belongs to the account.
    assert send_code(password_only(world.province), "abc").status_code == 200
    again = password_only(world.province)
    assert "Đã nhập sai 4 lần liên tiếp" in send_code(again, totp_code(device)).content.decode()
    _earlier(device, 7)
    assert "tạm dừng" in send_code(again, totp_code(device)).content.decode()  # 8 seconds after the fourth
    _earlier(device, 1)
    assert send_code(again, totp_code(device)).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_a_code_is_accepted_once(world):
    device = authenticator(world.province)
    code = totp_code(device)
    assert send_code(password_only(world.province), code).status_code == 302
    assert send_code(password_only(world.province), code).status_code == 200


def test_a_recovery_code_works_once(world):
    codes = services.renew_recovery_codes(user=world.province)
    first = password_only(world.province)
    response = send_code(first, f"{codes[0][:4]}-{codes[0][4:]}".upper(), recovery=True)  # as printed, any case
    assert response.status_code == 302
    assert first.get(unit_url(world.units.province)).status_code == 200
    again = send_code(password_only(world.province), codes[0], recovery=True)
    assert again.status_code == 200 and "Mã không đúng" in again.content.decode()
    assert StaticDevice.objects.get(user=world.province).token_set.count() == len(codes) - 1


def test_a_secretary_is_not_forced(world):
    client = password_only(world.secretary)
    assert client.get(unit_url(world.units.eaphe)).status_code == 200
    assert "Bật xác thực hai bước" in client.get(reverse("two_factor:overview")).content.decode()


def _set_up(client):
    """Walk the setup page as a user would: read the secret off the page, type the app's code."""
    html = client.get(SETUP).content.decode()
    secret = re.search(r'class="two-factor-secret[^"]*">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    assert 'src="data:image/svg+xml' in html  # the QR code, served with the page (no outside request)
    code = f"{TOTP(base64.b32decode(secret)).token():06d}"
    return client.post(SETUP, {"code": code})


def test_a_secretary_may_turn_it_on_and_is_then_asked_for_the_code(world, login):
    response = _set_up(login(world.secretary))
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", response.content.decode())
    assert len(codes) == services.RECOVERY_CODE_COUNT
    record = world.secretary.history.order_by("-history_id").first()
    assert record.history_change_reason == "Bật xác thực hai bước"
    client = password_only(world.secretary)
    assert client.get("/").url.startswith(VERIFY)
    assert send_code(client, totp_code(authenticator(world.secretary))).status_code == 302


def test_a_required_account_sets_up_at_next_sign_in_and_goes_on(world):
    TOTPDevice.objects.filter(user=world.province).delete()
    client = password_only(world.province)
    response = _set_up(client)
    assert response.status_code == 200 and "Mã dự phòng" in response.content.decode()
    assert SETUP_SECRET not in client.session
    assert client.get(unit_url(world.units.province)).status_code == 200


def test_a_wrong_setup_code_adds_nothing(world, login):
    client = login(world.secretary)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "12345x"})
    assert "Mã không khớp" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.secretary).exists()


def test_the_password_alone_cannot_replace_the_authenticator(world):
    client = password_only(world.province)
    response = client.get(SETUP)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert client.post(SETUP, {"code": "123456"}).status_code == 302
    assert authenticator(world.province).key == TOTP_KEY


def test_an_optional_user_turns_it_off_a_required_one_cannot(world, login):
    services.enable_two_factor(user=world.secretary, key=_key(), code=_code_now(_key()))
    client = login(world.secretary)
    assert client.get(reverse("two_factor:disable")).status_code == 405
    client.post(reverse("two_factor:disable"))
    assert not TOTPDevice.objects.filter(user=world.secretary).exists()
    assert not StaticDevice.objects.filter(user=world.secretary).exists()
    province = login(world.province)
    response = province.post(reverse("two_factor:disable"), follow=True)
    assert "không tắt được" in response.content.decode()
    assert TOTPDevice.objects.filter(user=world.province).exists()


def _key():
    return "00112233445566778899aabbccddeeff00112233"


def _code_now(key):
    return f"{TOTP(bytes.fromhex(key)).token():06d}"


def reset_url(world, user):
    return reverse("branches:account_reset_two_factor", args=[world.units.province.pk, user.pk])


def test_a_system_admin_resets_a_lost_phone_and_the_history_says_who(world, login):
    services.renew_recovery_codes(user=world.province)
    accounts = login(world.admin).get(reverse("branches:unit_accounts", args=[world.units.province.pk]))
    assert reset_url(world, world.province) in accounts.content.decode()
    response = login(world.admin).post(reset_url(world, world.province))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.province).exists()
    assert not StaticDevice.objects.filter(user=world.province).exists()
    record = world.province.history.order_by("-history_id").first()
    assert record.history_user == world.admin
    assert record.history_change_reason == "Xóa xác thực hai bước (bởi quantri)"
    assert record.history_date is not None
    # The next sign-in sets it up again.
    assert password_only(world.province).get("/").url.startswith(SETUP)


def test_a_reset_ends_the_verified_session_of_the_account(world, login):
    province = login(world.province)
    assert province.get(unit_url(world.units.province)).status_code == 200
    services.remove_two_factor(user=world.province, by=world.admin)
    assert province.get(unit_url(world.units.province)).url.startswith(SETUP)


@pytest.mark.parametrize("actor", ["province", "kp_officer", "secretary"])
def test_only_a_system_admin_resets_the_second_factor(world, login, actor):
    response = login(getattr(world, actor)).post(reset_url(world, world.province))
    assert response.status_code in (403, 404)
    assert TOTPDevice.objects.filter(user=world.province).exists()


def test_reset_needs_post(world, login):
    assert login(world.admin).get(reset_url(world, world.province)).status_code == 405


def test_the_code_page_does_not_send_anyone_elsewhere(world):
    client = password_only(world.province)
    response = send_code(client, totp_code(authenticator(world.province)), next_url="https://example.com/")
    assert response.status_code == 302 and response.url == "/"


def test_new_recovery_codes_replace_the_old_ones(world, login):
    old = services.renew_recovery_codes(user=world.province)
    client = login(world.province)
    assert client.get(reverse("two_factor:renew_codes")).status_code == 405
    page = client.post(reverse("two_factor:renew_codes")).content.decode()
    new = [code.replace("-", "") for code in re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", page)]
    assert len(new) == services.RECOVERY_CODE_COUNT and not set(new) & set(old)
    assert send_code(password_only(world.province), new[0], recovery=True).status_code == 302
    assert send_code(password_only(world.province), old[0], recovery=True).status_code == 200
    assert "Còn <strong>9</strong> mã dự phòng" in client.get(reverse("two_factor:overview")).content.decode()
