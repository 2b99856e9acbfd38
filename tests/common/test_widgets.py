"""common.widgets: the dd/mm/yyyy date box used by every form."""

import datetime

import pytest
from django import forms

from branches.forms import DissolveUnitForm, UnitForm
from common.widgets import DayMonthYearInput
from members.forms import MemberForm, PartyIntroductionForm, StatsForm


class _Form(forms.Form):
    day = forms.DateField(widget=DayMonthYearInput())


def test_the_date_box_brings_up_the_numeric_keypad():
    html = str(_Form()["day"])
    assert 'inputmode="numeric"' in html and 'pattern="' in html and 'placeholder="dd/mm/yyyy"' in html
    assert 'type="text"' in html


@pytest.mark.parametrize("typed", ["12/03/2005", "12032005", " 12032005 "])
def test_eight_digits_typed_without_slashes_are_a_date(typed):
    form = _Form({"day": typed})
    assert form.is_valid() and form.cleaned_data["day"] == datetime.date(2005, 3, 12)


def test_a_bound_date_is_shown_as_dd_mm_yyyy():
    assert 'value="12/03/2005"' in str(_Form(initial={"day": datetime.date(2005, 3, 12)})["day"])


@pytest.mark.parametrize(
    ("form_class", "field"),
    [
        (MemberForm, "birth_date"),
        (MemberForm, "joined_date"),
        (MemberForm, "admission_decision_date"),
        (PartyIntroductionForm, "introduced_date"),
        (StatsForm, "ngay"),
        (UnitForm, "valid_from"),
        (DissolveUnitForm, "on"),
    ],
)
def test_every_date_field_of_the_portal_uses_it(form_class, field):
    assert isinstance(form_class.base_fields[field].widget, DayMonthYearInput)
