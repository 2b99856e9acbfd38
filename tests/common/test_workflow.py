"""common.workflow: set_fields (fields named at run time, never a status) and a frozen workflow."""

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


def _workflow(frozen=None):
    from common.workflow import Step, Workflow

    return Workflow("demo", [Step("draft", "sent", lambda user, obj: user == "owner")], frozen=frozen)


def test_a_frozen_object_takes_no_step_whoever_asks():
    record = SimpleNamespace(status="draft", closed=False)
    workflow = _workflow(frozen=lambda obj: "Đã khóa." if obj.closed else "")
    assert workflow.can("owner", record, "sent") and not workflow.can("stranger", record, "sent")
    assert workflow.frozen_reason(record) == ""
    record.closed = True
    assert not workflow.can("owner", record, "sent")
    assert workflow.frozen_reason(record) == "Đã khóa."


def test_a_workflow_without_a_freeze_is_never_frozen():
    assert _workflow().frozen_reason(SimpleNamespace(status="draft")) == ""
