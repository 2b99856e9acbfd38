"""Who may read and act on the yearly cycle. Predicates answer yes/no; accessors answer 404 or 403.

Reading follows the tree (a role covers its unit's subtree). The unit's own secretary and officers fill in its
forms; its reviewing superior (and the units above it, and the province) accept, review and return them.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from branches.models import Unit
from branches.permissions import PROVINCE_ROLES, SUPERIOR_ROLES, can_review_unit, holds_role

from .models import Answer, Assessment, Attachment, Campaign


def can_manage_campaigns(user, organiser: Unit) -> bool:
    """Open, change and close the years of a province: its committee and the system administrators."""
    return user.is_active and (user.is_superuser or holds_role(user, organiser, PROVINCE_ROLES))


def can_see_calibration(user, organiser: Unit) -> bool:
    """The province compares its districts' reviewers."""
    return can_manage_campaigns(user, organiser)


def get_campaign_for_user(user, pk, *, manage=False) -> Campaign:
    try:
        campaign = Campaign.objects.visible_to(user).select_related("organiser", "criteria_set").get(pk=pk)
    except (Campaign.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy năm đánh giá.") from None
    if manage and not can_manage_campaigns(user, campaign.organiser):
        raise PermissionDenied("Chỉ Ban Tổ chức – Kiểm tra Tỉnh đoàn được thay đổi năm đánh giá.")
    return campaign


def get_form_unit_for_user(user, campaign: Campaign, unit_pk) -> Unit:
    """A grassroots unit of the campaign's tree in the user's scope (404 for anything else)."""
    try:
        unit = Unit.objects.visible_to(user).get(pk=unit_pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị.") from None
    if not unit.is_grassroots or not unit.path.startswith(campaign.organiser.path):
        raise Http404("Không tìm thấy đơn vị.")
    return unit


def get_assessment_for_user(user, pk, *, review=False) -> Assessment:
    """A sheet of a unit in the user's scope (404 otherwise); with review=True, 403 unless the user reviews it."""
    try:
        assessment = Assessment.objects.visible_to(user).select_related("campaign__criteria_set", "unit").get(pk=pk)
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy phiếu đánh giá.") from None
    if review and not can_review_unit(user, assessment.unit):
        raise PermissionDenied("Bạn không có quyền thẩm định đơn vị này.")
    return assessment


def get_answer_for_user(user, pk) -> Answer:
    try:
        return (
            Answer.objects.filter(assessment__in=Assessment.objects.visible_to(user))
            .select_related("assessment__campaign", "assessment__unit")
            .get(pk=pk)
        )
    except (Answer.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy tiêu chí.") from None


def get_attachment_for_user(user, pk) -> Attachment:
    try:
        return (
            Attachment.objects.visible_to(user)
            .current()
            .select_related("answer__assessment__campaign", "answer__assessment__unit")
            .get(pk=pk)
        )
    except (Attachment.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy tệp minh chứng.") from None


def can_review_subtree(user, unit: Unit) -> bool:
    """An officer of a superior unit (or of a unit above it, or the province) follows the reviews below it."""
    if not unit.is_superior_type:
        return False
    return user.is_superuser or holds_role(user, unit, SUPERIOR_ROLES)
