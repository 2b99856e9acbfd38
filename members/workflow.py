"""The registry's workflows as data: a member's status and a transfer's (common.workflow.transition applies them)."""

from common.workflow import Step, Workflow

from . import permissions
from .errors import MemberError
from .models import MemberStatus, TransferStatus


def _editor(user, member) -> bool:
    return permissions.can_edit_member(user, member)


def _receiver(user, transfer) -> bool:
    return permissions.can_receive_transfer(user, transfer)


def _sender(user, transfer) -> bool:
    return permissions.can_cancel_transfer(user, transfer)


ACTIVE, MATURED, LEFT, DECEASED, TRANSFERRED = (
    MemberStatus.ACTIVE,
    MemberStatus.MATURED,
    MemberStatus.LEFT,
    MemberStatus.DECEASED,
    MemberStatus.TRANSFERRED,
)

# Trưởng thành Đoàn, ra khỏi Đoàn, đã mất, back to đang sinh hoạt, and leaving the portal by a transfer. A record is
# never deleted; a member who left the portal comes back only through a new record.
MEMBER = Workflow(
    "member",
    [
        Step(ACTIVE, MATURED, _editor, label=MATURED.label),
        Step(ACTIVE, LEFT, _editor, label=LEFT.label),
        Step(ACTIVE, DECEASED, _editor, label=DECEASED.label),
        Step(MATURED, ACTIVE, _editor, label=ACTIVE.label),
        Step(LEFT, ACTIVE, _editor, label=ACTIVE.label),
        Step(ACTIVE, TRANSFERRED, _editor, label="Chuyển sinh hoạt ra ngoài cổng"),
    ],
    error=MemberError,
)

TRANSFER = Workflow(
    "member_transfer",
    [
        Step(TransferStatus.PENDING, TransferStatus.ACCEPTED, _receiver, label="Tiếp nhận"),
        Step(
            TransferStatus.PENDING, TransferStatus.DECLINED, _receiver, reason_required=True, label="Từ chối tiếp nhận"
        ),
        Step(TransferStatus.PENDING, TransferStatus.CANCELLED, _sender, label="Hủy"),
    ],
    error=MemberError,
)


def manual_targets(status: str) -> set[str]:
    """The statuses an editor may set by hand from `status` (leaving the portal goes through a transfer)."""
    return {target for (source, target) in MEMBER.steps if source == status and target != TRANSFERRED}
