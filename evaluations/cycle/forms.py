"""Forms of the yearly cycle: they shape and clean input; the rules live in services.py."""

from django import forms
from django.utils.text import capfirst

from common.widgets import DayMonthYearInput

from .models import TARGET_FIELDS, Campaign, Registration, Stage

ENTRY_FIELDS = {"commitment": "Nội dung đăng ký", "solutions": "Giải pháp", "roadmap": "Lộ trình"}


class CampaignForm(forms.ModelForm):
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Campaign
        fields = ["year", "registration_due", "self_assessment_due", "review_due"]
        widgets = {
            "registration_due": DayMonthYearInput(),
            "self_assessment_due": DayMonthYearInput(),
            "review_due": DayMonthYearInput(),
        }

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["year"]

    def clean(self):
        cleaned = super().clean()
        dates = [cleaned.get(f) for f in ("registration_due", "self_assessment_due", "review_due")]
        if all(dates) and not dates[0] <= dates[1] <= dates[2]:
            raise forms.ValidationError("Các hạn phải theo thứ tự: đăng ký, rồi tự đánh giá, rồi thẩm định.")
        return cleaned

    def cleaned_data_for_service(self) -> dict:
        names = ["year", "registration_due", "self_assessment_due", "review_due"]
        return {name: self.cleaned_data[name] for name in names if name in self.fields}

    def _post_clean(self):
        # The model's check constraint is the service's job (it answers in Vietnamese); skip model validation.
        pass


class ExtensionForm(forms.Form):
    stage = forms.ChoiceField(label="Bước", choices=Stage.choices)
    due_date = forms.DateField(label="Hạn mới", widget=DayMonthYearInput())
    reason = forms.CharField(label="Lý do gia hạn", widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    """Accept / approve, return or reopen; a reason is required where the step needs one (checked by the service)."""

    action = forms.ChoiceField(choices=[("accept", "accept"), ("return", "return"), ("reopen", "reopen")])
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RegistrationForm(forms.Form):
    """The registration: numeric targets, focus, and per group (and per item where the unit wants) the texts.

    Field names: `target_*`, `focus`, `g<group>-<field>` for a group, `i<item code>-<field>` for an item.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    focus = forms.CharField(
        label="Những tiêu chí chưa đạt, đơn vị tập trung thực hiện trong năm",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, spec, registration: Registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        for name, words in TARGET_FIELDS.items():
            self.fields[name] = forms.IntegerField(
                # capfirst, not str.capitalize: that lowercases the rest ("cho đảng").
                label=capfirst(Registration._meta.get_field(name).verbose_name),
                required=False,
                min_value=0,
                max_value=100000,
                help_text=f"Số {words} đơn vị đăng ký đạt trong năm.",
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            self.initial.setdefault(name, getattr(registration, name))
        self.initial.setdefault("focus", registration.focus)
        saved = {(e.group_number, e.item_code): e for e in registration.entries.all()}
        for group in spec.groups:
            for key, prefix in [((group.number, ""), f"g{group.number}")] + [
                ((group.number, item.code), f"i{item.code}") for item in group.items
            ]:
                for field, label in ENTRY_FIELDS.items():
                    name = f"{prefix}-{field}"
                    self.fields[name] = forms.CharField(
                        label=label, required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
                    )
                    entry = saved.get(key)
                    self.initial.setdefault(name, getattr(entry, field) if entry else "")
        self.add_classes()

    def add_classes(self):
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

    def sections(self, texts: dict):
        """Per group: its entry fields, and per item the item, its text and its entry fields (for the template)."""
        for group in self.spec.groups:
            yield {
                "group": group,
                "fields": [self[f"g{group.number}-{f}"] for f in ENTRY_FIELDS],
                "items": [
                    {
                        "item": item,
                        "text": texts.get(item.code, {}).get("text", ""),
                        "fields": [self[f"i{item.code}-{f}"] for f in ENTRY_FIELDS],
                        "filled": any(self[f"i{item.code}-{f}"].value() for f in ENTRY_FIELDS),
                    }
                    for item in group.items
                ],
            }

    def targets(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in TARGET_FIELDS}

    def entries(self) -> dict:
        result = {}
        for group in self.spec.groups:
            result[(group.number, "")] = {f: self.cleaned_data.get(f"g{group.number}-{f}", "") for f in ENTRY_FIELDS}
            for item in group.items:
                result[(group.number, item.code)] = {
                    f: self.cleaned_data.get(f"i{item.code}-{f}", "") for f in ENTRY_FIELDS
                }
        return result
