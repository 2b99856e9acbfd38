"""Context builders of the yearly cycle's pages: every query of a page is made here, in a fixed number."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.urls import reverse

from branches.models import Unit, user_assignments
from branches.permissions import SUPERIOR_ROLES, can_edit_unit_forms, can_review_unit
from common.history import history_rows
from common.locking import version_token
from common.models import StatusEvent
from common.workflow import events_for
from criteria.models import CriteriaItem, LocalItem, RegistryFigure
from criteria.scoring import format_number, format_percent, score_set
from evaluations.inspections.services import findings_by_item, group_key
from evaluations.uploads import ACCEPT

from . import deadlines, permissions, services
from .models import (
    EVIDENCE_MAX_CHARS,
    TARGET_FIELDS,
    Answer,
    Assessment,
    Attachment,
    Campaign,
    CampaignStatus,
    FormStatus,
    Registration,
    Stage,
)
from .workflow import ASSESSMENT, REGISTRATION

# Which registered target stands beside an item showing a registry figure.
FIGURE_TARGETS = {
    "admissions": "target_new_members",
    "one_plus_one": "target_one_plus_one",
    "party": "target_party_introductions",
}


def campaign_context(user, campaign: Campaign, *, today: datetime.date) -> dict:
    """A year's page: deadlines, what the user can do, and their own units' forms."""
    my_units = [a.unit for a in user_assignments(user) if a.unit.is_grassroots]
    registrations = {r.unit_id: r for r in Registration.objects.filter(campaign=campaign, unit__in=my_units)}
    sheets = {s.unit_id: s for s in Assessment.objects.filter(campaign=campaign, unit__in=my_units)}
    own = [
        {"unit": unit, "registration": registrations.get(unit.pk), "sheet": sheets.get(unit.pk)}
        for unit in my_units
        if unit.path.startswith(campaign.organiser.path)
    ]
    reviews = any(a.unit.is_superior_type for a in user_assignments(user)) or user.is_superuser
    return {
        "campaign": campaign,
        "own": own,
        "can_manage": permissions.can_manage_campaigns(user, campaign.organiser),
        "is_reviewer": reviews,
        "stages": [
            (Stage.REGISTRATION.label, deadlines.due_state(campaign.registration_due, today)),
            (Stage.SELF_ASSESSMENT.label, deadlines.due_state(campaign.self_assessment_due, today)),
            (Stage.REVIEW.label, deadlines.due_state(campaign.review_due, today)),
        ],
        "events": list(events_for(campaign)),
    }


def _item_texts(campaign: Campaign, unit: Unit) -> dict[str, dict]:
    """code → {text, evidence, figures} for the set's items and the unit's local items of the year."""
    texts = {}
    for item in CriteriaItem.objects.filter(group__criteria_set_id=campaign.criteria_set_id):
        texts[item.code] = {"text": item.text, "evidence": item.evidence, "figures": item.figure_keys}
    for item in LocalItem.objects.for_grassroots(unit, campaign.year):
        texts[item.code] = {"text": item.text, "evidence": item.evidence, "figures": []}
    return texts


def registration_context(user, record: Registration, *, form, today: datetime.date) -> dict:
    campaign, unit = record.campaign, record.unit
    texts = _item_texts(campaign, unit)
    editable = record.is_editable and campaign.is_open and can_edit_unit_forms(user, unit)
    due = services.unit_due(campaign, unit, Stage.REGISTRATION)
    return {
        "campaign": campaign,
        "unit": unit,
        "registration": record,
        "form": form,
        "sections": list(form.sections(texts)),
        "editable": editable,
        "can_decide": REGISTRATION.can(user, record, FormStatus.ACCEPTED),
        "can_return": REGISTRATION.can(user, record, FormStatus.RETURNED),
        "can_extend": can_review_unit(user, unit) and campaign.is_open,
        "due": _pending_due(record, due, today),
        "events": list(events_for(record)),
        "last_return": _last_return(events_for(record)),
    }


def _pending_due(form, due: datetime.date, today: datetime.date):
    """The deadline badge while the unit still has to send its form; none once sent, decided or the year closed
    (an approved sheet is not "quá hạn 373 ngày")."""
    if not form.is_editable or not form.campaign.is_open:
        return None
    return deadlines.due_state(due, today)


def _last_return(events) -> StatusEvent | None:
    returns = [e for e in events if e.to_status == FormStatus.RETURNED]
    return returns[-1] if returns else None


# --- the sheet ----------------------------------------------------------------------------------------------


@dataclass
class SheetItem:
    answer: Answer
    text: str
    evidence_guide: str
    registered: list[str] = field(default_factory=list)
    figures: list[tuple[str, str]] = field(default_factory=list)
    version: str = ""
    findings: list = field(default_factory=list)  # inspections.services.ItemFinding, newest first


@dataclass
class SheetGroup:
    number: int
    title: str
    max_points: Decimal
    items: list[SheetItem] = field(default_factory=list)
    findings: list = field(default_factory=list)  # inspection findings of the whole group


def _registered_lines(record: Registration | None, answer: Answer, figure_keys) -> list[str]:
    if record is None:
        return []
    lines = []
    for key in figure_keys:
        target = FIGURE_TARGETS.get(key)
        value = getattr(record, target) if target else None
        if value is not None:
            lines.append(f"{value} {TARGET_FIELDS[target]}")
    for entry in record.entries.all():
        if entry.item_code == answer.item_code and entry.commitment:
            lines.append(entry.commitment)
    return lines


def sheet_context(user, sheet: Assessment, *, today: datetime.date, side: str) -> dict:
    """The sheet page (side="self") or the review page (side="review")."""
    campaign, unit = sheet.campaign, sheet.unit
    answers = list(
        sheet.answers.prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.current(), to_attr="current_attachments")
        )
    )
    texts = _item_texts(campaign, unit)
    record = Registration.objects.filter(campaign=campaign, unit=unit).prefetch_related("entries").first()
    figure_keys = {key for info in texts.values() for key in info["figures"]}
    figures = _figures(unit, campaign.year) if figure_keys else {}
    labels = dict(RegistryFigure.choices)
    spec = services.sheet_spec(sheet, answers)
    # The year's inspection findings, for the reviewer and for the unit itself.
    show_findings = side == "review" or can_edit_unit_forms(user, unit)
    findings = findings_by_item(unit, campaign.year) if show_findings else {}
    groups = []
    for group in spec.groups:
        sheet_group = SheetGroup(group.number, group.title, group.max_points)
        sheet_group.findings = findings.get(group_key(group.number), [])
        for answer in (a for a in answers if a.group_number == group.number):
            info = texts.get(answer.item_code, {"text": "", "evidence": "", "figures": []})
            sheet_group.items.append(
                SheetItem(
                    answer=answer,
                    text=info["text"],
                    evidence_guide=info["evidence"],
                    registered=_registered_lines(record, answer, info["figures"]),
                    figures=[(labels[key], figures[key]) for key in info["figures"] if key in figures],
                    version=version_token(answer),
                    findings=findings.get(answer.item_code, []),
                )
            )
        groups.append(sheet_group)
    can_fill = sheet.is_editable and campaign.is_open and can_edit_unit_forms(user, unit)
    can_review = can_review_unit(user, unit)
    reviewing = can_review and sheet.status == FormStatus.SUBMITTED and campaign.is_open
    events = list(events_for(sheet))
    due = services.unit_due(campaign, unit, Stage.SELF_ASSESSMENT)
    return {
        "campaign": campaign,
        "unit": unit,
        "sheet": sheet,
        "groups": groups,
        "registration": record,
        "side": side,
        "can_fill": can_fill,
        "can_review": can_review,
        "reviewing": reviewing,
        "can_approve": ASSESSMENT.can(user, sheet, FormStatus.APPROVED),
        "can_return": ASSESSMENT.can(user, sheet, FormStatus.RETURNED),
        "can_reopen": sheet.status == FormStatus.APPROVED and ASSESSMENT.can(user, sheet, FormStatus.SUBMITTED),
        "can_submit": ASSESSMENT.can(user, sheet, FormStatus.SUBMITTED) and sheet.status != FormStatus.APPROVED,
        "summary": live_summary(sheet, answers, side=side),
        "due": _pending_due(sheet, due, today),
        "events": events,
        "last_return": _last_return(events),
        "changes": _answer_changes(sheet),
        "accept": ACCEPT,
        "evidence_max": EVIDENCE_MAX_CHARS,
        "show_review": side == "review" or sheet.status == FormStatus.APPROVED,
        "inspection_findings": findings,
    }


def _figures(unit: Unit, year: int) -> dict[str, str]:
    from members.figures import year_figures

    return year_figures(unit, year)


def _answer_changes(sheet: Assessment):
    """Who changed which score or comment, when: the answers' history, newest first (one query)."""
    records = list(
        Answer.history.filter(assessment_id=sheet.pk).select_related("history_user").order_by("id", "-history_date")
    )
    rows = []
    by_answer: dict[int, list] = {}
    for record in records:
        by_answer.setdefault(record.id, []).append(record)
    for item_records in by_answer.values():
        for row in history_rows(item_records, Answer):
            if row.changes:
                rows.append(row)
    rows.sort(key=lambda row: row.record.history_date, reverse=True)
    return rows


