"""The django-import-export Resource of the member workbook: which column feeds which field, and how each
cell is normalised (import) or rendered (export). Validation across rows lives in members.importing.matching."""

import datetime
from functools import partial

from import_export import fields, resources, widgets

from members.columns import COLUMNS
from members.ethnicity import normalise_ethnicity
from members.models import Gender, Member, MemberStatus

from . import cells


class CellWidget(widgets.Widget):
    """A widget made of a pure parse function (cell → value or CellError) and a render function."""

    def __init__(self, parse, render=None):
        super().__init__(coerce_to_string=False)
        self.parse = parse
        self.render_value = render or (lambda value: value)

    def clean(self, value, row=None, **kwargs):
        return self.parse(value)

    def render(self, value, obj=None, **kwargs):
        return self.render_value(value)


def _memo(parse):
    """Remember the answer for each text value: gender, ethnicity, status repeat on every row of a big file."""
    answers: dict = {}

    def parse_once(value):
        if not isinstance(value, str):
            return parse(value)
        if value not in answers:
            if len(answers) > 1000:  # a file of odd values must not grow the memory of a long-lived process
                answers.clear()
            try:
                answers[value] = (parse(value), None)
            except cells.CellError as error:
                answers[value] = (None, error)
        result, error = answers[value]
        if error is not None:
            raise error
        return result

    return parse_once


def _text(key):
    return partial(cells.clean_text, max_length=Member._meta.get_field(key).max_length)


def _ethnicity(value):
    if cells.is_blank(value):
        return ""
    name = normalise_ethnicity(cells.clean_text(value))
    if name is None:
        raise cells.CellError("Không có trong danh mục 54 dân tộc Việt Nam.")
    return name


def _past_date(value):
    return cells.parse_date(value, today=datetime.date.today())


_GENDER_LABELS = dict(Gender.choices)
_STATUS_LABELS = dict(MemberStatus.choices)

# key -> (parse, render). Render returns what the export cell holds: dates stay dates.
_WIDGETS = {
    "stt": (lambda value: None, None),
    "full_name": (_text("full_name"), None),
    "birth_date": (_past_date, None),
    "gender": (_memo(cells.parse_gender), lambda value: _GENDER_LABELS.get(value, value or "")),
    "ethnicity": (_memo(_ethnicity), None),
    "religion": (_text("religion"), None),
    "id_number": (cells.parse_id_number, lambda value: value or ""),
    "card_number": (_text("card_number"), None),
    "joined_date": (_past_date, None),
    "joined_place": (_text("joined_place"), None),
    "unit_code": (partial(cells.clean_text, max_length=40), None),
    "education": (_text("education"), None),
    "occupation": (_text("occupation"), None),
    "phone": (cells.parse_phone, None),
    "residence": (_text("residence"), None),
    "is_party_member": (_memo(cells.parse_bool), lambda value: "Có" if value else "Không"),
    "party_joined_date": (_past_date, None),
    "status": (
        _memo(partial(cells.parse_choice, choices=MemberStatus.choices)),
        lambda value: _STATUS_LABELS.get(value, ""),
    ),
}

# The model attribute each column reads on export ("stt" is the row number).
ATTRIBUTES = {column.key: column.key for column in COLUMNS} | {"unit_code": "unit__code", "stt": None}


class MemberResource(resources.ModelResource):
    """Vietnamese headers and per-cell normalisation of the member workbook."""

    class Meta:
        model = Member
        fields = tuple(column.key for column in COLUMNS)
        import_id_fields = ("id_number",)
        skip_unchanged = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for column in COLUMNS:
            parse, render = _WIDGETS[column.key]
            self.fields[column.key] = fields.Field(
                attribute=ATTRIBUTES[column.key],
                column_name=column.header,
                widget=CellWidget(parse, render),
            )

    def clean_cells(self, raw: dict) -> tuple[dict, dict]:
        """Normalise one row's cells (column key → raw value): (values, {column key: error message})."""
        values, errors = {}, {}
        for key, value in raw.items():
            try:
                values[key] = self.fields[key].widget.clean(value)
            except cells.CellError as error:
                errors[key] = str(error)
        return values, errors

    def renderers(self) -> list:
        """One render function per template column, in order, for the fast export path."""
        return [self.fields[column.key].widget.render_value for column in COLUMNS]
