import re

from django import forms
from django.contrib.auth import password_validation
from django.utils.html import format_html

from common.locking import version_token
from common.pickers import PickerField
from common.widgets import DayMonthYearInput

from .models import Role, Term, Unit
from .services import END_TERM, KEEP_BOTH
from .templatetags.units import display_name

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]*$")


def unit_label(unit: Unit) -> str:
    """A unit as a picker shows it: name and code (names repeat across districts)."""
    return f"{unit.name} ({unit.code})"


class UnitForm(forms.ModelForm):
    """Details of a unit; the type is chosen only when the unit is created."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Unit
        fields = ["unit_type", "code", "name", "short_name", "doc_code", "place_name", "valid_from"]
        widgets = {"valid_from": DayMonthYearInput()}

    def __init__(self, *args, parent=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["unit_type"]
            self.fields["version"].initial = version_token(self.instance)
        else:
            del self.fields["version"]
            allowed = set(parent.allowed_child_types()) if parent else set()
            self.fields["unit_type"].choices = [c for c in self.fields["unit_type"].choices if c[0] in allowed]

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not CODE_RE.match(code):
            raise forms.ValidationError(
                "Mã đơn vị chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch ngang (ví dụ DL-KP-EAPHE)."
            )
        if Unit.objects.filter(code=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Mã đơn vị đã được dùng cho một đơn vị khác.")
        return code

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def unit_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class MoveUnitForm(forms.Form):
    """The new parent is searched on the server (`url`): a province has hundreds of candidate units."""

    new_parent = PickerField(label="Đơn vị cấp trên mới", queryset=Unit.objects.none())

    def __init__(self, *args, candidates, url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = candidates
        self.fields["new_parent"].label_from_instance = unit_label
        self.fields["new_parent"].widget.url = url


class DissolveUnitForm(forms.Form):
    """The successor is searched on the server (`url`): every unit of the same type in the user's scope."""

    on = forms.DateField(label="Giải thể/sáp nhập từ ngày", widget=DayMonthYearInput())
    successor = PickerField(label="Đơn vị kế thừa (nếu sáp nhập)", queryset=Unit.objects.none(), required=False)
    confirm = forms.BooleanField(label="Tôi xác nhận giải thể đơn vị này và toàn bộ đơn vị trực thuộc còn hoạt động.")

    def __init__(self, *args, candidates, url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = candidates
        self.fields["successor"].label_from_instance = unit_label
        self.fields["successor"].widget.url = url


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["name", "start_year", "end_year"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end <= start:
            self.add_error("end_year", "Năm kết thúc phải sau năm bắt đầu.")
        return data


class AccountForm(forms.Form):
    username = forms.RegexField(
        label="Tên đăng nhập",
        regex=r"^[A-Za-z0-9._-]{3,40}$",
        error_messages={"invalid": "Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch."},
    )
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử", required=False)
    role = forms.ChoiceField(label="Vai trò")
    password1 = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="Nhập lại mật khẩu", widget=forms.PasswordInput, strip=False)

    # Asked only when the unit already has an active secretary and the new account is one too.
    current_secretary = forms.ChoiceField(
        label="Đơn vị đang có Bí thư",
        required=False,
        widget=forms.RadioSelect,
        choices=[
            (END_TERM, "Kết thúc nhiệm kỳ của Bí thư hiện tại (thu hồi vai trò Bí thư của người đó)"),
            (KEEP_BOTH, "Giữ cả hai Bí thư (ví dụ: trong thời gian bàn giao)"),
        ],
    )

    def __init__(self, *args, roles, current_secretaries=(), **kwargs):
        super().__init__(*args, **kwargs)
        # No role is picked for the officer: a wrong default gives someone a unit's keys without a word.
        self.fields["role"].choices = [("", "— Chọn vai trò —"), *((r.value, r.label) for r in Role if r in roles)]
        self.fields["role"].error_messages["required"] = "Chọn vai trò của tài khoản."
        self.current_secretaries = list(current_secretaries)
        if self.current_secretaries:
            # Help texts are rendered unescaped: the names are escaped here.
            names = ", ".join(display_name(user) for user in self.current_secretaries)
            self.fields["current_secretary"].help_text = format_html(
                "Đơn vị đang có Bí thư: {}. Trả lời khi tài khoản mới cũng là Bí thư.", names
            )
        else:
            del self.fields["current_secretary"]
        self.order_fields(["username", "full_name", "email", "role", "current_secretary"])

    def clean_username(self):
        return self.cleaned_data["username"].lower()

    def clean_current_secretary(self):
        choice = self.cleaned_data.get("current_secretary")
        if self.data.get("role") == Role.GRASSROOTS_SECRETARY and not choice:
            raise forms.ValidationError("Đơn vị đã có Bí thư: chọn kết thúc nhiệm kỳ của người đó hoặc giữ cả hai.")
        return choice

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "Hai mật khẩu không khớp.")
        elif p1:
            try:
                password_validation.validate_password(p1)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class ResetPasswordForm(forms.Form):
    password1 = forms.CharField(label="Mật khẩu mới", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="Nhập lại mật khẩu mới", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "Hai mật khẩu không khớp.")
        elif p1:
            try:
                password_validation.validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
