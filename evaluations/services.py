"""Steps of the yearly cycle. Each is one transaction: lock, check, save, log; status changes via `transition`."""

import datetime
import functools
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from branches.models import Unit
from common.workflow import transition
from criteria.scoring import GroupSpec, ItemSpec, ScoreResult, SetSpec, score_set, validate_points
from criteria.services import set_in_force, version_token
from criteria.specs import load_set, set_spec, spec_for_unit

from . import deadlines, permissions
from .models import (
    TARGET_FIELDS,
    Answer,
    Assessment,
    Attachment,
    Campaign,
    CampaignStatus,
    DeadlineExtension,
    FormStatus,
    Registration,
    RegistrationEntry,
    Stage,
)
from .uploads import store_upload
from .workflow import EvaluationError

STALE_MESSAGE = "{what} vừa được người khác lưu. Nội dung bạn nhập vẫn còn; hãy xem lại rồi lưu lần nữa."
CLOSED_MESSAGE = "Năm đánh giá {year} đã khóa sổ; mọi phiếu chỉ còn để xem."


class StaleError(EvaluationError):
    """Someone saved the same record after the user loaded it; `current` is what is saved now."""

    def __init__(self, message, current=None):
        super().__init__(message)
        self.current = current


def _check_fresh(record, token, what: str) -> None:
    if token is not None and token != version_token(record):
        raise StaleError(STALE_MESSAGE.format(what=what), current=record)


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
    _check_fresh(campaign, expected_version, f"Năm đánh giá {campaign.year}")
    for name, value in dates.items():
        setattr(campaign, name, value)
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
    if not permissions.can_review(by, unit):
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


# --- registration -------------------------------------------------------------------------------------------


@transaction.atomic
def start_registration(*, campaign: Campaign, unit: Unit, by) -> Registration:
    """The unit's registration for the year, created as a draft on first opening by its secretary or officers."""
    existing = Registration.objects.filter(campaign=campaign, unit=unit).first()
    if existing is not None:
        return existing
    if not permissions.can_fill_forms(by, unit):
        raise EvaluationError("Chỉ bí thư, cán bộ của đơn vị được lập bản đăng ký.")
    _check_open(campaign)
    registration = Registration(campaign=campaign, unit=unit, created_by=by)
    registration._change_reason = "Lập bản đăng ký"
    registration._history_user = by
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:  # a double click or a second officer: both get the one registration
        return Registration.objects.get(campaign=campaign, unit=unit)
    return registration


def _locked_registration(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update(of=("self",)).select_related("campaign", "unit").get(pk=registration.pk)
    )


@transaction.atomic
def save_registration(
    *, registration: Registration, by, targets: dict, focus: str, entries: dict, expected_version=None
) -> Registration:
    """Save a draft (or a returned form): targets, focus, and {(group, item code): {commitment, solutions, roadmap}}.

    Saving never submits; it may be done at any time while the form is the unit's to edit.
    """
    registration = _locked_registration(registration)
    if not permissions.can_fill_forms(by, registration.unit):
        raise EvaluationError("Bạn không có quyền sửa bản đăng ký của đơn vị này.")
    _check_open(registration.campaign)
    if not registration.is_editable:
        raise EvaluationError(
            "Bản đăng ký đã nộp hoặc đã được chấp nhận nên không sửa được; cần cấp trên trả lại hoặc mở lại."
        )
    _check_fresh(registration, expected_version, "Bản đăng ký")
    for name in TARGET_FIELDS:
        setattr(registration, name, targets.get(name))
    registration.focus = focus.strip()
    registration._change_reason = "Lưu bản đăng ký"
    registration._history_user = by
    registration.save()
    current = {(e.group_number, e.item_code): e for e in registration.entries.all()}
    for (group_number, item_code), texts in entries.items():
        entry = current.get((group_number, item_code)) or RegistrationEntry(
            registration=registration, group_number=group_number, item_code=item_code
        )
        texts = {name: (texts.get(name) or "").strip() for name in ("commitment", "solutions", "roadmap")}
        if entry.pk is None and not any(texts.values()):
            continue
        if entry.pk is not None and all(getattr(entry, name) == value for name, value in texts.items()):
            continue
        for name, value in texts.items():
            setattr(entry, name, value)
        entry._change_reason = "Lưu bản đăng ký"
        entry._history_user = by
        entry.save()
    return registration


