"""Who may read and record inspections. Predicates answer yes/no; accessors answer 404 or 403.

Reading follows the tree: an inspection is read by whoever sees the inspected unit (the unit itself, its
superiors, the province). Recording and editing belong to the inspecting side: an officer of a superior unit
above the inspected unit, for that unit (a district-level unit for its own grassroots units), or the province
committee anywhere in its tree. The follow-up is also recorded by the inspected unit's secretary and officers.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from branches.models import Unit
from branches.permissions import SUPERIOR_ROLES, can_edit_unit_forms, holds_role

from .models import Inspection, InspectionAttachment


def can_inspect_for(user, inspecting_unit: Unit) -> bool:
    """Act for `inspecting_unit` (a superior unit): its officers, or the province committee above it."""
    if not inspecting_unit.is_superior_type:
        return False
    return user.is_active and (user.is_superuser or holds_role(user, inspecting_unit, SUPERIOR_ROLES))


def inspecting_units(user, unit: Unit) -> list[Unit]:
    """The superior units above grassroots `unit` that the user may record an inspection for, nearest first."""
    if not unit.is_grassroots:
        return []
    return [a for a in reversed(unit.ancestors()) if can_inspect_for(user, a)]


def can_record_inspection(user, unit: Unit) -> bool:
    return bool(inspecting_units(user, unit))


def can_edit_inspection(user, inspection: Inspection) -> bool:
    """Change, archive or restore a record: whoever may act for its inspecting unit."""
    return can_inspect_for(user, inspection.inspecting_unit)


def can_follow_up(user, inspection: Inspection) -> bool:
    """Record what was done about the recommendations: the inspecting side or the inspected unit itself."""
    if inspection.archived_at is not None or not inspection.recommendations.strip():
        return False
    return can_edit_inspection(user, inspection) or can_edit_unit_forms(user, inspection.inspected_unit)


def can_plan_inspections(user, unit: Unit) -> bool:
    """See which units below a superior unit are still to be inspected: its officers and the province."""
    return unit.is_superior_type and can_inspect_for(user, unit)


def get_inspection_for_user(user, pk, *, edit=False) -> Inspection:
    """An inspection of a unit in the user's scope (404 otherwise); with edit=True, 403 unless the user edits it."""
    try:
        inspection = (
            Inspection.objects.visible_to(user)
            .select_related("inspected_unit", "inspecting_unit", "created_by")
            .get(pk=pk)
        )
    except (Inspection.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy biên bản kiểm tra.") from None
    if edit and not can_edit_inspection(user, inspection):
        raise PermissionDenied("Chỉ đơn vị đã kiểm tra được sửa biên bản này.")
    return inspection


def get_inspection_attachment_for_user(user, pk) -> InspectionAttachment:
    try:
        return (
            InspectionAttachment.objects.visible_to(user)
            .current()
            .select_related("inspection__inspected_unit", "inspection__inspecting_unit")
            .get(pk=pk)
        )
    except (InspectionAttachment.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy tệp.") from None


def get_inspected_unit_for_user(user, pk) -> Unit:
    """A unit in the user's scope (404 otherwise), which must be grassroots to be inspected (404 for others)."""
    try:
        unit = Unit.objects.visible_to(user).get(pk=pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị.") from None
    if not unit.is_grassroots:
        raise Http404("Chỉ kiểm tra đoàn cơ sở, chi đoàn cơ sở.")
    return unit
