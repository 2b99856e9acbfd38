"""Changes to the tree and to accounts. Each is one transaction and leaves a history row."""

import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from common.locking import check_fresh
from common.workflow import set_fields

from . import permissions
from .checks import dissolve_blockers
from .models import ROLE_UNIT_TYPES, Role, RoleAssignment, Term, Unit

STALE_UNIT_MESSAGE = "Đơn vị vừa được người khác sửa. Hãy tải lại trang để xem thay đổi rồi nhập lại."


class UnitError(Exception):
    """A change to the tree that the rules refuse; the message is shown to the user."""


class AccountError(Exception):
    """An account change that the rules refuse; the message is shown to the user."""


# What to do with a unit's active secretary when a second one is given: end their term, or keep both.
END_TERM = "ket_thuc_nhiem_ky"
KEEP_BOTH = "giu_ca_hai"


def active_secretaries(unit: Unit) -> list:
    """The users holding the secretary role on `unit` now."""
    assignments = RoleAssignment.objects.filter(unit=unit, role=Role.GRASSROOTS_SECRETARY, is_active=True)
    return [a.user for a in assignments.select_related("user").order_by("created_at")]


def _locked(unit: Unit) -> Unit:
    return Unit.objects.select_for_update().get(pk=unit.pk)


def _check_open(unit: Unit, message: str) -> None:
    if unit.is_dissolved():
        raise UnitError(message)


@transaction.atomic
def create_unit(*, parent: Unit, by, **fields) -> Unit:
    """Add a unit under `parent`, checked against the allowed types and the user's rights."""
    parent = _locked(parent)
    if not permissions.can_add_child(by, parent):
        raise UnitError("Bạn không thể thêm đơn vị trực thuộc đơn vị này.")
    if fields.get("unit_type") not in parent.allowed_child_types():
        raise UnitError(f"Không thể đặt loại đơn vị này trực thuộc {parent.get_unit_type_display()}.")
    if Unit.objects.filter(code=fields.get("code")).exists():
        raise UnitError("Mã đơn vị đã được dùng cho một đơn vị khác.")
    unit = Unit(**fields)
    unit._change_reason = "Tạo đơn vị"
    try:
        with transaction.atomic():
            return Unit.objects.add_child(parent, instance=unit)
    except IntegrityError:  # the same code saved by someone else a moment ago
        raise UnitError("Mã đơn vị đã được dùng cho một đơn vị khác.") from None


@transaction.atomic
def update_unit(*, unit: Unit, by, expected_version=None, **fields) -> Unit:
    """Change a unit's details; refused on a dissolved unit or when someone saved it in the meantime."""
    unit = _locked(unit)
    if not permissions.can_manage_unit(by, unit):
        raise UnitError("Bạn không có quyền sửa đơn vị này.")
    _check_open(unit, "Đơn vị đã giải thể nên chỉ được xem, không được sửa.")
    check_fresh(unit, expected_version, UnitError, STALE_UNIT_MESSAGE)
    if "code" in fields and Unit.objects.filter(code=fields["code"]).exclude(pk=unit.pk).exists():
        raise UnitError("Mã đơn vị đã được dùng cho một đơn vị khác.")
    set_fields(unit, fields)
    unit._change_reason = "Sửa thông tin đơn vị"
    unit.save()
    return unit


@transaction.atomic
def move_unit(*, unit: Unit, new_parent: Unit, by) -> Unit:
    """Re-parent `unit` (with its subtree) under `new_parent`."""
    unit = _locked(unit)
    new_parent = _locked(new_parent)
    if not permissions.can_move_unit(by, unit) or not permissions.can_add_child(by, new_parent):
        raise UnitError("Bạn không có quyền chuyển đơn vị này tới đơn vị cấp trên đã chọn.")
    _check_open(unit, "Đơn vị đã giải thể nên không thể chuyển.")
    if not new_parent.is_open_on():
        raise UnitError("Đơn vị cấp trên mới chưa có hiệu lực hoặc đã có quyết định giải thể.")
    if new_parent.path.startswith(unit.path):
        raise UnitError("Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó.")
    old_parent = Unit.objects.get_parent(unit)
    if old_parent and old_parent.pk == new_parent.pk:
        raise UnitError("Đơn vị đã trực thuộc đơn vị này.")
    if unit.unit_type not in new_parent.allowed_child_types():
        raise UnitError(
            f"Không thể đặt {unit.get_unit_type_display()} trực thuộc {new_parent.get_unit_type_display()}."
        )
    Unit.objects.move(unit, new_parent, pos="last-child")
    unit = Unit.objects.get(pk=unit.pk)
    _log(unit, by, f"Chuyển đơn vị: từ “{old_parent}” sang “{new_parent}”")
    return unit