def registration_gaps(registration: Registration) -> list[str]:
    """What a registration lacks before it can be sent: a commitment for each of the three groups."""
    filled = {e.group_number for e in registration.entries.all() if e.commitment.strip()}
    return [f"Nhóm {number}: chưa ghi nội dung đăng ký." for number in (1, 2, 3) if number not in filled]


def submit_registration(*, registration: Registration, by, today: datetime.date) -> Registration:
    """Send the registration to the direct superior."""

    def check(locked):
        _check_deadline(locked, Stage.REGISTRATION, today)
        gaps = registration_gaps(locked)
        if gaps:
            raise EvaluationError("Chưa nộp được: " + " ".join(gaps))

    return transition(
        obj=registration, to=FormStatus.SUBMITTED, by=by, prepare=check, fields={"submitted_at": timezone.now()}
    )


def return_registration(*, registration: Registration, by, reason: str) -> Registration:
    """The superior sends the registration back (or reopens an accepted one) with a reason."""
    return transition(
        obj=registration,
        to=FormStatus.RETURNED,
        by=by,
        reason=reason,
        fields={"decided_by": by, "decided_at": timezone.now()},
    )


def accept_registration(*, registration: Registration, by) -> Registration:
    return transition(
        obj=registration, to=FormStatus.ACCEPTED, by=by, fields={"decided_by": by, "decided_at": timezone.now()}
    )


# --- self-assessment ----------------------------------------------------------------------------------------


def unit_spec(campaign: Campaign, unit: Unit) -> SetSpec:
    """The set the unit is scored on: the campaign's criteria plus its reviewing superior's local items."""
    return spec_for_unit(load_set(campaign.criteria_set_id), unit, campaign.year)


@transaction.atomic
def start_assessment(*, campaign: Campaign, unit: Unit, by) -> Assessment:
    """The unit's sheet for the year, made on first opening by its secretary or officers, one answer per item."""
    existing = Assessment.objects.filter(campaign=campaign, unit=unit).first()
    if existing is not None:
        if existing.is_editable:
            _add_missing_answers(existing)
        return existing
    if not permissions.can_fill_forms(by, unit):
        raise EvaluationError("Chỉ bí thư, cán bộ của đơn vị được lập bản tự đánh giá.")
    _check_open(campaign)
    assessment = Assessment(campaign=campaign, unit=unit)
    assessment._change_reason = "Lập bản tự đánh giá"
    assessment._history_user = by
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError:
        return Assessment.objects.get(campaign=campaign, unit=unit)
    _add_missing_answers(assessment)
    return assessment


def _add_missing_answers(assessment: Assessment) -> None:
    """Answers for items the sheet does not have yet (a local item added after the sheet was made)."""
    spec = unit_spec(assessment.campaign, assessment.unit)
    have = set(assessment.answers.values_list("item_code", flat=True))
    position = 0
    new = []
    for group in spec.groups:
        for item in group.items:
            position += 1
            if item.code not in have:
                new.append(
                    Answer(
                        assessment=assessment,
                        position=position,
                        group_number=group.number,
                        item_code=item.code,
                        is_local=item.is_local,
                        kind=item.kind,
                        max_points=item.max_points,
                    )
                )
    if new:
        Answer.objects.bulk_create(new)


def _points(answer: Answer, value) -> tuple[Decimal | None, bool | None]:
    """(points, check) for a value typed in the sheet; raises EvaluationError with the item's rule."""
    if answer.is_check:
        if value in (None, ""):
            return None, None
        if value in (True, "true", "1", "dat"):
            return None, True
        if value in (False, "false", "0", "khong_dat"):
            return None, False
        raise EvaluationError(f"Tiêu chí {answer.item_code}: chọn đạt hoặc không đạt.")
    if value in (None, ""):
        return None, None
    text = str(value).strip().replace(",", ".")
    error = validate_points(text, answer.max_points)
    if error:
        raise EvaluationError(f"Tiêu chí {answer.item_code}: {error}")
    return Decimal(text), None


