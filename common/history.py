"""Change history pages: turn django-simple-history records into rows of "field: old → new"."""

import datetime
from dataclasses import dataclass, field


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class HistoryRow:
    record: object
    changes: list[Change] = field(default_factory=list)


def history_rows(records, model, *, names: dict[str, dict] | None = None) -> list[HistoryRow]:
    """Rows for `records` (newest first), each with its changes against the record before it.

    `names` maps a foreign-key field to {id: display name} so rows show names instead of ids; choice fields
    show their labels and dates read dd/mm/yyyy.
    """
    names = names or {}
    labels = {f.name: f.verbose_name for f in model._meta.fields}
    records = list(records)
    rows = []
    for record, older in zip(records, [*records[1:], None], strict=True):
        row = HistoryRow(record=record)
        if older is not None:
            for change in record.diff_against(older).changes:
                row.changes.append(
                    Change(
                        field=str(labels.get(change.field, change.field)),
                        old=_display(model, change.field, change.old, names),
                        new=_display(model, change.field, change.new, names),
                    )
                )
        rows.append(row)
    return rows


def _display(model, field_name, value, names):
    if value is None:
        return value
    if field_name in names:
        return names[field_name].get(value, value)
    model_field = model._meta.get_field(field_name)
    if model_field.choices:
        return dict(model_field.choices).get(value, value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y")
    return value