def _projected_scores(answers, side: str) -> dict:
    """Scores for the live totals: unscored items count as 0 (không đạt); on the review side an item the reviewer
    has not scored keeps the unit's score, as approving would."""
    scores = {}
    for answer in answers:
        value = answer.self_value
        if side == "review" and answer.review_value is not None:
            value = answer.review_value
        if value is None:
            value = False if answer.is_check else Decimal(0)
        scores[answer.item_code] = value
    return scores


def live_summary(sheet: Assessment, answers, *, side: str) -> dict:
    """Group totals, total and the level they would give, with score_set's reasons (JSON-ready)."""
    answers = list(answers)
    result = score_set(services.sheet_spec(sheet, answers), _projected_scores(answers, side))
    attribute = "self_value" if side == "self" else "review_value"
    missing = [a.item_code for a in answers if getattr(a, attribute) is None]
    if side == "review":
        missing = [a.item_code for a in answers if a.self_value is None]
    return {
        "groups": [
            {
                "number": g.number,
                "points": format_number(g.points),
                "max": format_number(g.max_points),
                "percent": format_percent(g.ratio),
            }
            for g in result.groups
        ],
        "total": format_number(result.total),
        "max_total": format_number(result.max_total),
        "level": result.level.name if result.level else "Không đạt",
        "recognised": result.level is not None,
        "reasons": list(result.reasons),
        "missing": missing,
    }


