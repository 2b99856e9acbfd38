"""The code page after the password, setting up an authenticator, the recovery codes, and the account's own page."""

import base64
from urllib.parse import urlencode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from .. import permissions
from . import services
from .forms import CodeForm, SetupForm
from .middleware import second_factor_exempt

SETUP_SECRET = "two_factor_setup_secret"


@second_factor_exempt
def verify(request):
    """The second step of signing in: a code from the authenticator app, or (?cach=du-phong) a recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    authenticator = services.authenticator_of(user)
    if authenticator is None:
        return redirect(_with_next(request, "two_factor:setup") if permissions.needs_two_factor(user) else "home")
    recovery = request.GET.get("cach") == "du-phong"
    device = services.recovery_device_of(user) if recovery else authenticator
    form = CodeForm(request.POST or None, user=user, device=device, recovery=recovery) if device else None
    if request.method == "POST" and form is not None and form.is_valid():
        _mark_verified(request, device)
        if recovery:
            left = device.token_set.count()
            messages.warning(request, f"Bạn vừa dùng một mã dự phòng, còn {left} mã. Tạo bộ mã mới khi cần.")
        return redirect(_next_url(request))
    context = {"form": form, "recovery": recovery, "next": _next_url(request)}
    return render(request, "branches/two_factor_verify.html", context)


@second_factor_exempt
def setup(request):
    """Add an authenticator app (or replace the one in use): scan, type its code, keep the recovery codes."""
    user = request.user
    if not user.is_verified() and services.authenticator_of(user) is not None:
        return redirect(_with_next(request, "two_factor:verify"))  # a password alone never replaces the phone
    secret = request.session.setdefault(SETUP_SECRET, services.new_secret())
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.enable_two_factor(user=user, key=secret, code=form.cleaned_data["code"])
        except services.TwoFactorError as error:
            form.add_error("code", str(error))
        else:
            del request.session[SETUP_SECRET]
            _mark_verified(request, device)
            return _show_codes(request, codes, first_time=True)
    uri = TOTPDevice(user=user, key=secret).config_url
    context = {
        "form": form,
        "qr": segno.make(uri, error="m").svg_data_uri(scale=5, border=2),
        "secret": _spaced(base64.b32encode(bytes.fromhex(secret)).decode()),
        "required": permissions.needs_two_factor(user),
        "next": _next_url(request),
    }
    return render(request, "branches/two_factor_setup.html", context)


def overview(request):
    """The account's own page: whether two-factor sign-in is on, the recovery codes left, what can be changed."""
    user = request.user
    authenticator = services.authenticator_of(user)
    recovery = services.recovery_device_of(user)
    context = {
        "authenticator": authenticator,
        "codes_left": recovery.token_set.count() if recovery else 0,
        "required": permissions.needs_two_factor(user),
    }
    return render(request, "branches/two_factor_overview.html", context)


@require_POST
def renew_codes(request):
    try:
        codes = services.renew_recovery_codes(user=request.user)
    except services.TwoFactorError as error:
        messages.error(request, str(error))
        return redirect("two_factor:overview")
    return _show_codes(request, codes, first_time=False)


@require_POST
def disable(request):
    try:
        services.remove_two_factor(user=request.user, by=request.user)
    except services.TwoFactorError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Đã tắt xác thực hai bước. Từ lần sau, bạn đăng nhập bằng mật khẩu.")
    return redirect("two_factor:overview")


def _show_codes(request, codes, *, first_time):
    """The recovery codes, shown once (the response is never stored: common.middleware.PrivateCacheMiddleware)."""
    context = {"codes": [f"{code[:4]}-{code[4:]}" for code in codes], "first_time": first_time}
    context["next"] = _next_url(request)
    return render(request, "branches/two_factor_codes.html", context)


def _mark_verified(request, device):
    # A session that has passed the second step is worth more: give it a new key, as login() does.
    request.session.cycle_key()
    django_otp.login(request, device)


def _spaced(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(request, view_name: str) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': _next_url(request)})}"
