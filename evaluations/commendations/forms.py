"""Forms of the commendation rounds and the recognition decision: they shape and clean input; the rules live in the
services."""

from django import forms

from branches.models import Term
from common.widgets import DayMonthYearInput
from evaluations.cycle.models import SIGNER_POSITIONS

from .models import CommendationRound, OverrideAction, RoundNumber, SignerPosition

RULE_FIELDS = [
    "start_year",
    "end_year",
    "min_recognised_years",
    "min_level_code",
    "no_failed_inspection",
    "min_average_total",
    "quota_per_district",
    "share_percent",
    "tie_break",
]


# How the decision is issued; left blank, the issuer's default (shown as the placeholder) is printed.
DOCUMENT_FIELDS = ["guidance_basis", "rules_basis", "department_name", "department_code"]


class RoundForm(forms.ModelForm):
    """The round's rules and how its decision is issued; on creation also its term and number (the organiser comes
    from the user's role)."""

    class Meta:
        model = CommendationRound
        fields = ["term", "number", *RULE_FIELDS, *DOCUMENT_FIELDS]
        widgets = {
            "guidance_basis": forms.Textarea(attrs={"rows": 2}),
            "rules_basis": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, terms=None, levels=(), editing=False, defaults=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in DOCUMENT_FIELDS:
            if defaults is not None and getattr(defaults, name):
                self.fields[name].widget.attrs["placeholder"] = getattr(defaults, name)
        if editing:
            del self.fields["term"], self.fields["number"]
        else:
            self.fields["term"].queryset = terms if terms is not None else Term.objects.none()
            self.fields["number"].choices = RoundNumber.choices
        self.fields["min_level_code"] = forms.ChoiceField(
            label="Mức kết quả tối thiểu mỗi năm",
            required=False,
            choices=[("", "Đạt (mọi mức được công nhận)"), *((lv.code, lv.label) for lv in levels)],
        )

    def cleaned_rules(self) -> dict:
        """The rules and the decision's settings, as the services take them."""
        return {name: self.cleaned_data.get(name) for name in RULE_FIELDS} | {
            "min_level_code": self.cleaned_data.get("min_level_code") or "",
            **{name: self.cleaned_data.get(name) or "" for name in DOCUMENT_FIELDS},
        }


class OverrideForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[*OverrideAction.choices, ("withdraw", "Rút lại điều chỉnh")])
    reason = forms.CharField(label="Lý do", required=False, max_length=1000)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in OverrideAction.values and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Hãy ghi lý do bổ sung hoặc loại đơn vị.")
        return cleaned


class FinaliseForm(forms.Form):
    decision_number = forms.CharField(label="Số quyết định", max_length=20, help_text="Ví dụ: 125 (phần trước “-QĐ”).")
    decision_date = forms.DateField(label="Ngày quyết định", widget=DayMonthYearInput())
    signer_position = forms.ChoiceField(
        label="Chức vụ người ký",
        required=False,
        choices=SignerPosition.choices,
        initial=SignerPosition.SECRETARY,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    signer_name = forms.CharField(label="Người ký", max_length=100, required=False)

    def clean_signer_position(self):
        return self.cleaned_data["signer_position"] or SignerPosition.SECRETARY


class RecognitionForm(FinaliseForm):
    """The yearly recognition decision as signed: its number, date, and who signed it in which position."""

    signer_name = forms.CharField(label="Họ tên người ký", max_length=100)
    signer_position = forms.ChoiceField(
        label="Chức vụ người ký",
        choices=list(SIGNER_POSITIONS.items()),
        initial="BÍ THƯ",
        help_text="Phó Bí thư ký thay (KT.) Bí thư.",
    )
