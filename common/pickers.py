"""A search field for choosing one member or one unit out of many: the server answers as the user types.

A <select> listing a whole scope grows with the roll (11,000 options, 846 KB for the province); this field
renders only the chosen value, and static/js/picker.js asks `url?q=…` for at most PICKER_LIMIT answers
(JSON: {"results": [{"id": …, "label": …}]}), usable with the keyboard (arrows, Enter, Escape) and by touch.
Validation stays the ModelChoiceField's: the posted id must lie in the field's (scoped) queryset.
"""

from django import forms
from django.http import JsonResponse

PICKER_LIMIT = 20


class PickerWidget(forms.Widget):
    """A hidden input holding the id, and a search box showing the chosen object's label."""

    template_name = "common/picker.html"

    def __init__(self, *, url: str = "", placeholder: str = "Gõ tên để tìm (không dấu cũng được)…", attrs=None):
        super().__init__(attrs)
        self.url = url
        self.placeholder = placeholder
        self.field = None  # set by PickerField: the label of the chosen value comes from its queryset

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = self.field.chosen(value) if self.field is not None else None
        context["widget"].update(
            url=self.url,
            placeholder=self.placeholder,
            label=self.field.label_from_instance(chosen) if chosen is not None else "",
            value=str(chosen.pk) if chosen is not None else "",
        )
        return context


class PickerField(forms.ModelChoiceField):
    """A ModelChoiceField rendered as a server-side search; never iterates its queryset."""

    widget = PickerWidget

    def __init__(self, queryset, *, url: str = "", **kwargs):
        super().__init__(queryset, **kwargs)
        self.widget.field = self
        self.widget.url = url

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget.field = result
        return result

    def chosen(self, value):
        """The object `value` names inside the queryset, or None (one query, never the whole list)."""
        if value in self.empty_values:
            return None
        if isinstance(value, self.queryset.model):
            return value
        try:
            return self.queryset.filter(pk=value).first()
        except (ValueError, TypeError):
            return None


def picker_response(objects, label) -> JsonResponse:
    """The answers of a picker search: at most PICKER_LIMIT objects, each with its id and `label(obj)`."""
    return JsonResponse({"results": [{"id": obj.pk, "label": label(obj)} for obj in objects[:PICKER_LIMIT]]})
