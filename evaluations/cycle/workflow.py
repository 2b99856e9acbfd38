"""The evaluation workflows as data: which status may follow which, who may take the step, whether a reason is due.

Every status change of a campaign, a registration or an assessment goes through common.workflow.transition with
these tables (services.py calls it; nothing else assigns `.status`).
"""

from branches.permissions import PROVINCE_ROLES, can_edit_unit_forms, can_review_unit, holds_role
from common.workflow import Step, Workflow
from evaluations.errors import EvaluationError

from . import notifications

DRAFT, SUBMITTED, RETURNED, ACCEPTED, APPROVED = "draft", "submitted", "returned", "accepted", "approved"
OPEN, CLOSED = "open", "closed"
CLOSED_MESSAGE = "Năm đánh giá {year} đã khóa sổ; mọi phiếu chỉ còn để xem."


def _unit_side(user, form) -> bool:
    """The grassroots unit's own secretary and officers."""
    return can_edit_unit_forms(user, form.unit)


def _reviewer(user, form) -> bool:
    """The unit's direct superior (or a unit above it, or the province)."""
    return can_review_unit(user, form.unit)


def closed_year(form) -> str:
    """A form of a closed year takes no step, whoever asks: the reason shown instead of a permission refusal."""
    campaign = form.campaign
    return "" if campaign.is_open else CLOSED_MESSAGE.format(year=campaign.year)


def _organiser(user, campaign) -> bool:
    return holds_role(user, campaign.organiser, PROVINCE_ROLES) or user.is_superuser


CAMPAIGN = Workflow(
    "campaign",
    [
        Step(OPEN, CLOSED, _organiser, label="Khóa sổ năm đánh giá"),
        Step(CLOSED, OPEN, _organiser, reason_required=True, label="Mở lại năm đánh giá"),
    ],
    error=EvaluationError,
)

REGISTRATION = Workflow(
    "registration",
    [
        Step(DRAFT, SUBMITTED, _unit_side, label="Nộp bản đăng ký", notify=notifications.notify_reviewers),
        Step(RETURNED, SUBMITTED, _unit_side, label="Nộp lại bản đăng ký", notify=notifications.notify_reviewers),
        Step(
            SUBMITTED,
            RETURNED,
            _reviewer,
            reason_required=True,
            label="Trả lại bản đăng ký",
            notify=notifications.notify_unit,
        ),
        Step(SUBMITTED, ACCEPTED, _reviewer, label="Chấp nhận bản đăng ký", notify=notifications.notify_unit),
        # Reopening an accepted registration: only the superior, with a reason.
        Step(
            ACCEPTED,
            RETURNED,
            _reviewer,
            reason_required=True,
            label="Mở lại bản đăng ký",
            notify=notifications.notify_unit,
        ),
    ],
    error=EvaluationError,
    frozen=closed_year,
)

ASSESSMENT = Workflow(
    "assessment",
    [
        Step(DRAFT, SUBMITTED, _unit_side, label="Nộp bản tự đánh giá", notify=notifications.notify_reviewers),
        Step(RETURNED, SUBMITTED, _unit_side, label="Nộp lại bản tự đánh giá", notify=notifications.notify_reviewers),
        Step(
            SUBMITTED,
            RETURNED,
            _reviewer,
            reason_required=True,
            label="Trả lại bản tự đánh giá",
            notify=notifications.notify_unit,
        ),
        Step(SUBMITTED, APPROVED, _reviewer, label="Duyệt kết quả thẩm định", notify=notifications.notify_unit),
        # Reopening an approved review puts it back under review; the reason is kept.
        Step(
            APPROVED,
            SUBMITTED,
            _reviewer,
            reason_required=True,
            label="Mở lại kết quả thẩm định",
            notify=notifications.notify_unit,
        ),
    ],
    error=EvaluationError,
    frozen=closed_year,
)
