"""Nothing but the second step for a session that has passed the password only."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .. import permissions
from . import services


def second_factor_exempt(view):
    """Mark a view that a signed-in user reaches before the second step (the code and setup pages, logout)."""
    view.second_factor_exempt = True
    return view


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware and LoginRequiredMiddleware: a signed-in, unverified user with an
    authenticator is sent to the code page; one who needs two-factor sign-in and has none, to the setup page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if getattr(view_func, "second_factor_exempt", False) or not getattr(view_func, "login_required", True):
            return None
        if services.authenticator_of(user) is not None:
            step = "two_factor:verify"
        elif permissions.needs_two_factor(user):
            step = "two_factor:setup"
        else:
            return None
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
