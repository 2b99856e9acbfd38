"""Steps of a unit's evaluation sheet: self-assessment with evidence, submission, review, approval, return."""

import datetime
import functools
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from branches.models import Unit
from branches.permissions import can_edit_unit_forms, can_review_unit
from common.workflow import transition
from criteria.scoring import GroupSpec, ItemSpec, ScoreResult, SetSpec, score_set, validate_points
from criteria.specs import load_set, set_spec, spec_for_unit
from evaluations.errors import EvaluationError
from evaluations.uploads import store_upload

from ..models import (
    EVIDENCE_MAX_CHARS,
    Answer,
    Assessment,
    Attachment,
    Campaign,
    FormStatus,
    Stage,
)
from .campaigns import _check_deadline, _check_fresh, _check_open

# --- self-assessment ----------------------------------------------------------------------------------------


def unit_spec(campaign: Campaign, unit: Unit) -> SetSpec:
    """The set the unit is scored on: the campaign's criteria plus its reviewing superior's local items."""
    return spec_for_unit(load_set(campaign.criteria_set_id), unit, campaign.year)


@transaction.atomic
def start_assessment(*, campaign: Campaign, unit: Unit, by) -> Assessment:
    """The unit's sheet for the year, made on first opening by its secretary or officers, one answer per item."""
    existing = Assessment.objects.filter(campaign=campaign, unit=unit).first()
    if existing is not None:
        # Only the unit's own people, in an open year, bring a sheet up to date with local items added since.
        if existing.is_editable and campaign.is_open and can_edit_unit_forms(by, unit):
            _add_missing_answers(existing)
        return existing
    if not can_edit_unit_forms(by, unit):
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
    if not can_edit_unit_forms(by, assessment.unit):
        raise EvaluationError("Bạn không có quyền sửa bản tự đánh giá của đơn vị này.")
    _check_open(assessment.campaign)
    if not assessment.is_editable:
        raise EvaluationError("Bản tự đánh giá đã nộp nên không sửa được; cần cấp trên trả lại.")
    _check_fresh(answer, expected_version, f"Tiêu chí {answer.item_code}", by=by)
    answer.self_points, answer.self_check = _points(answer, value)
    if evidence is not None:
        answer.evidence = _evidence_note(evidence, answer.item_code)
    answer._change_reason = "Tự chấm"
    answer._history_user = by
    answer.save()
    return answer


def _evidence_note(text: str, item_code: str) -> str:
    # Browsers send a textarea's line breaks as CRLF but count them as one character for its maxlength.
    note = text.replace("\r\n", "\n").strip()
    if len(note) > EVIDENCE_MAX_CHARS:
        raise EvaluationError(
            f"Tiêu chí {item_code}: phần minh chứng, ghi chú dài {_thousands(len(note))} ký tự, quá mức tối đa "
            f"{_thousands(EVIDENCE_MAX_CHARS)} ký tự; hãy rút gọn, tài liệu dài thì đính kèm tệp."
        )
    return note


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@transaction.atomic
def add_attachment(*, answer: Answer, by, uploaded) -> Attachment:
    """Store an evidence file of one item after checking its content type and size (per file and per sheet)."""
    answer = _locked_answer(answer)
    assessment = answer.assessment
    if not can_edit_unit_forms(by, assessment.unit):
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
    if not can_edit_unit_forms(by, assessment.unit):
        raise EvaluationError("Bạn không có quyền gỡ minh chứng của đơn vị này.")
    _check_open(assessment.campaign)
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
    if not can_review_unit(by, assessment.unit):
        raise EvaluationError("Bạn không có quyền thẩm định đơn vị này.")
    _check_open(assessment.campaign)
    if assessment.status != FormStatus.SUBMITTED:
        raise EvaluationError("Chỉ chấm thẩm định khi bản tự đánh giá đang chờ thẩm định.")
    _check_fresh(answer, expected_version, f"Điểm thẩm định tiêu chí {answer.item_code}", by=by)
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
