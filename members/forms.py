"""Forms of the registry pages: they shape and clean input; the rules live in members/services.py."""

import datetime
import re

from django import forms
from django.utils.html import format_html, format_html_join

from branches.forms import unit_label
from branches.models import GRASSROOTS_TYPES, Unit
from common.locking import require_version, version_token
from common.pickers import PickerField
from common.widgets import DayMonthYearInput

from .eligibility import ADMISSION_MIN_AGE, admission_age_error, age_on
from .models import (
    Member,
    MemberStatus,
    PartyIntroduction,
    PartyOutcome,
    YouthRecord,
    rating_levels_for_year,
)
from .religion import NO_RELIGION_LABEL, RELIGION_NAMES, normalise_religion
from .workflow import manual_targets

MEMBER_FIELDS = [
    "full_name",
    "birth_date",
    "gender",
    "ethnicity",
    "religion",
    "id_number",
    "card_number",
    "joined_date",
    "joined_place",
    "education",
    "occupation",
    "phone",
    "residence",
    "is_party_member",
    "party_joined_date",
    "admission_decision_number",
    "admission_decision_date",
    "introducer",
]
DATE_FIELDS = ["birth_date", "joined_date", "party_joined_date", "admission_decision_date"]


class DatalistInput(forms.TextInput):
    """A text box offering a list of usual values (the browser's own suggestions, no script)."""

    def __init__(self, options, attrs=None):
        super().__init__(attrs)
        self.options = options

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id') or name}-goi-y"
        box = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join("", '<option value="{}">', ((option,) for option in self.options))
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