def _locked_answer(answer: Answer) -> Answer:
    return (
        Answer.objects.select_for_update(of=("self",))
        .select_related("assessment__campaign__criteria_set", "assessment__unit")
        .get(pk=answer.pk)
    )


@transaction.atomic
def save_self_answer(*, answer: Answer, by, value, evidence: str | None = None, expected_version=None) -> Answer:
    """Save the unit's score and evidence note for one item (the sheet's autosave)."""
    answer = _locked_answer(answer)
    assessment = answer.assessment
    if not permissions.can_fill_forms(by, assessment.unit):
        raise EvaluationError("Bạn không có quyền sửa bản tự đánh giá của đơn vị này.")
    _check_open(assessment.campaign)
    if not assessment.is_editable:
        raise EvaluationError("Bản tự đánh giá đã nộp nên không sửa được; cần cấp trên trả lại.")
    _check_fresh(answer, expected_version, f"Tiêu chí {answer.item_code}")
    answer.self_points, answer.self_check = _points(answer, value)
    if evidence is not None:
        answer.evidence = evidence.strip()
    answer._change_reason = "Tự chấm"
    answer._history_user = by
    answer.save()
    return answer


@transaction.atomic
def add_attachment(*, answer: Answer, by, uploaded) -> Attachment:
    """Store an evidence file of one item after checking its content type and size (per file and per sheet)."""
    answer = _locked_answer(answer)
    assessment = answer.assessment
    if not permissions.can_fill_forms(by, assessment.unit):
        raise EvaluationError("Bạn không có quyền thêm minh chứng cho đơn vị này.")
    _check_open(assessment.campaign)
    if not assessment.is_editable:
        raise EvaluationError("Bản tự đánh giá đã nộp nên không thêm minh chứng được.")
    used = sum(Attachment.objects.current().filter(answer__assessment=assessment).values_list("size", flat=True))
    return store_upload(Attachment(answer=answer), uploaded, used_bytes=used, by=by, reason="Thêm minh chứng")


@transaction.atomic
def remove_attachment(*, attachment: Attachment, by) -> Attachment:
    """Take an evidence file off the sheet; the stored file and the row are kept (history)."""
    attachment = (
        Attachment.objects.select_for_update(of=("self",))
        .select_related("answer__assessment__campaign", "answer__assessment__unit")
        .get(pk=attachment.pk)
    )
    assessment = attachment.answer.assessment
    if not permissions.can_fill_forms(by, assessment.unit):
        raise EvaluationError("Bạn không có quyền gỡ minh chứng của đơn vị này.")
    if not assessment.is_editable:
        raise EvaluationError("Bản tự đánh giá đã nộp nên không gỡ minh chứng được.")
    attachment.removed_at = timezone.now()
    attachment._change_reason = "Gỡ minh chứng"
    attachment._history_user = by
    attachment.save()
    return attachment


@functools.lru_cache(maxsize=16)
def _published_spec(set_id: int, published_at) -> SetSpec:
    # A published set never changes (criteria.services refuses every edit), so its spec is read once per process;
    # the publication time in the key keeps a re-used id of another set from hitting an old entry.
    return set_spec(load_set(set_id))


def _set_spec_of(campaign: Campaign) -> SetSpec:
    criteria_set = campaign.criteria_set
    if criteria_set.published_at is None:
        return set_spec(load_set(criteria_set.pk))
    return _published_spec(criteria_set.pk, criteria_set.published_at)


def sheet_spec(assessment: Assessment, answers) -> SetSpec:
    """The spec of a sheet as it was made: the set's groups and levels, with the items its answers copied."""
    base = _set_spec_of(assessment.campaign)
    by_group: dict[int, list[ItemSpec]] = {}
    for answer in answers:
        by_group.setdefault(answer.group_number, []).append(
            ItemSpec(code=answer.item_code, max_points=answer.max_points, kind=answer.kind, is_local=answer.is_local)
        )
    groups = tuple(
        GroupSpec(number=g.number, title=g.title, max_points=g.max_points, items=tuple(by_group.get(g.number, ())))
        for g in base.groups
    )
    return SetSpec(max_total=base.max_total, groups=groups, levels=base.levels)


