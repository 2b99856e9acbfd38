"""Context builders of the printed forms of the cycle: a unit's evaluation sheet and its registration.

The PDF renderers (evaluations/results/exports.py) take these contexts and make no queries of their own.
"""

from dataclasses import replace

from django.utils import timezone

from branches.models import Role, RoleAssignment, Unit
from branches.templatetags.units import display_name
from common.documents import date_line, document_header
from criteria.models import LocalItem
from criteria.specs import load_set
from evaluations.cycle.models import TARGET_FIELDS, Assessment, Campaign, FormStatus, Registration
from evaluations.cycle.services import sheet_result

from .contexts import DRAFT_MARK, NOT_REACHED_LABEL


def secretary_name(unit: Unit) -> str:
    """The name of the unit's secretary as the portal knows it (blank when there is none or no name is set)."""
    assignment = (
        RoleAssignment.objects.active()
        .filter(unit=unit, role=Role.GRASSROOTS_SECRETARY)
        .select_related("user")
        .order_by("-created_at")
        .first()
    )
    if assignment is None:
        return ""
    return f"{assignment.user.last_name} {assignment.user.first_name}".strip()


def _item_texts(campaign: Campaign, unit: Unit) -> tuple[dict[str, str], object]:
    criteria_set = load_set(campaign.criteria_set_id)
    texts = {item.code: item.text for group in criteria_set.groups.all() for item in group.items.all()}
    local = LocalItem.objects.for_grassroots(unit, campaign.year).filter(period_code=criteria_set.code)
    texts.update({item.code: item.text for item in local})
    return texts, criteria_set


def evaluation_pdf_context(assessment: Assessment) -> dict:
    """The final evaluation sheet of one unit: both scores per item, group totals, level, reasons, signatures."""
    campaign, unit = assessment.campaign, assessment.unit
    answers = list(assessment.answers.all())
    texts, criteria_set = _item_texts(campaign, unit)
    self_result = sheet_result(assessment, answers, side="self")
    review_result = sheet_result(assessment, answers, side="review")
    final = assessment.status == FormStatus.APPROVED
    groups = []
    for group, self_group, review_group in zip(
        criteria_set.groups.all(), self_result.groups, review_result.groups, strict=True
    ):
        items = [a for a in answers if a.group_number == group.number]
        for answer in items:
            answer.text = texts.get(answer.item_code, "")
        groups.append({"group": group, "answers": items, "self": self_group, "review": review_group})
    superior = unit.reviewing_superior() or unit
    approved_on = timezone.localdate(assessment.approved_at) if final and assessment.approved_at else None
    header = document_header(superior, doc_type="BC", date=approved_on)
    if approved_on is None:
        header = _undated(header, superior)
    return {
        "title": f"Phiếu đánh giá năm {campaign.year} – {unit.name}",
        "header": _without_number(header),
        "campaign": campaign,
        "unit": unit,
        "superior": superior,
        "assessment": assessment,
        "groups": groups,
        "self_result": self_result,
        "review_result": review_result,
        "final": final,
        "draft_mark": "" if final else DRAFT_MARK,
        "level_name": (assessment.level_name or NOT_REACHED_LABEL) if final else "",
        "level_reasons": assessment.level_reasons if final else [],
        "approved_by": display_name(assessment.approved_by) if final else "",
        "approved_on": approved_on,
        "unit_signer": secretary_name(unit),
        # The superior's block is signed for the review the portal holds: by the officer who approved it.
        "reviewer_signer": display_name(assessment.approved_by) if final and assessment.approved_by else "",
    }


def _undated(header, unit: Unit):
    return replace(header, place_date_line=date_line(unit.place_name or unit.name, None))


def _without_number(header):
    # Forms (phiếu, bản đăng ký) are not numbered documents: the number line stays empty.
    return replace(header, number_line="")


def registration_pdf_context(registration: Registration) -> dict:
    """The registration form in the official format, issued by the grassroots unit."""
    campaign, unit = registration.campaign, registration.unit
    texts, criteria_set = _item_texts(campaign, unit)
    entries = list(registration.entries.all())
    groups = []
    for group in criteria_set.groups.all():
        rows = [e for e in entries if e.group_number == group.number]
        for entry in rows:
            entry.text = texts.get(entry.item_code, "") if entry.item_code else ""
        groups.append({"group": group, "entries": rows})
    accepted = registration.status == FormStatus.ACCEPTED
    targets = [
        (Registration._meta.get_field(name).verbose_name, getattr(registration, name), words)
        for name, words in TARGET_FIELDS.items()
        if getattr(registration, name) is not None
    ]
    date = timezone.localdate(registration.submitted_at) if registration.submitted_at else None
    header = document_header(unit, doc_type="ĐK", date=date)
    if date is None:
        header = _undated(header, unit)
    superior = unit.reviewing_superior()
    return {
        "title": f"Bản đăng ký năm {campaign.year} – {unit.name}",
        "header": _without_number(header),
        "campaign": campaign,
        "unit": unit,
        "superior": superior,
        "registration": registration,
        "groups": groups,
        "targets": targets,
        "accepted": accepted,
        "draft_mark": "" if accepted else DRAFT_MARK,
        "decided_by": display_name(registration.decided_by) if accepted else "",
        "decided_on": timezone.localdate(registration.decided_at) if accepted and registration.decided_at else None,
        "unit_signer": secretary_name(unit),
    }