class ReligionField(forms.CharField):
    """Religion, normalised on input to the recognised religions ("tin lanh" → "Tin Lành"; "không" → none)."""

    def __init__(self, **kwargs):
        options = [NO_RELIGION_LABEL, *RELIGION_NAMES]
        kwargs.setdefault("help_text", "Để trống hoặc ghi “Không” nếu không theo tôn giáo nào.")
        super().__init__(label="Tôn giáo", required=False, max_length=100, widget=DatalistInput(options), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        religion = normalise_religion(value)
        if religion is None:
            raise forms.ValidationError(
                f"“{value}” không có trong danh mục tôn giáo được công nhận; chọn một tôn giáo trong danh sách gợi ý."
            )
        return religion


def member_label(member: Member) -> str:
    """A member as a picker shows them: name, chi đoàn and birth date (namesakes are common)."""
    born = f", sinh {member.birth_date:%d/%m/%Y}" if member.birth_date else ""
    return f"{member.full_name} – {member.unit.name}{born}"


def member_picker(field: forms.Field, queryset, url: str | None) -> PickerField:
    """`field` (a model's member choice) as a search of `queryset` at `url` (disabled without one)."""
    picker = PickerField(
        queryset.select_related("unit"), url=url or "", required=False, label=field.label, help_text=field.help_text
    )
    picker.label_from_instance = member_label
    return picker


class VersionField(forms.CharField):
    """The record's version token (common.locking) when the form was opened, to refuse a save over someone else's;
    a value that is not a saved time counts as no token."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        try:
            datetime.datetime.fromisoformat(value)
        except ValueError:
            return None
        return value


class RequireVersionMixin:
    """Refuse an edit posted without its version token (an old page, a hand-made request): without one the service
    would skip the stale-edit check and save over someone else's changes."""

    def clean(self):
        data = super().clean()
        if "version" in self.fields and not data.get("version"):
            self.add_error(None, "Trang sửa này thiếu dấu phiên bản hồ sơ; hãy mở lại trang rồi sửa lại.")
        return data


class MemberForm(RequireVersionMixin, forms.ModelForm):
    version = VersionField()
    religion = ReligionField()
    unit = forms.ModelChoiceField(label="Chi đoàn", queryset=Unit.objects.none())

    class Meta:
        model = Member
        fields = MEMBER_FIELDS
        widgets = {name: DayMonthYearInput() for name in DATE_FIELDS}
        help_texts = {
            "id_number": "12 chữ số (không bắt buộc).",
            "card_number": "Ghi đúng như trên thẻ.",
            "introducer": "Đoàn viên giới thiệu khi kết nạp (tính cho chủ trương 1+1).",
        }

    def __init__(self, *args, units=None, unit_url=None, introducers=None, introducer_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["unit"]
            self.fields["version"].initial = version_token(self.instance)
        else:
            del self.fields["version"]
            units = units if units is not None else Unit.objects.none()
            if unit_url:  # too many chi đoàn for a list: a search
                self.fields["unit"] = PickerField(
                    units, url=unit_url, label="Chi đoàn", help_text="Gõ tên hoặc mã chi đoàn (không dấu cũng được)."
                )
            self.fields["unit"].queryset = units
            self.fields["unit"].label_from_instance = unit_label
            self.order_fields(["unit"])
        self.fields["birth_date"].required = True
        self.fields["introducer"] = member_picker(
            self.fields["introducer"],
            introducers if introducers is not None else Member.objects.none(),
            introducer_url,
        )

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name.split(" ")) < 2:
            raise forms.ValidationError("Ghi đầy đủ họ và tên.")
        return name

    def clean_id_number(self):
        value = re.sub(r"\s", "", self.cleaned_data.get("id_number") or "")
        if value and not re.fullmatch(r"\d{12}", value):
            raise forms.ValidationError("Số CCCD gồm đúng 12 chữ số.")
        return value or None

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        if value and not re.fullmatch(r"[0-9 .+()-]{8,20}", value):
            raise forms.ValidationError("Số điện thoại không hợp lệ.")
        return value

    def clean(self):
        require_version(self)
        data = super().clean()
        today = datetime.date.today()
        birth, joined = data.get("birth_date"), data.get("joined_date")
        if birth and birth > today:
            self.add_error("birth_date", "Ngày sinh không thể ở tương lai.")
        if birth and joined and joined < birth:
            self.add_error("joined_date", "Ngày vào Đoàn phải sau ngày sinh.")
        if data.get("party_joined_date") and not data.get("is_party_member"):
            self.add_error("is_party_member", "Có ngày vào Đảng thì đánh dấu là đảng viên.")
        if data.get("admission_decision_date") and not data.get("admission_decision_number"):
            self.add_error("admission_decision_number", "Ghi số quyết định kết nạp.")
        if birth and birth <= today and self._admission_changed():
            self._check_admission_age(birth, data.get("admission_decision_date") or joined, today)
        return data

    def _admission_changed(self) -> bool:
        """New records, and edits of the dates the age rule reads (old records with gaps stay editable)."""
        watched = {"birth_date", "joined_date", "admission_decision_date"}
        return not self.instance.pk or bool(watched & set(self.changed_data))

    def _check_admission_age(self, birth, admitted_on, today) -> None:
        if admitted_on:
            error = admission_age_error(birth, admitted_on)
            field = "admission_decision_date" if self.cleaned_data.get("admission_decision_date") else "joined_date"
        else:
            # No admission date: at least the person must be old enough to be a member today.
            error = admission_age_error(birth, today) if age_on(birth, today) < ADMISSION_MIN_AGE else None
            field = "birth_date"
        if error:
            self.add_error(field, error)

    def member_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "unit")}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Trạng thái mới")
    reason = forms.CharField(label="Lý do, căn cứ", max_length=80, required=False)

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = manual_targets(member.status)
        self.fields["status"].choices = [(s.value, s.label) for s in MemberStatus if s in allowed]


