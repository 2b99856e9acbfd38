"""Forms of inspection records: they shape and clean input; the rules live in services_inspections.py."""

from django import forms

from common.widgets import DayMonthYearInput
from criteria.scoring import SetSpec

from .models import Conclusion, FindingResult, InspectionKind

HALF_CHOICES = [("", "—"), (1, "6 tháng đầu năm"), (2, "6 tháng cuối năm")]
RESULT_CHOICES = [("", "Chưa ghi"), *FindingResult.choices]


def _text(label, rows=3, **extra):
    return forms.CharField(
        label=label, required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": rows}), **extra
    )


class InspectionForm(forms.Form):
    """The record: period, date, team, conclusion, recommendations, and a result and note per group and item.

    Finding fields: `g<group>-result`, `g<group>-note` for a whole group, `i<item code>-result`, `i<item code>-note`
    for an item. `spec_year` is the year the finding fields were built for: when the user changes the year, the
    page is shown again with that year's items before anything is saved.
    """

    inspecting_unit = forms.TypedChoiceField(label="Đơn vị kiểm tra", coerce=int)
    kind = forms.ChoiceField(label="Loại kiểm tra", choices=InspectionKind.choices, widget=forms.RadioSelect)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(
        label="Kỳ (kiểm tra 6 tháng)", choices=HALF_CHOICES, coerce=int, empty_value=None, required=False
    )
    inspection_date = forms.DateField(label="Ngày kiểm tra", widget=DayMonthYearInput())
    team = _text("Thành phần đoàn kiểm tra", help_text="Họ tên, chức vụ; mỗi người một dòng.")
    conclusion = forms.ChoiceField(label="Kết luận", choices=Conclusion.choices, widget=forms.RadioSelect)
    points = forms.CharField(
        label="Điểm kiểm tra (nếu chấm điểm)",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    conclusion_note = _text("Nội dung kết luận")
    recommendations = _text("Kiến nghị cần khắc phục")
    follow_up_due = forms.DateField(label="Hạn khắc phục", required=False, widget=DayMonthYearInput())
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    spec_year = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, spec: SetSpec, inspecting_units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        if inspecting_units is None:
            del self.fields["inspecting_unit"]  # fixed once recorded
        else:
            self.fields["inspecting_unit"].choices = [(u.pk, u.name) for u in inspecting_units]
        for group in spec.groups:
            for prefix in [f"g{group.number}", *(f"i{item.code}" for item in group.items)]:
                self.fields[f"{prefix}-result"] = forms.ChoiceField(
                    label="Kết quả", choices=RESULT_CHOICES, required=False, widget=forms.RadioSelect
                )
                self.fields[f"{prefix}-note"] = _text("Ghi chú", rows=2)
                self.fields[f"{prefix}-note"].widget.attrs.update(
                    {"class": "form-control form-control-sm", "placeholder": "Ghi chú (nếu có)"}
                )

    def sections(self):
        """Per group: its result and note fields, and per item its text with its result and note (for the page)."""
        for group in self.spec.groups:
            yield {
                "group": group,
                "result": self[f"g{group.number}-result"],
                "note": self[f"g{group.number}-note"],
                "items": [
                    {"item": item, "result": self[f"i{item.code}-result"], "note": self[f"i{item.code}-note"]}
                    for item in group.items
                ],
            }

    def findings(self) -> dict:
        """{(group number, item code or ""): (result, note)} for every group and item of the form."""
        result = {}
        for group in self.spec.groups:
            keys = [((group.number, ""), f"g{group.number}")]
            keys += [((group.number, item.code), f"i{item.code}") for item in group.items]
            for key, prefix in keys:
                result[key] = (
                    self.cleaned_data.get(f"{prefix}-result", ""),
                    self.cleaned_data.get(f"{prefix}-note", ""),
                )
        return result

    def record_fields(self) -> dict:
        names = [
            "kind",
            "year",
            "half",
            "inspection_date",
            "team",
            "conclusion",
            "points",
            "conclusion_note",
            "recommendations",
            "follow_up_due",
        ]
        return {name: self.cleaned_data.get(name) for name in names}

    def year_changed(self) -> bool:
        """The user picked another year than the one the findings were shown for."""
        spec_year = self.cleaned_data.get("spec_year")
        return spec_year is not None and spec_year != self.cleaned_data.get("year")


class FollowUpForm(forms.Form):
    follow_up = forms.CharField(label="Kết quả khắc phục", max_length=10000, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_date = forms.DateField(
        label="Ngày khắc phục xong",
        required=False,
        widget=DayMonthYearInput(),
        help_text="Để trống nếu chưa khắc phục xong.",
    )


class ArchiveForm(forms.Form):
    action = forms.ChoiceField(choices=[("archive", "archive"), ("restore", "restore")])
    reason = forms.CharField(required=False, max_length=500)
