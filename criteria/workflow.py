"""The criteria set's workflow as data: a draft is published, a published set is archived; nothing goes back.

Every status change of a criteria set goes through common.workflow.transition with this table (services.py calls
it; nothing else assigns `.status`). Only the provincial committee takes either step.
"""

from common.workflow import Step, Workflow

from . import permissions
from .models import SetStatus
from .services import CriteriaError


def _editor(user, criteria_set) -> bool:
    return permissions.can_edit_criteria(user)


CRITERIA_SET = Workflow(
    "criteria_set",
    [
        Step(SetStatus.DRAFT, SetStatus.PUBLISHED, _editor, label="Công bố bộ tiêu chí"),
        # Also taken by publishing: the version in force until then is archived with it.
        Step(SetStatus.PUBLISHED, SetStatus.ARCHIVED, _editor, label="Lưu trữ bộ tiêu chí"),
    ],
    error=CriteriaError,
)
