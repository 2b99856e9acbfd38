"""Who may read and act on the yearly cycle. Predicates answer yes/no; accessors answer 404 or 403.

Reading follows the tree (a role covers its unit's subtree). The unit's own secretary and officers fill in its
forms; its reviewing superior (and the units above it, and the province) accept, review and return them.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from branches.models import SUPERIOR_TYPES, Role, Unit
from branches.permissions import PROVINCE_ROLES, SUPERIOR_ROLES, can_review_unit, holds_role

from .models import Answer, Assessment, Attachment, Campaign, RecognitionDecision


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


def can_issue_decisions(user, unit: Unit) -> bool:
    """Issue a unit's decisions (recognition, commendation): the province's committee for the province, the
    unit's own superior officers for a district-level unit."""
    if user is None or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if unit.depth == 1:
        return holds_role(user, unit, PROVINCE_ROLES)
    return holds_role(user, unit, {Role.SUPERIOR_OFFICER})


def get_reviewing_unit_for_user(user, campaign: Campaign, pk, *, issue=False) -> Unit:
    """A reviewing unit of the campaign's tree that the user sees (404 for anything else, a sibling's included);
    with issue=True, 403 unless the user issues its decisions."""
    try:
        unit = Unit.objects.visible_to(user).filter(unit_type__in=SUPERIOR_TYPES).get(pk=pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị.") from None
    if not unit.path.startswith(campaign.organiser.path):
        raise Http404("Không tìm thấy đơn vị.")
    if issue and not can_issue_decisions(user, unit):
        raise PermissionDenied("Chỉ Ban Thường vụ của đơn vị được ban hành quyết định công nhận.")
    return unit


def get_recognition_for_user(user, pk) -> RecognitionDecision:
    """A recognition decision of an issuer in the user's scope (404 otherwise, another district's included)."""
    try:
        return RecognitionDecision.objects.visible_to(user).select_related("campaign", "issuer").get(pk=pk)
    except (RecognitionDecision.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy quyết định công nhận.") from None
