"""Form widgets shared by every app."""

import re

from django import forms

_DIGITS_ONLY = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


class DayMonthYearInput(forms.DateInput):
    """A dd/mm/yyyy date box that brings up the phone's numeric keypad.

    Phone keypads often have no "/": eight digits typed straight ("12032005") are read as 12/03/2005.
    """

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "pattern": r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|[0-9]{8}",
            "autocomplete": "off",
            "maxlength": "10",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if isinstance(value, str) and (match := _DIGITS_ONLY.match(value.strip())):
            return "/".join(match.groups())
        return value
