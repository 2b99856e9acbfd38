"""Forms of the criteria catalogue: they shape and clean input only; the rules live in criteria.services."""

from decimal import Decimal

from django import forms

from common.locking import require_version, version_token

from .models import CriteriaGroup, CriteriaItem, CriteriaSet, ItemKind, LocalItem, RegistryFigure, ResultLevel

HALF_STEP = forms.NumberInput(attrs={"step": "0.5", "min": "0"})


class VersionedForm(forms.ModelForm):
    """An edit form that carries the record's updated_at, so a concurrent save is detected."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = version_token(self.instance)
        else:
            del self.fields["version"]
        for name, field in self.fields.items():
            if isinstance(field, forms.DecimalField) and isinstance(self.initial.get(name), Decimal):
                self.initial[name] = plain_number(self.initial[name])

    def clean(self):
        require_version(self)
        return super().clean()

    def changes(self) -> dict:
        """The cleaned fields of the model, without the version token."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


def plain_number(value: Decimal) -> str:
    """7.0 → "7", 6.50 → "6.5", 8E+1 → "80": how people write points and percentages."""
    return format(value.normalize(), "f")


def _half_points(value: Decimal | None, label="Điểm") -> Decimal | None:
    if value is not None and value % Decimal("0.5"):
        raise forms.ValidationError(f"{label} phải theo bậc 0,5 (ví dụ 6 hoặc 6,5).")
    return value


class CriteriaSetForm(VersionedForm):
    class Meta:
        model = CriteriaSet
        fields = [
            "name",
            "first_year",
            "last_year",
            "central_document",
            "provincial_document",
            "max_total",
            "local_points_allowance",
        ]
        widgets = {"max_total": HALF_STEP, "local_points_allowance": HALF_STEP}

    def clean_max_total(self):
        return _half_points(self.cleaned_data["max_total"])

    def clean_local_points_allowance(self):
        return _half_points(self.cleaned_data["local_points_allowance"])


class GroupForm(VersionedForm):
    class Meta:
        model = CriteriaGroup
        fields = ["title", "max_points"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "max_points": HALF_STEP}

    def clean_max_points(self):
        return _half_points(self.cleaned_data["max_points"])


class ItemForm(VersionedForm):
    figure_keys = forms.MultipleChoiceField(
        label="Số liệu từ sổ đoàn viên hiện bên tiêu chí",
        choices=RegistryFigure.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Khi tự đánh giá, đơn vị thấy các số liệu này của năm đánh giá, lấy từ sổ đoàn viên trên cổng.",
    )

    class Meta:
        model = CriteriaItem
        fields = ["code", "text", "evidence", "kind", "max_points"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "max_points": HALF_STEP,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("figure_keys", self.instance.figure_keys)

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def clean_max_points(self):
        return _half_points(self.cleaned_data["max_points"])

    def changes(self) -> dict:
        changes = super().changes()
        changes["figures"] = ",".join(changes.pop("figure_keys", None) or [])
        return changes


class LevelForm(VersionedForm):
    min_group_percent = forms.DecimalField(
        label="Tỷ lệ tối thiểu mỗi nhóm (%)",
        min_value=0,
        max_value=100,
        decimal_places=1,
        help_text="Mỗi nhóm phải đạt ít nhất phần trăm này của điểm tối đa của nhóm.",
    )

    class Meta:
        model = ResultLevel
        fields = ["code", "name", "short_name", "min_total"]
        widgets = {"min_total": HALF_STEP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["min_group_percent"].initial = plain_number(self.instance.min_group_ratio * 100)

    def clean_min_total(self):
        return _half_points(self.cleaned_data["min_total"])

    def clean(self):
        data = super().clean()
        # Without a token the service would skip the stale-edit check (an old page, a hand-made request).
        if "version" in self.fields and not data.get("version"):
            self.add_error(None, "Trang sửa này thiếu dấu phiên bản; hãy mở lại trang rồi sửa lại.")
        return data

    def changes(self) -> dict:
        changes = super().changes()
        changes["min_group_ratio"] = changes.pop("min_group_percent") / 100
        return changes


class LocalItemForm(VersionedForm):
    year = forms.TypedChoiceField(label="Năm áp dụng", coerce=int)

    class Meta:
        model = LocalItem
        fields = ["year", "group_number", "text", "evidence", "kind", "max_points"]
        widgets = {
            "group_number": forms.Select(choices=[(1, "Nhóm 1"), (2, "Nhóm 2"), (3, "Nhóm 3")]),
            "text": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "max_points": HALF_STEP,
        }
        help_texts = {"max_points": "Để 0 với tiêu chí đạt / không đạt (mặc định, không tính điểm)."}

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["kind"].initial = ItemKind.CHECK
        if self.instance.pk:
            del self.fields["year"]  # an item stays in the year it was made for

    def clean_max_points(self):
        return _half_points(self.cleaned_data["max_points"])