def sheet_result(assessment: Assessment, answers, *, side: str) -> ScoreResult:
    """score_set on the unit's scores (side="self") or the reviewer's (side="review")."""
    answers = list(answers)
    attribute = "self_value" if side == "self" else "review_value"
    return score_set(sheet_spec(assessment, answers), {a.item_code: getattr(a, attribute) for a in answers})


def submit_assessment(*, assessment: Assessment, by, today: datetime.date) -> Assessment:
    """Send the self-assessment for review; every item must be scored (the message names the missing ones)."""
    answers = list(assessment.answers.all())

    def check(locked):
        _check_deadline(locked, Stage.SELF_ASSESSMENT, today)
        missing = [a.item_code for a in answers if a.self_value is None]
        if missing:
            raise EvaluationError(f"Còn {len(missing)} tiêu chí chưa chấm: {', '.join(missing)}.")

    result = sheet_result(assessment, answers, side="self")
    return transition(
        obj=assessment,
        to=FormStatus.SUBMITTED,
        by=by,
        prepare=check,
        fields={"submitted_at": timezone.now(), "self_total": result.total, "max_total": result.max_total},
    )


# --- review -------------------------------------------------------------------------------------------------


@transaction.atomic
def save_review_answer(*, answer: Answer, by, value, comment: str | None = None, expected_version=None) -> Answer:
    """The reviewer's score and comment for one item (autosaved like the unit's)."""
    answer = _locked_answer(answer)
    assessment = answer.assessment
    if not permissions.can_review(by, assessment.unit):
        raise EvaluationError("Bạn không có quyền thẩm định đơn vị này.")
    _check_open(assessment.campaign)
    if assessment.status != FormStatus.SUBMITTED:
        raise EvaluationError("Chỉ chấm thẩm định khi bản tự đánh giá đang chờ thẩm định.")
    _check_fresh(answer, expected_version, f"Điểm thẩm định tiêu chí {answer.item_code}")
    answer.review_points, answer.review_check = _points(answer, value)
    if comment is not None:
        answer.review_comment = comment.strip()
    answer._change_reason = "Thẩm định"
    answer._history_user = by
    answer.save()
    return answer


def approve_assessment(*, assessment: Assessment, by, summary: str = "") -> Assessment:
    """Approve the review: items the reviewer left unchanged keep the unit's score; the level is computed from the
    review scores and stored with its reasons."""

    def check(locked):
        answers = list(Answer.objects.select_for_update().filter(assessment=locked))
        for answer in answers:
            if answer.review_value is None:
                answer.review_points, answer.review_check = answer.self_points, answer.self_check
                answer._change_reason = "Giữ điểm tự chấm khi duyệt"
                answer._history_user = by
                answer.save()
        result = sheet_result(locked, answers, side="review")
        locked.review_total = result.total
        locked.max_total = result.max_total
        locked.level_code = result.level.code if result.level else ""
        locked.level_name = result.level_name
        locked.level_reasons = list(result.reasons)
        locked.recognised = result.level is not None

    return transition(
        obj=assessment,
        to=FormStatus.APPROVED,
        by=by,
        prepare=check,
        fields={"approved_by": by, "approved_at": timezone.now(), "review_summary": summary.strip()},
    )


def return_assessment(*, assessment: Assessment, by, reason: str) -> Assessment:
    """Send the sheet back to the unit with a reason; its scores and evidence stay."""
    return transition(obj=assessment, to=FormStatus.RETURNED, by=by, reason=reason)


def reopen_assessment(*, assessment: Assessment, by, reason: str) -> Assessment:
    """Put an approved review back under review; the stored level is cleared until it is approved again."""
    return transition(
        obj=assessment,
        to=FormStatus.SUBMITTED,
        by=by,
        reason=reason,
        fields={"level_code": "", "level_name": "", "level_reasons": [], "recognised": False, "review_total": None},
    )
