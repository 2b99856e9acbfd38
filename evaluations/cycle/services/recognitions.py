"""The year's last step: a reviewing unit's standing committee recognises its grassroots units' results in one decision
(quyết định công nhận), once per year, after the year is closed.

Which years: only a closed year (khóa sổ). Closing freezes every registration and sheet of the year, so the list the
decision freezes is the one the results table keeps showing; an open year may still have a sheet reopened.
Which units: those the unit reviews itself (the nearest reviewing unit above them), with an approved sheet that
reached a level, exactly the units that the results table shows with a level under that unit.
"""

from django.db import IntegrityError, transaction

from branches.models import GRASSROOTS_TYPES, SUPERIOR_TYPES, Unit
from common.documents import new_verification_code
from common.vietnamese import letter_key
from evaluations.errors import EvaluationError

from ..models import Assessment, Campaign, FormStatus, RecognitionDecision, RecognitionEntry
from ..permissions import can_issue_decisions

ISSUED_MESSAGE = (
    "{issuer} đã ban hành {citation} công nhận kết quả năm {year}. Quyết định đã ban hành không được sửa "
    "hay ban hành lại trên cổng."
)


class RecognitionError(EvaluationError):
    """A recognition decision that the rules refuse; the message is shown to the user."""


def recognised_sheets(campaign: Campaign, issuer: Unit):
    """The approved sheets of the year that reached a level, of the grassroots units `issuer` reviews itself (a
    unit under a reviewing unit below `issuer` belongs to that unit's decision), in the decision's order."""
    below = list(Unit.objects.descendants_of(issuer).filter(unit_type__in=SUPERIOR_TYPES))
    sheets = (
        Assessment.objects.in_subtree(issuer)
        .filter(campaign=campaign, status=FormStatus.APPROVED, unit__unit_type__in=GRASSROOTS_TYPES)
        .exclude(level_code="")
        .exclude(pk__in=Assessment.objects.in_subtrees(below).values("pk"))
        .select_related("unit")
    )
    rank = {level.code: level.position for level in campaign.criteria_set.levels.all()}
    return sorted(sheets, key=lambda s: (rank.get(s.level_code, len(rank)), _name_key(s.unit.name), s.unit.code))


def _name_key(name: str) -> tuple[str, ...]:
    """Vietnamese order of unit names, word by word."""
    return tuple(letter_key(word) for word in name.split())


def recognition_refusal(campaign: Campaign, issuer: Unit) -> str:
    """Why `issuer` cannot issue its decision for the campaign's year now ("" when it can), whoever asks."""
    if not issuer.is_superior_type or not issuer.path.startswith(campaign.organiser.path):
        return "Chỉ đơn vị cấp trên trực tiếp cơ sở của tỉnh này ban hành quyết định công nhận."
    if campaign.is_open:
        return (
            f"Năm {campaign.year} chưa khóa sổ: chỉ công nhận kết quả của năm đã khóa sổ, khi mọi phiếu đã thẩm "
            "định xong và không còn thay đổi."
        )
    existing = RecognitionDecision.objects.filter(campaign=campaign, issuer=issuer).select_related("issuer").first()
    if existing is not None:
        return ISSUED_MESSAGE.format(issuer=issuer.name, citation=existing.short_citation, year=campaign.year)
    return ""


def issue_recognition(
    *,
    campaign: Campaign,
    issuer: Unit,
    by,
    decision_number: str,
    decision_date,
    signer_name: str,
    signer_position: str = "BÍ THƯ",
    today,
) -> RecognitionDecision:
    """Issue `issuer`'s decision recognising its units' results of a closed year, with the list frozen, once."""
    decision_number, signer_name = (decision_number or "").strip(), (signer_name or "").strip()
    signer_position = (signer_position or "").strip().upper()
    with transaction.atomic():
        # Closing or reopening the year waits for this decision, and a second one for the same year waits here.
        locked = Campaign.objects.select_for_update(of=("self",)).select_related("organiser", "criteria_set")
        campaign = locked.get(pk=campaign.pk)
        if refusal := recognition_refusal(campaign, issuer):
            raise RecognitionError(refusal)
        if not can_issue_decisions(by, issuer):
            raise RecognitionError("Chỉ Ban Thường vụ của đơn vị được ban hành quyết định công nhận.")
        _check_decision(campaign, issuer, decision_number, decision_date, signer_name, signer_position, today)
        sheets = recognised_sheets(campaign, issuer)
        if not sheets:
            raise RecognitionError(
                f"Năm {campaign.year} {issuer.name} không có đơn vị nào đạt “Đoàn cơ sở 3 chủ động”: "
                "không có đơn vị để công nhận."
            )
        try:
            with transaction.atomic():
                decision = RecognitionDecision.objects.create(
                    campaign=campaign,
                    issuer=issuer,
                    decision_number=decision_number,
                    decision_date=decision_date,
                    signer_name=signer_name,
                    signer_position=signer_position,
                    verification_code=new_verification_code(),
                    issued_by=by,
                )
        except IntegrityError:
            raise RecognitionError(_number_used(decision_number)) from None
        RecognitionEntry.objects.bulk_create(
            RecognitionEntry(
                decision=decision,
                position=position,
                unit=sheet.unit,
                unit_code=sheet.unit.code,
                unit_name=sheet.unit.name,
                level_code=sheet.level_code,
                level_name=sheet.level_name,
                review_total=sheet.review_total,
            )
            for position, sheet in enumerate(sheets, start=1)
        )
    return decision


def _check_decision(campaign, issuer, number, date, signer_name, signer_position, today) -> None:
    if not number:
        raise RecognitionError("Hãy nhập số quyết định.")
    if date is None:
        raise RecognitionError("Hãy nhập ngày quyết định.")
    if date.year < campaign.year or date > today:
        raise RecognitionError(
            f"Ngày quyết định phải từ năm {campaign.year} trở đi và không sau hôm nay ({today:%d/%m/%Y})."
        )
    if not signer_name or not signer_position:
        raise RecognitionError("Hãy nhập họ tên và chức vụ người ký.")
    if RecognitionDecision.objects.filter(issuer=issuer, decision_number=number).exists():
        raise RecognitionError(_number_used(number))


def _number_used(number: str) -> str:
    return f"Số quyết định {number} đã dùng cho một quyết định công nhận khác của đơn vị."
