"""Asserting a refusal: the exact error with its Vietnamese message, and that nothing was written.

    with refused(EvaluationError, "Năm đánh giá 2026 đã khóa sổ", registration):
        services.save_registration(...)

checks that the block raises exactly `EvaluationError` with that text (taken literally), that every field of
each record given is as stored before, and that no table of the app gained or lost a row: no status event, no
history row, no attachment, extension, finding or override.
"""

import re
from contextlib import contextmanager

import pytest
from django.apps import apps

from common.models import StatusEvent


def stored(obj) -> dict:
    """Every column of `obj` as the database holds it now."""
    fresh = type(obj)._base_manager.get(pk=obj.pk)
    return {field.attname: getattr(fresh, field.attname) for field in fresh._meta.concrete_fields}


def row_counts() -> dict:
    models = [*apps.get_app_config("evaluations").get_models(), StatusEvent]
    return {model._meta.label: model._base_manager.count() for model in models}


@contextmanager
def refused(error: type[Exception], message: str, *records):
    rows, counts = [stored(obj) for obj in records], row_counts()
    with pytest.raises(error, match=re.escape(message)) as caught:
        yield caught
    assert type(caught.value) is error, f"{type(caught.value).__name__} raised, {error.__name__} expected"
    changed = {
        f"{type(obj).__name__} {obj.pk} {name}": (value, now[name])
        for obj, before, now in zip(records, rows, [stored(obj) for obj in records], strict=True)
        for name, value in before.items()
        if now[name] != value
    }
    assert not changed, f"refused, yet changed (before, after): {changed}"
    moved = {label: (n, now) for (label, n), now in zip(counts.items(), row_counts().values(), strict=True) if n != now}
    assert not moved, f"refused, yet rows were added or removed (before, after): {moved}"
