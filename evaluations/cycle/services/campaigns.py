"""Steps of the year itself: open, change, close and reopen it, and extend a unit's deadline; the checks every
step of the cycle shares (the year is open, the record is fresh, the deadline is not past)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from branches.models import Unit
from branches.permissions import can_review_unit
from branches.templatetags.units import display_name
from common.locking import is_stale
from common.workflow import set_fields, transition
from criteria.services import set_in_force
from evaluations.errors import EvaluationError

from .. import deadlines, permissions
from ..models import (
    Campaign,
    CampaignStatus,
    DeadlineExtension,
    FormStatus,
    Stage,
)
from ..workflow import CLOSED_MESSAGE

STALE_MESSAGE = "{what} vừa được {who} lưu. Nội dung bạn nhập vẫn còn; hãy xem lại rồi lưu lần nữa."
STALE_OWN_MESSAGE = (
    "{what} vừa được lưu từ một thẻ hoặc thiết bị khác của chính bạn. Nội dung bạn nhập vẫn còn; hãy xem lại rồi lưu "
    "lần nữa."
)


class StaleError(EvaluationError):
    """Someone saved the same record after the user loaded it; `current` is what is saved now."""

    def __init__(self, message, current=None):
        super().__init__(message)
        self.current = current


def _check_fresh(record, token, what: str, *, by) -> None:
    if is_stale(record, token):
        raise StaleError(_stale_message(record, what, by), current=record)


def _stale_message(record, what: str, by) -> str:
    # Who made the save the user missed, from the record's history: the same user in another tab is no "someone else".
    last = record.history.select_related("history_user").first()
    saver = last.history_user if last else None
    if saver is not None and saver.pk == by.pk:
        return STALE_OWN_MESSAGE.format(what=what)
    return STALE_MESSAGE.format(what=what, who=display_name(saver) if saver else "người khác")


def _check_open(campaign: Campaign) -> None:
    if not campaign.is_open:
        raise EvaluationError(CLOSED_MESSAGE.format(year=campaign.year))


# --- campaigns ----------------------------------------------------------------------------------------------


@transaction.atomic
def open_campaign(*, organiser: Unit, year: int, by, registration_due, self_assessment_due, review_due) -> Campaign:
    """Open a year on the criteria set in force for it."""
    if not permissions.can_manage_campaigns(by, organiser):
        raise EvaluationError("Chỉ Ban Tổ chức – Kiểm tra Tỉnh đoàn được mở năm đánh giá.")
    criteria_set = set_in_force(year)
    if criteria_set is None:
        raise EvaluationError(f"Năm {year} chưa có bộ tiêu chí nào đã công bố; hãy công bố bộ tiêu chí trước.")
    _check_deadline_order(registration_due, self_assessment_due, review_due)
    if Campaign.objects.filter(organiser=organiser, year=year).exists():
        raise EvaluationError(f"Năm {year} đã được mở.")
    campaign = Campaign(
        organiser=organiser,
        year=year,
        criteria_set=criteria_set,
        registration_due=registration_due,
        self_assessment_due=self_assessment_due,
        review_due=review_due,
        created_by=by,
    )
    campaign._change_reason = "Mở năm đánh giá"
    campaign._history_user = by
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError:
        raise EvaluationError(f"Năm {year} đã được mở.") from None
    return campaign


def _check_deadline_order(registration_due, self_assessment_due, review_due) -> None:
    if not registration_due <= self_assessment_due <= review_due:
        raise EvaluationError("Các hạn phải theo thứ tự: đăng ký, rồi tự đánh giá, rồi thẩm định.")


@transaction.atomic
def update_campaign(*, campaign: Campaign, by, expected_version=None, **dates) -> Campaign:
    """Change a year's deadlines."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not permissions.can_manage_campaigns(by, campaign.organiser):
        raise EvaluationError("Chỉ Ban Tổ chức – Kiểm tra Tỉnh đoàn được sửa năm đánh giá.")
    _check_open(campaign)
    _check_fresh(campaign, expected_version, f"Năm đánh giá {campaign.year}", by=by)
    set_fields(campaign, dates)
    _check_deadline_order(campaign.registration_due, campaign.self_assessment_due, campaign.review_due)
    campaign._change_reason = "Sửa hạn"
    campaign._history_user = by
    campaign.save()
    return campaign


def close_campaign(*, campaign: Campaign, by) -> Campaign:
    """Close a year: every form of it becomes read-only."""
    return transition(obj=campaign, to=CampaignStatus.CLOSED, by=by)


def reopen_campaign(*, campaign: Campaign, by, reason: str) -> Campaign:
    return transition(obj=campaign, to=CampaignStatus.OPEN, by=by, reason=reason)


@transaction.atomic
def extend_deadline(*, campaign: Campaign, unit: Unit, stage: str, due_date, reason: str, by) -> DeadlineExtension:
    """The direct superior gives one unit a later deadline for one stage, with a reason."""
    if not can_review_unit(by, unit):
        raise EvaluationError("Chỉ đơn vị cấp trên trực tiếp được gia hạn cho đơn vị này.")
    _check_open(campaign)
    if not reason.strip():
        raise EvaluationError("Hãy ghi lý do gia hạn.")
    if due_date <= campaign.due(stage):
        raise EvaluationError(f"Hạn mới phải sau hạn chung ({campaign.due(stage):%d/%m/%Y}).")
    extension, _ = DeadlineExtension.objects.select_for_update().get_or_create(
        campaign=campaign, unit=unit, stage=stage, defaults={"due_date": due_date, "reason": "", "granted_by": by}
    )
    extension.due_date, extension.reason, extension.granted_by = due_date, reason.strip(), by
    extension._change_reason = "Gia hạn"
    extension._history_user = by
    extension.save()
    return extension


def unit_due(campaign: Campaign, unit: Unit, stage: str, extensions=None) -> datetime.date:
    """The deadline of `stage` for `unit`: the campaign's or its extension. `extensions` ({(unit_id, stage): date})
    spares a query per unit in lists."""
    if extensions is None:
        extension = DeadlineExtension.objects.filter(campaign=campaign, unit=unit, stage=stage).first()
        extended = extension.due_date if extension else None
    else:
        extended = extensions.get((unit.pk, stage))
    return deadlines.effective_due(campaign.due(stage), extended)


def extension_map(campaign: Campaign, units=None) -> dict:
    rows = DeadlineExtension.objects.filter(campaign=campaign)
    if units is not None:
        rows = rows.filter(unit__in=units)
    return {(row.unit_id, row.stage): row.due_date for row in rows}


def _check_deadline(form, stage: str, today: datetime.date) -> None:
    due = unit_due(form.campaign, form.unit, stage)
    returned_on = _last_returned_on(form) if form.status == FormStatus.RETURNED else None
    if not deadlines.may_submit(due, today, returned_on=returned_on):
        raise EvaluationError(
            f"Đã quá hạn {Stage(stage).label.lower()} ({due:%d/%m/%Y}). "
            "Hãy đề nghị đơn vị cấp trên trực tiếp gia hạn cho đơn vị."
        )


def _last_returned_on(form) -> datetime.date | None:
    from common.workflow import events_for

    event = events_for(form).filter(to_status=FormStatus.RETURNED).order_by("-created_at").first()
    return timezone.localdate(event.created_at) if event else None
