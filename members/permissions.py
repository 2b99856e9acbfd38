"""Who may read and change the registry. Predicates answer yes/no; accessors answer 404 or 403.

Reading follows the tree: a role on a unit covers its subtree, so a member's data (CCCD, religion, the youth
lists) is seen only by the member's own units and their superiors. Writing is for the grassroots unit's
secretary and officers, the superior officers above it and system administrators; the province committee
(Ban Tổ chức – Kiểm tra) reads the whole province but does not keep other units' rolls.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from branches.models import Role, Unit
from branches.permissions import can_view_unit, get_unit_for_user, holds_role, is_system_admin

from .models import Member, MemberTransfer, TransferStatus, YouthRecord

EDITOR_ROLES = frozenset({Role.GRASSROOTS_SECRETARY, Role.GRASSROOTS_OFFICER, Role.SUPERIOR_OFFICER})


def can_edit_members(user, unit) -> bool:
    """Keep the roll of `unit` (add, edit, rate, transfer its members): editors of the unit or a unit above."""
    if not can_view_unit(user, unit) or unit.is_dissolved():
        return False
    if is_system_admin(user):
        return True
    return holds_role(user, unit, EDITOR_ROLES)


def can_edit_member(user, member) -> bool:
    return can_edit_members(user, member.unit)


def can_receive_transfer(user, transfer) -> bool:
    """Accept or decline an incoming transfer: editors of the receiving unit (or above it)."""
    return transfer.to_unit_id is not None and can_edit_members(user, transfer.to_unit)


def can_cancel_transfer(user, transfer) -> bool:
    """Withdraw a pending transfer: editors of the sending unit."""
    return can_edit_members(user, transfer.from_unit)


def can_see_transferred_member(user, transfer) -> bool:
    """The member's personal data on a transfer page: for whoever keeps the member now, and for the receiving
    unit while it decides. Once declined or accepted, the other end keeps only the transfer's own facts."""
    return transfer.is_pending or can_view_unit(user, transfer.member.unit)


def can_print_transfer_letter(user, transfer) -> bool:
    """The sending unit prints the letter, but only while it still sees the member: the letter shows the live
    record, so once the receiving unit holds the member it would leak what they record there."""
    return (
        transfer.status in (TransferStatus.PENDING, TransferStatus.LEFT_PORTAL, TransferStatus.ACCEPTED)
        and can_view_unit(user, transfer.from_unit)
        and can_view_unit(user, transfer.member.unit)
    )


def get_member_for_user(user, pk, *, write=False) -> Member:
    """The member with `pk` if the user may read it (404 otherwise); with write=True, 403 if read-only."""
    try:
        # mutmut: dropping a select_related name is equivalent (it saves queries; no answer changes)
        member = Member.objects.visible_to(user).select_related("unit", "introducer").get(pk=pk)
    except (Member.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đoàn viên.") from None
    if write and not can_edit_member(user, member):
        raise PermissionDenied("Bạn chỉ được xem, không được sửa hồ sơ đoàn viên này.")
    return member


def get_roll_unit_for_user(user, pk, *, write=False) -> Unit:
    """A unit whose roll the user opens (404 outside scope); with write=True, 403 if read-only."""
    unit = get_unit_for_user(user, pk)
    if write and not can_edit_members(user, unit):
        raise PermissionDenied("Bạn chỉ được xem danh sách đoàn viên của đơn vị này.")
    return unit


def get_transfer_for_user(user, pk) -> MemberTransfer:
    """A transfer seen from either end: the sending unit's scope or the receiving unit's scope."""
    try:
        # mutmut: dropping a select_related name is equivalent (it saves queries; no answer changes)
        transfer = MemberTransfer.objects.select_related(
            "member__unit", "from_unit", "to_unit", "assigned_unit", "created_by", "decided_by"
        ).get(pk=pk)
    except (MemberTransfer.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy hồ sơ chuyển sinh hoạt.") from None
    ends = [transfer.from_unit] + ([transfer.to_unit] if transfer.to_unit_id else [])
    if not any(can_view_unit(user, unit) for unit in ends):
        raise Http404("Không tìm thấy hồ sơ chuyển sinh hoạt.")
    return transfer


def get_youth_record_for_user(user, pk, *, write=False) -> YouthRecord:
    try:
        # mutmut: dropping a select_related name is equivalent (it saves queries; no answer changes)
        record = YouthRecord.objects.visible_to(user).select_related("unit", "member").get(pk=pk)
    except (YouthRecord.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy hồ sơ.") from None
    if write and not can_edit_members(user, record.unit):
        raise PermissionDenied("Bạn chỉ được xem hồ sơ này.")
    return record
