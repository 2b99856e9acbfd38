"""Turning two-factor sign-in on and off, and the recovery codes; each change is written in the account history."""

import time

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from .. import permissions
from ..models import RoleAssignment

AUTHENTICATOR_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã dự phòng"
RECOVERY_CODE_COUNT = 10


class TwoFactorError(Exception):
    pass


def new_secret() -> str:
    """A fresh TOTP secret (hex, as django-otp stores it) for the setup page to show."""
    return random_hex(20)


def authenticator_of(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def recovery_device_of(user) -> StaticDevice | None:
    return StaticDevice.objects.devices_for_user(user, confirmed=True).first()


def users_with_two_factor(user_ids) -> set[int]:
    """Which of these users sign in with an authenticator app."""
    return set(TOTPDevice.objects.filter(user_id__in=user_ids, confirmed=True).values_list("user_id", flat=True))


@transaction.atomic
def enable_two_factor(*, user, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Give `user` the authenticator holding `key` once `code` shows that the app has it, replacing any earlier one,
    with a new set of recovery codes."""
    totp = TOTP(bytes.fromhex(key))
    totp.time = time.time()
    if not (code.isdigit() and totp.verify(int(code), tolerance=1)):
        raise TwoFactorError("Mã không khớp. Kiểm tra giờ trên điện thoại rồi nhập mã đang hiện trong ứng dụng.")
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    _remove_devices(user)
    device = TOTPDevice.objects.create(
        user=user, name=AUTHENTICATOR_NAME, key=key, drift=totp.drift, last_t=totp.t(), confirmed=True
    )
    codes = _new_recovery_codes(user)
    _record(user, by=user, reason="Bật xác thực hai bước")
    return device, codes


@transaction.atomic
def renew_recovery_codes(*, user) -> list[str]:
    """Replace the user's recovery codes (the old ones stop working)."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if authenticator_of(user) is None:
        raise TwoFactorError("Tài khoản chưa bật xác thực hai bước.")
    StaticDevice.objects.filter(user=user).delete()
    codes = _new_recovery_codes(user)
    _record(user, by=user, reason="Tạo bộ mã dự phòng mới")
    return codes


@transaction.atomic
def remove_two_factor(*, user, by) -> None:
    """Turn off `user`'s two-factor sign-in: themselves when it is optional for them, or a system administrator
    (a lost phone); the history says who."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if by.pk == user.pk:
        if permissions.needs_two_factor(user):
            raise TwoFactorError("Tài khoản của bạn bắt buộc đăng nhập hai bước, không tắt được.")
        reason = "Tắt xác thực hai bước"
    else:
        assignments = list(RoleAssignment.objects.filter(user=user).select_related("unit"))
        if not permissions.can_reset_two_factor(by, user, assignments):
            raise TwoFactorError("Bạn không thể xóa xác thực hai bước của tài khoản này.")
        reason = f"Xóa xác thực hai bước (bởi {by.username})"
    if not _remove_devices(user):
        raise TwoFactorError("Tài khoản này chưa bật xác thực hai bước.")
    _record(user, by=by, reason=reason)


def _new_recovery_codes(user) -> list[str]:
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _remove_devices(user) -> int:
    """Delete every second factor of the user; a session they verified is then no longer verified."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    removed_codes, _ = StaticDevice.objects.filter(user=user).delete()
    return removed + removed_codes


def _record(user, *, by, reason: str) -> None:
    user._change_reason = reason
    user._history_user = by
    user.save()
