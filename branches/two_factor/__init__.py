"""Two-factor sign-in with django-otp: codes from an authenticator app (TOTP) and one-time recovery codes.

The password is still checked by Django's own LoginView (throttled by django-axes). After it, SecondFactorMiddleware
lets a signed-in user who has an authenticator reach only the code page until a code verifies the session, and one
who must have it (`permissions.needs_two_factor`: the province's own roles, superusers) but has none reach only the
setup page. Wrong codes are throttled per account by django-otp (settings: OTP_*_THROTTLE_FACTOR). A lost phone is
a recovery code, or a system administrator's reset from the unit's accounts page, written in the account history.
"""
