"""Every workflow table, pinned as data: each step with who may take it, whether a reason is due, what it is
called, whom it notifies, and what freezes the workflow. Any change to a table fails here until this file repeats it.

Mutation testing (mutmut) changes code inside functions only; these tables are module-level data, so this test is
what watches them (README, "Kiểm thử đột biến"). Who the predicates let through is tested beside each app's
permissions; here the table must name the right predicate for each step.
"""

import pytest

from common.workflow import Workflow
from criteria.workflow import CRITERIA_SET
from evaluations.commendations.workflow import ROUND, CommendationError
from evaluations.cycle.workflow import ASSESSMENT, CAMPAIGN, REGISTRATION
from evaluations.errors import EvaluationError
from members.errors import MemberError
from members.importing.workflow import IMPORT_JOB, ImportStepRefused
from members.workflow import MEMBER, TRANSFER


def _name(function) -> str | None:
    return function.__name__ if function is not None else None


def rows(workflow: Workflow) -> list[tuple]:
    """(source, target, who, reason required, label, notify) for every step, in the table's order."""
    return [
        (str(step.source), str(step.target), _name(step.allowed), step.reason_required, step.label, _name(step.notify))
        for step in workflow.steps.values()
    ]


# fmt: off
TABLES = {
    "campaign": (CAMPAIGN, EvaluationError, None, [
        ("open", "closed", "_organiser", False, "Khóa sổ năm đánh giá", None),
        ("closed", "open", "_organiser", True, "Mở lại năm đánh giá", None),
    ]),
    "registration": (REGISTRATION, EvaluationError, "closed_year", [
        ("draft", "submitted", "_unit_side", False, "Nộp bản đăng ký", "notify_reviewers"),
        ("returned", "submitted", "_unit_side", False, "Nộp lại bản đăng ký", "notify_reviewers"),
        ("submitted", "returned", "_reviewer", True, "Trả lại bản đăng ký", "notify_unit"),
        ("submitted", "accepted", "_reviewer", False, "Chấp nhận bản đăng ký", "notify_unit"),
        ("accepted", "returned", "_reviewer", True, "Mở lại bản đăng ký", "notify_unit"),
    ]),
    "assessment": (ASSESSMENT, EvaluationError, "closed_year", [
        ("draft", "submitted", "_unit_side", False, "Nộp bản tự đánh giá", "notify_reviewers"),
        ("returned", "submitted", "_unit_side", False, "Nộp lại bản tự đánh giá", "notify_reviewers"),
        ("submitted", "returned", "_reviewer", True, "Trả lại bản tự đánh giá", "notify_unit"),
        ("submitted", "approved", "_reviewer", False, "Duyệt kết quả thẩm định", "notify_unit"),
        ("approved", "submitted", "_reviewer", True, "Mở lại kết quả thẩm định", "notify_unit"),
    ]),
    "commendation_round": (ROUND, CommendationError, None, [
        ("draft", "finalised", "_runner", False, "Ban hành quyết định tuyên dương", None),
    ]),
    "criteria_set": (CRITERIA_SET, None, None, [
        ("draft", "published", "_editor", False, "Công bố bộ tiêu chí", None),
        ("published", "archived", "_editor", False, "Lưu trữ bộ tiêu chí", None),
    ]),
    "member": (MEMBER, MemberError, None, [
        ("dang_sinh_hoat", "truong_thanh", "_editor", False, "Trưởng thành Đoàn", None),
        ("dang_sinh_hoat", "ra_khoi_doan", "_editor", False, "Ra khỏi Đoàn", None),
        ("dang_sinh_hoat", "da_mat", "_editor", False, "Đã mất", None),
        ("truong_thanh", "dang_sinh_hoat", "_editor", False, "Đang sinh hoạt", None),
        ("ra_khoi_doan", "dang_sinh_hoat", "_editor", False, "Đang sinh hoạt", None),
        ("dang_sinh_hoat", "da_chuyen_di", "_editor", False, "Chuyển sinh hoạt ra ngoài cổng", None),
    ]),
    "member_transfer": (TRANSFER, MemberError, None, [
        ("cho_tiep_nhan", "da_tiep_nhan", "_receiver", False, "Tiếp nhận", None),
        ("cho_tiep_nhan", "tu_choi", "_receiver", True, "Từ chối tiếp nhận", None),
        ("cho_tiep_nhan", "da_huy", "_sender", False, "Hủy", None),
    ]),
    "import_job": (IMPORT_JOB, ImportStepRefused, None, [
        ("dang_kiem_tra", "da_kiem_tra", None, False, "Kiểm tra xong tệp", None),
        ("dang_kiem_tra", "khong_nhap_duoc", None, False, "Không kiểm tra được tệp", None),
        ("da_kiem_tra", "dang_ghi", "_keeper_of_the_roll", False, "Xác nhận nhập", None),
        ("dang_ghi", "da_nhap", None, False, "Ghi xong vào sổ", None),
        ("dang_ghi", "da_kiem_tra", None, False, "Kiểm tra lại trước khi ghi", None),
        ("dang_ghi", "khong_nhap_duoc", None, False, "Không ghi được", None),
        ("khong_nhap_duoc", "dang_kiem_tra", "_keeper_of_the_roll", False, "Kiểm tra lại tệp", None),
    ]),
}
# fmt: on


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_workflow_table_is_exactly_the_pinned_one(name):
    workflow, error, frozen, expected = TABLES[name]
    assert workflow.name == name
    assert rows(workflow) == expected
    assert _name(workflow.frozen) == frozen
    if error is not None:
        assert workflow.error is error


def test_every_workflow_of_the_project_is_pinned():
    from django.apps import apps
    from django.utils.module_loading import import_string

    from common.workflow import workflow_of

    models = [model for model in apps.get_models() if isinstance(getattr(model, "workflow", None), Workflow | str)]
    names = {workflow_of(model).name for model in models}
    assert names == set(TABLES), "Mỗi quy trình mới cần một bảng ở đây"
    assert import_string("criteria.workflow.CRITERIA_SET") is CRITERIA_SET
