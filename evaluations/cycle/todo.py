"""The "việc cần làm" panel on the unit page: what the unit must do now and by when, or what waits for an officer."""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from branches.models import GRASSROOTS_TYPES, Unit
from branches.permissions import can_edit_unit_forms

from . import deadlines, permissions, services
from .models import Assessment, Campaign, CampaignStatus, DeadlineExtension, FormStatus, Registration, Stage


@dataclass
class Task:
    text: str
    url: str
    due: deadlines.DueState | None = None
    tone: str = "primary"  # primary: to do; warning: fix; success: done; secondary: waiting on someone else


def _open_campaign(unit: Unit) -> Campaign | None:
    return Campaign.objects.at_root_of(unit).filter(status=CampaignStatus.OPEN).order_by("-year").first()


def unit_tasks(user, unit: Unit, campaign: Campaign, today: datetime.date) -> list[Task]:
    """A grassroots unit's own tasks for the year (for its secretary and officers)."""
    registration = Registration.objects.filter(campaign=campaign, unit=unit).first()
    sheet = Assessment.objects.filter(campaign=campaign, unit=unit).first()
    extensions = services.extension_map(campaign, [unit])
    reg_due = deadlines.due_state(services.unit_due(campaign, unit, Stage.REGISTRATION, extensions), today)
    self_due = deadlines.due_state(services.unit_due(campaign, unit, Stage.SELF_ASSESSMENT, extensions), today)
    reg_url = reverse("evaluations:registration", args=[campaign.pk, unit.pk])
    sheet_url = reverse("evaluations:assessment", args=[campaign.pk, unit.pk])
    year = campaign.year
    tasks = []
    if registration is None or registration.status == FormStatus.DRAFT:
        tasks.append(Task(f"Đăng ký “3 chủ động” năm {year}", reg_url, reg_due))
    elif registration.status == FormStatus.RETURNED:
        tasks.append(Task(f"Sửa và nộp lại bản đăng ký năm {year} (cấp trên đã trả lại)", reg_url, reg_due, "warning"))
    elif registration.status == FormStatus.SUBMITTED:
        tasks.append(Task(f"Bản đăng ký năm {year} đang chờ cấp trên xem xét", reg_url, None, "secondary"))
    if sheet is None or sheet.status == FormStatus.DRAFT:
        if registration is not None and registration.status == FormStatus.ACCEPTED or sheet is not None:
            tasks.append(Task(f"Tự đánh giá năm {year}", sheet_url, self_due))
    elif sheet.status == FormStatus.RETURNED:
        tasks.append(
            Task(f"Sửa và nộp lại bản tự đánh giá năm {year} (cấp trên đã trả lại)", sheet_url, self_due, "warning")
        )
    elif sheet.status == FormStatus.SUBMITTED:
        tasks.append(Task(f"Bản tự đánh giá năm {year} đang chờ cấp trên thẩm định", sheet_url, None, "secondary"))
    elif sheet.status == FormStatus.APPROVED:
        tasks.append(Task(f"Kết quả năm {year}: {sheet.level_name}", sheet_url, None, "success"))
    return tasks


def reviewer_tasks(user, unit: Unit, campaign: Campaign, today: datetime.date) -> list[Task]:
    """What waits for an officer of a superior unit: forms to accept, sheets to review, overdue units."""
    registrations = Registration.objects.in_subtree(unit).filter(campaign=campaign)
    waiting_registrations = registrations.filter(status=FormStatus.SUBMITTED).count()
    waiting_sheets = Assessment.objects.in_subtree(unit).filter(campaign=campaign, status=FormStatus.SUBMITTED).count()
    queue = reverse("evaluations:review_queue")
    tasks = []
    if waiting_registrations:
        tasks.append(
            Task(
                f"{waiting_registrations} bản đăng ký chờ chấp nhận",
                queue,
                deadlines.due_state(campaign.registration_due, today),
            )
        )
    if waiting_sheets:
        tasks.append(
            Task(
                f"{waiting_sheets} bản tự đánh giá chờ thẩm định",
                queue,
                deadlines.due_state(campaign.review_due, today),
            )
        )
    if today > campaign.registration_due:
        grassroots = Unit.objects.descendants_of(unit, include_self=True).filter(unit_type__in=GRASSROOTS_TYPES)
        grassroots = grassroots.active(today)
        sent = registrations.exclude(status=FormStatus.DRAFT)
        extended = DeadlineExtension.objects.filter(campaign=campaign, stage=Stage.REGISTRATION, due_date__gte=today)
        late = grassroots.exclude(pk__in=sent.values("unit_id")).exclude(pk__in=extended.values("unit_id")).count()
        if late:
            tasks.append(
                Task(f"{late} đơn vị quá hạn chưa nộp bản đăng ký", _results_url(campaign, unit), None, "danger")
            )
    return tasks


def _results_url(campaign, unit) -> str:
    return reverse("evaluations:results", args=[campaign.pk]) + f"?don_vi={unit.pk}"


def todo_panel(request, unit: Unit) -> str:
    """Rendered panel for the unit page, or "" when the user has nothing to do or follow there."""
    user = request.user
    campaign = _open_campaign(unit)
    if campaign is None:
        return ""
    today = timezone.localdate()
    if unit.unit_type in GRASSROOTS_TYPES and can_edit_unit_forms(user, unit):
        tasks = unit_tasks(user, unit, campaign, today)
    elif unit.is_superior_type and permissions.can_review_subtree(user, unit):
        tasks = reviewer_tasks(user, unit, campaign, today)
    else:
        return ""
    return render_to_string(
        "evaluations/_todo_panel.html", {"tasks": tasks, "campaign": campaign, "unit": unit}, request=request
    )
