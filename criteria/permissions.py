"""Who may read and change criteria sets and local items. Predicates answer yes/no; accessors 404 or 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from branches.models import SUPERIOR_TYPES, Unit, UnitType, user_assignments
from branches.permissions import PROVINCE_ROLES, SUPERIOR_ROLES, holds_role

from .models import CriteriaItem, CriteriaSet, LocalItem

LOCAL_ITEM_UNIT_TYPES = SUPERIOR_TYPES - {UnitType.PROVINCE}


def can_edit_criteria(user) -> bool:
    """The provincial committee (and system administrators) edit drafts, publish, copy and archive sets."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(
        a.role in PROVINCE_ROLES and a.unit.unit_type == UnitType.PROVINCE for a in user_assignments(user)
    )


def can_view_set(user, criteria_set: CriteriaSet) -> bool:
    """Every signed-in user reads published and archived sets; drafts only for those who edit them."""
    if not user.is_authenticated or not user.is_active:
        return False
    return not criteria_set.is_draft or can_edit_criteria(user)


def can_manage_local_items(user, unit: Unit) -> bool:
    """Add local items for a superior unit's grassroots units: its officers (or above it) and the province."""
    if not user.is_authenticated or not user.is_active or unit.unit_type not in LOCAL_ITEM_UNIT_TYPES:
        return False
    if unit.is_dissolved():
        return False
    return user.is_superuser or holds_role(user, unit, SUPERIOR_ROLES)


def get_set_for_user(user, pk, *, edit=False) -> CriteriaSet:
    """The set with `pk` if the user may read it (404 otherwise, drafts included); with edit=True, 403 if read-only."""
    try:
        criteria_set = CriteriaSet.objects.get(pk=pk)
    except (CriteriaSet.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy bộ tiêu chí.") from None
    if not can_view_set(user, criteria_set):
        raise Http404("Không tìm thấy bộ tiêu chí.")
    if edit and not can_edit_criteria(user):
        raise PermissionDenied("Chỉ Ban Tổ chức – Kiểm tra Tỉnh đoàn được sửa bộ tiêu chí.")
    return criteria_set


def get_item_for_user(user, pk, *, edit=False) -> CriteriaItem:
    try:
        # mutmut: dropping a select_related name is equivalent (it saves queries; no answer changes)
        item = CriteriaItem.objects.select_related("group__criteria_set").get(pk=pk)
    except (CriteriaItem.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy tiêu chí.") from None
    if not can_view_set(user, item.group.criteria_set):
        raise Http404("Không tìm thấy tiêu chí.")
    if edit and not can_edit_criteria(user):
        raise PermissionDenied("Chỉ Ban Tổ chức – Kiểm tra Tỉnh đoàn được sửa bộ tiêu chí.")
    return item


def get_local_item_for_user(user, pk, *, manage=False) -> LocalItem:
    """A local item of a unit inside the user's scope (404 otherwise); with manage=True, 403 if read-only."""
    try:
        # mutmut: dropping a select_related name is equivalent (it saves queries; no answer changes)
        item = LocalItem.objects.visible_to(user).select_related("unit").get(pk=pk)
    except (LocalItem.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy tiêu chí địa phương.") from None
    if manage and not can_manage_local_items(user, item.unit):
        raise PermissionDenied("Bạn không có quyền sửa tiêu chí địa phương của đơn vị này.")
    return item