class RatingSheetForm(forms.Form):
    """One select per member of the chi đoàn, with the levels of the year."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, members, year, current, version="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = version
        choices = [("", "— chưa xếp loại —"), *((level.value, level.label) for level in rating_levels_for_year(year))]
        self.rows = []
        for member in members:
            name = f"m{member.pk}"
            self.fields[name] = forms.ChoiceField(
                label=member.full_name, choices=choices, required=False, initial=current.get(member.pk, "")
            )
            self.rows.append((member, name))

    def clean(self):
        # Blank is a version too: the sheet had no rating yet when it was opened.
        require_version(self, allow_blank=True)
        return super().clean()

    def levels(self) -> dict[int, str]:
        return {member.pk: self.cleaned_data.get(name, "") for member, name in self.rows}

    def bound_rows(self):
        return [(member, self[name]) for member, name in self.rows]


class TransferForm(forms.Form):
    to_unit = PickerField(
        label="Đơn vị tiếp nhận (trong cổng)",
        queryset=Unit.objects.none(),
        required=False,
        help_text="Gõ tên hoặc mã đoàn cơ sở (không dấu cũng được) rồi chọn.",
    )
    destination_text = forms.CharField(
        label="Hoặc nơi chuyển đến (ngoài cổng)",
        max_length=300,
        required=False,
        help_text="Ví dụ: Đoàn phường Bến Nghé, Quận 1, TP. Hồ Chí Minh. Khi đó cổng in giấy giới thiệu.",
    )
    remark = forms.CharField(label="Nhận xét của chi đoàn", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, member, destination_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = transfer_destinations()
        self.fields["to_unit"].label_from_instance = unit_label
        self.fields["to_unit"].widget.url = destination_url

    def clean(self):
        data = super().clean()
        if bool(data.get("to_unit")) == bool((data.get("destination_text") or "").strip()):
            raise forms.ValidationError(
                "Chọn đơn vị tiếp nhận trong cổng, hoặc ghi nơi chuyển đến nếu ngoài cổng (chỉ một trong hai)."
            )
        return data


def transfer_destinations():
    """Any active grassroots unit in the portal may receive: transfers cross district boundaries."""
    return Unit.objects.active().filter(unit_type__in=GRASSROOTS_TYPES).order_by("search_text")


class AcceptTransferForm(forms.Form):
    assigned_unit = forms.ModelChoiceField(label="Chi đoàn tiếp nhận", queryset=Unit.objects.none())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_unit"].queryset = units
        self.fields["assigned_unit"].label_from_instance = unit_label


class DeclineTransferForm(forms.Form):
    reason = forms.CharField(label="Lý do từ chối", widget=forms.Textarea(attrs={"rows": 2}))


class PartyIntroductionForm(forms.ModelForm):
    class Meta:
        model = PartyIntroduction
        fields = ["year", "introduced_date", "resolution", "note"]
        widgets = {"introduced_date": DayMonthYearInput(), "note": forms.Textarea(attrs={"rows": 2})}


class PartyOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label="Kết quả", choices=PartyOutcome.choices)
    admitted_date = forms.DateField(label="Ngày kết nạp Đảng", required=False, widget=DayMonthYearInput())

    def clean(self):
        data = super().clean()
        if data.get("outcome") == PartyOutcome.ADMITTED and not data.get("admitted_date"):
            self.add_error("admitted_date", "Hãy ghi ngày kết nạp Đảng.")
        return data


class YouthRecordForm(RequireVersionMixin, forms.ModelForm):
    version = VersionField()
    religion = ReligionField()

    class Meta:
        model = YouthRecord
        fields = [
            "category",
            "full_name",
            "birth_year",
            "gender",
            "religion",
            "residence",
            "member",
            "circumstances",
            "help_plan",
            "help_done",
            "is_open",
        ]
        widgets = {
            "circumstances": forms.Textarea(attrs={"rows": 3}),
            "help_plan": forms.Textarea(attrs={"rows": 3}),
            "help_done": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, members, member_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"] = member_picker(self.fields["member"], members, member_url)
        if self.instance.pk:
            self.fields["version"].initial = version_token(self.instance)
        else:
            del self.fields["version"]
            del self.fields["is_open"]

    def clean(self):
        require_version(self)
        return super().clean()

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year and not 1950 <= year <= datetime.date.today().year:
            raise forms.ValidationError("Năm sinh không hợp lệ.")
        return year

    def record_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class StatsForm(forms.Form):
    ngay = forms.DateField(label="Số liệu tính đến ngày", required=False, widget=DayMonthYearInput())
    nam = forms.IntegerField(label="Năm xếp loại", required=False, min_value=2000, max_value=2100)