def answer_display(answer: Answer, *, side: str) -> dict:
    """What is saved now for one item, for the stale-save message."""
    if side == "self":
        value = answer.self_value
        return {"value": _value_text(value), "evidence": answer.evidence}
    return {"value": _value_text(answer.review_value), "comment": answer.review_comment}


def _value_text(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "dat"
    if value is False:
        return "khong_dat"
    return format_number(value)


# --- queue, notices -----------------------------------------------------------------------------------------


QUEUE_PAGE_SIZE = 50


def _reviewed(forms, user):
    """`forms` narrowed to the grassroots units this user reviews: below the units where they are a superior officer,
    and anywhere in the province for its committee (the same rule as permissions.can_review, as one filter)."""
    if user.is_superuser:
        return forms
    return forms.in_subtrees([a.unit for a in user_assignments(user) if a.role in SUPERIOR_ROLES])


def queue_context(user, *, today: datetime.date, page: str | int | None = 1) -> dict:
    """Registrations and sheets waiting for this reviewer, oldest first, one page at a time, with the deadline."""
    waiting_only = Q(status=FormStatus.SUBMITTED, campaign__status=CampaignStatus.OPEN)
    registrations = _reviewed(Registration.objects.all(), user).filter(waiting_only)
    sheets = _reviewed(Assessment.objects.all(), user).filter(waiting_only)
    waiting = sorted(
        [("r", pk, at) for pk, at in registrations.values_list("pk", "submitted_at")]
        + [("s", pk, at) for pk, at in sheets.values_list("pk", "submitted_at")],
        key=lambda row: (row[2] is None, row[2], row[0], row[1]),
    )
    page_obj = Paginator(waiting, QUEUE_PAGE_SIZE).get_page(page)
    wanted = {kind: [pk for k, pk, _ in page_obj.object_list if k == kind] for kind in ("r", "s")}
    forms = {
        ("r", f.pk): f for f in Registration.objects.filter(pk__in=wanted["r"]).select_related("unit", "campaign")
    } | {("s", f.pk): f for f in Assessment.objects.filter(pk__in=wanted["s"]).select_related("unit", "campaign")}
    parents = _parent_names([form.unit for form in forms.values()])
    rows = []
    for kind, pk, _ in page_obj.object_list:
        form = forms[(kind, pk)]
        is_sheet = kind == "s"
        rows.append(
            {
                "kind": "Thẩm định" if is_sheet else "Đăng ký",
                "form": form,
                "url": reverse("evaluations:review", args=[pk]) if is_sheet else form.get_absolute_url(),
                "due": deadlines.due_state(
                    form.campaign.review_due if is_sheet else form.campaign.registration_due, today
                ),
                "parent": parents.get(form.unit.parent_path, ""),
            }
        )
    return {
        "rows": rows,
        "page_obj": page_obj,
        "registrations": sum(1 for kind, _, _ in waiting if kind == "r"),
        "sheets": sum(1 for kind, _, _ in waiting if kind == "s"),
    }


def _parent_names(units) -> dict[str, str]:
    return dict(Unit.objects.parents_of(units).values_list("path", "name"))


def notices_context(user, limit: int = 100) -> dict:
    """Status events of registrations and sheets in the user's scope, newest first."""
    rows = []
    for model, label in ((Registration, "Đăng ký"), (Assessment, "Tự đánh giá")):
        content_type = ContentType.objects.get_for_model(model)
        forms = {
            f.pk: f
            for f in model.objects.visible_to(user)
            .select_related("unit", "campaign")
            .filter(
                pk__in=StatusEvent.objects.filter(content_type=content_type)
                .order_by("-created_at")
                .values("object_id")[: limit * 5]
            )
        }
        events = (
            StatusEvent.objects.filter(content_type=content_type, object_id__in=list(forms))
            .select_related("by")
            .order_by("-created_at")[:limit]
        )
        for event in events:
            rows.append(
                {
                    "event": event,
                    "form": forms[event.object_id],
                    "kind": label,
                    "status": dict(FormStatus.choices).get(event.to_status, event.to_status),
                }
            )
    rows.sort(key=lambda row: row["event"].created_at, reverse=True)
    return {"rows": rows[:limit]}
