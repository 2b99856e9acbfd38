"""Deadline reminders: grassroots units that have not sent a form N days before its deadline (theirs, extended)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse

from branches.models import GRASSROOTS_TYPES, Unit

from . import deadlines, services
from .models import Assessment, Campaign, CampaignStatus, FormStatus, Registration, Stage
from .notifications import UNIT_ROLES, _addresses

# A form counts as sent once it left the unit: waiting for the superior, accepted or approved.
SENT = (FormStatus.SUBMITTED, FormStatus.ACCEPTED, FormStatus.APPROVED)


@dataclass
class Reminder:
    unit: Unit
    campaign: Campaign
    stage: str
    due: datetime.date
    recipients: list[str]


def due_reminders(today: datetime.date, days: int) -> list[Reminder]:
    """Units whose deadline for a stage falls exactly `days` days after `today` and that have not sent the form."""
    reminders = []
    for campaign in Campaign.objects.filter(status=CampaignStatus.OPEN).select_related("organiser"):
        units = list(
            Unit.objects.descendants_of(campaign.organiser).filter(unit_type__in=GRASSROOTS_TYPES).active(today)
        )
        extensions = services.extension_map(campaign)
        for stage, model in ((Stage.REGISTRATION, Registration), (Stage.SELF_ASSESSMENT, Assessment)):
            sent = set(model.objects.filter(campaign=campaign, status__in=SENT).values_list("unit_id", flat=True))
            for unit in units:
                if unit.pk in sent:
                    continue
                due = services.unit_due(campaign, unit, stage, extensions)
                if deadlines.due_state(due, today).days_left == days:
                    reminders.append(Reminder(unit, campaign, stage, due, _addresses([unit], UNIT_ROLES)))
    return reminders


def send_reminders(reminders: list[Reminder]) -> int:
    """Mail each reminder to the unit's secretary and officers; returns the number of mails sent."""
    messages = []
    for r in reminders:
        name = "bản đăng ký" if r.stage == Stage.REGISTRATION else "bản tự đánh giá"
        view = "evaluations:registration" if r.stage == Stage.REGISTRATION else "evaluations:assessment"
        link = settings.PORTAL_URL.rstrip("/") + reverse(view, args=[r.campaign.pk, r.unit.pk])
        subject = f"[3 chủ động] Nhắc hạn nộp {name} năm {r.campaign.year}: {r.due:%d/%m/%Y}"
        body = f"{r.unit.name} chưa nộp {name} năm {r.campaign.year}. Hạn nộp: {r.due:%d/%m/%Y}.\nNộp trên cổng: {link}"
        messages.extend((subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in r.recipients)
    return send_mass_mail(messages) if messages else 0
