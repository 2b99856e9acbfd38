"""Mail to the other side of a form when its status changes (run after commit by common.workflow.transition)."""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail

from branches.models import Role, RoleAssignment
from branches.templatetags.units import display_name

logger = logging.getLogger(__name__)

UNIT_ROLES = (Role.GRASSROOTS_SECRETARY, Role.GRASSROOTS_OFFICER)
REVIEWER_ROLES = (Role.SUPERIOR_OFFICER, Role.PROVINCE_COMMITTEE)


def _addresses(units, roles) -> list[str]:
    rows = RoleAssignment.objects.active().filter(unit__in=units, role__in=roles, user__is_active=True)
    return sorted({email for email in rows.values_list("user__email", flat=True) if email})


def reviewer_units(unit):
    """The unit's reviewing superior (mail goes to its officers)."""
    superior = unit.reviewing_superior()
    return [superior] if superior else []


def _text(form, event) -> tuple[str, str]:
    from common.workflow import _status_label

    kind = "Bản đăng ký" if form._meta.model_name == "registration" else "Bản đánh giá"
    status = _status_label(type(form), event.to_status)
    who = display_name(event.by) if event.by else "Hệ thống"
    subject = f"[3 chủ động] {kind} năm {form.campaign.year} của {form.unit.name}: {status}"
    lines = [
        f"{kind} năm {form.campaign.year} của {form.unit.name} chuyển sang “{status}”.",
        f"Người thực hiện: {who}.",
    ]
    if event.reason:
        lines.append(f"Lý do: {event.reason}")
    lines.append(f"Xem trên cổng: {settings.PORTAL_URL.rstrip('/')}{form.get_absolute_url()}")
    return subject, "\n".join(lines)


def _send(form, event, recipients) -> None:
    if not recipients:
        return
    subject, body = _text(form, event)
    try:
        send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients])
    except Exception:  # noqa: BLE001 - the change is saved; a mail server fault must not turn it into an error
        logger.exception("Could not send the notification for %s", event)


def notify_reviewers(form, event) -> None:
    _send(form, event, _addresses(reviewer_units(form.unit), REVIEWER_ROLES))


def notify_unit(form, event) -> None:
    _send(form, event, _addresses([form.unit], UNIT_ROLES))
