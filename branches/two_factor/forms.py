from django import forms
from django_otp.forms import OTPAuthenticationFormMixin


def _code_input(*, recovery=False):
    attrs = {"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "none", "spellcheck": "false"}
    if not recovery:
        attrs["inputmode"] = "numeric"
    return forms.TextInput(attrs=attrs)


class CodeForm(OTPAuthenticationFormMixin, forms.Form):
    """The second step: a code from the authenticator app, or a recovery code, checked against that one device by
    django-otp (which throttles wrong codes)."""

    otp_token = forms.CharField(label="Mã xác thực", required=False, max_length=20, widget=_code_input())
    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "Nhập mã xác thực.",
        "invalid_token": "Mã không đúng hoặc đã được dùng. Vui lòng thử lại.",
        "n_failed_attempts": (
            "Đã nhập sai %(failure_count)d lần liên tiếp nên việc xác thực tạm dừng: vui lòng đợi một lát rồi thử lại."
        ),
        "verification_not_allowed": "Việc xác thực đang tạm dừng: vui lòng đợi một lát rồi thử lại.",
    }

    def __init__(self, data=None, *, user, device, recovery=False):
        super().__init__(data)
        self.user, self.device = user, device
        if recovery:
            self.fields["otp_token"].label = "Mã dự phòng"
            self.fields["otp_token"].widget = _code_input(recovery=True)

    def clean_otp_token(self):
        # Codes are read off a phone or a sheet of paper: spaces and dashes are only for the eye.
        return "".join(self.cleaned_data["otp_token"].split()).replace("-", "").lower()

    def clean(self):
        cleaned = super().clean()
        cleaned["otp_device"] = self.device.persistent_id  # the mixin verifies against the device chosen here
        self.clean_otp(self.user)
        return cleaned


class SetupForm(forms.Form):
    code = forms.CharField(
        label="Mã đang hiện trong ứng dụng",
        max_length=10,
        widget=_code_input(),
        help_text="Sáu chữ số, đổi sau mỗi 30 giây.",
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())