@transaction.atomic
def dissolve_unit(*, unit: Unit, by, on: datetime.date, successor: Unit | None = None) -> Unit:
    """Mark a unit (and its open subtree) dissolved from `on`; nothing is deleted."""
    unit = _locked(unit)
    if not permissions.can_move_unit(by, unit):
        raise UnitError("Bạn không có quyền giải thể đơn vị này.")
    if unit.is_closing:
        raise UnitError(f"Đơn vị đã có quyết định giải thể từ ngày {unit.valid_to:%d/%m/%Y}.")
    if blockers := dissolve_blockers(unit):
        raise UnitError(" ".join(blockers))
    if successor is not None and (successor.pk == unit.pk or successor.path.startswith(unit.path)):
        raise UnitError("Đơn vị kế thừa phải là một đơn vị khác, không trực thuộc đơn vị bị giải thể.")
    if unit.valid_from and on < unit.valid_from:
        raise UnitError("Ngày giải thể phải sau ngày đơn vị bắt đầu hiệu lực.")
    for node in Unit.objects.descendants_of(unit, include_self=True).filter(valid_to__isnull=True):
        node.valid_to = on
        if node.pk == unit.pk:
            node.successor = successor
        node._change_reason = "Giải thể đơn vị" if node.pk == unit.pk else f"Giải thể theo đơn vị cấp trên “{unit}”"
        node.save()
    return Unit.objects.get(pk=unit.pk)


@transaction.atomic
def create_term(*, unit: Unit, by, name: str, start_year: int, end_year: int) -> Term:
    """Record a term of office on the root of a tree."""
    if unit.depth != 1 or not permissions.can_manage_unit(by, unit):
        raise UnitError("Chỉ Ban Thường vụ cấp tỉnh ghi nhận nhiệm kỳ của toàn hệ thống.")
    if end_year <= start_year:
        raise UnitError("Năm kết thúc phải sau năm bắt đầu.")
    if Term.objects.filter(unit=unit, start_year=start_year).exists():
        raise UnitError("Đã có nhiệm kỳ bắt đầu từ năm này.")
    try:
        with transaction.atomic():
            return Term.objects.create(unit=unit, name=name, start_year=start_year, end_year=end_year)
    except IntegrityError:
        raise UnitError("Đã có nhiệm kỳ bắt đầu từ năm này.") from None


@transaction.atomic
def create_account(
    *, unit: Unit, by, username: str, full_name: str, email: str, password: str, role: str, current_secretary=None
):
    """Create a user holding `role` on `unit`, by an officer of a unit above it.

    A second secretary for a unit needs `current_secretary`: END_TERM revokes the sitting one's role, KEEP_BOTH
    confirms that the unit has two for a while.
    """
    if not permissions.can_manage_accounts(by, unit):
        raise AccountError("Bạn không có quyền tạo tài khoản cho đơn vị này.")
    if unit.is_dissolved():
        raise AccountError("Đơn vị đã giải thể, không tạo thêm tài khoản.")
    if unit.unit_type not in ROLE_UNIT_TYPES[role]:
        raise AccountError(f"Vai trò “{Role(role).label}” không áp dụng cho {unit.get_unit_type_display()}.")
    if not permissions.can_administer_role(by, unit, role):
        raise AccountError(f"Chỉ quản trị hệ thống mới tạo được tài khoản “{Role(role).label}”.")
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=username).exists():
        raise AccountError("Tên đăng nhập đã có người dùng.")
    family, _, given = full_name.strip().rpartition(" ")
    try:
        user = user_model.objects.create_user(
            username=username, email=email, password=password, first_name=given, last_name=family
        )
    except IntegrityError:
        raise AccountError("Tên đăng nhập đã có người dùng.") from None
    if role == Role.GRASSROOTS_SECRETARY:
        _settle_current_secretary(unit, by, current_secretary)
    RoleAssignment.objects.create(user=user, unit=unit, role=role, created_by=by)
    return user


def _settle_current_secretary(unit: Unit, by, choice) -> None:
    sitting = RoleAssignment.objects.select_for_update().filter(
        unit=unit, role=Role.GRASSROOTS_SECRETARY, is_active=True
    )
    if not sitting.exists() or choice == KEEP_BOTH:
        return
    if choice != END_TERM:
        raise AccountError("Đơn vị đã có Bí thư: chọn kết thúc nhiệm kỳ của người đó hoặc giữ cả hai.")
    for assignment in sitting:
        revoke_role(assignment=assignment, by=by)


@transaction.atomic
def revoke_role(*, assignment: RoleAssignment, by) -> RoleAssignment:
    """Switch a role assignment off (kept for the history)."""
    if assignment.user_id == by.pk or not permissions.can_administer_role(by, assignment.unit, assignment.role):
        raise AccountError("Bạn không thể thu hồi quyền này.")
    assignment.is_active = False
    assignment.save()
    return assignment


@transaction.atomic
@transaction.atomic
def restore_role(*, assignment: RoleAssignment, by) -> RoleAssignment:
    """Switch a revoked role assignment back on."""
    if not permissions.can_administer_role(by, assignment.unit, assignment.role):
        raise AccountError("Bạn không thể khôi phục quyền này.")
    if assignment.unit.is_closing:
        raise AccountError("Đơn vị đã có quyết định giải thể, không khôi phục quyền.")
    assignment.is_active = True
    assignment.save()
    return assignment


@transaction.atomic
def reset_password(*, user, by, new_password: str) -> None:
    """An officer sets a new password for an account of a unit below them; the history records who did it."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    assignments = list(RoleAssignment.objects.filter(user=user).select_related("unit"))
    if not permissions.can_administer_user(by, user, assignments):
        raise AccountError("Bạn không thể đặt lại mật khẩu của tài khoản này.")
    user.set_password(new_password)
    user._change_reason = f"Đặt lại mật khẩu (bởi {by.username})"
    user._history_user = by
    user.save()


def _log(unit: Unit, by, reason: str) -> None:
    """Write a history row for a change made by treebeard's raw updates (a move)."""
    unit._change_reason = reason
    unit._history_user = by
    unit.save()
