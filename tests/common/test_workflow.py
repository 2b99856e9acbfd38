"""set_fields: the way to set fields named at run time, which never sets a status."""

from types import SimpleNamespace

import pytest

from common.workflow import set_fields


def test_set_fields_sets_each_field_and_returns_the_object():
    record = SimpleNamespace(title="a", note="")
    assert set_fields(record, {"title": "b", "note": "c"}) is record
    assert (record.title, record.note) == ("b", "c")


def test_set_fields_refuses_a_status_and_sets_nothing():
    record = SimpleNamespace(title="a", status="draft")
    with pytest.raises(ValueError, match="transition"):
        set_fields(record, {"title": "b", "status": "published"})
    assert (record.title, record.status) == ("a", "draft")
