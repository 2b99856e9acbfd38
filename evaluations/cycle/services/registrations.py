"""Steps of a unit's registration (bản đăng ký): start, save, submit, return, accept."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from branches.models import Unit
from branches.permissions import can_edit_unit_forms
from common.workflow import set_fields, transition
from evaluations.errors import EvaluationError

from ..models import (
    TARGET_FIELDS,
    Campaign,
    FormStatus,
    Registration,
    RegistrationEntry,
    Stage,
)
from .campaigns import _check_deadline, _check_fresh, _check_open

# --- registration -------------------------------------------------------------------------------------------


@transaction.atomic
def start_registration(*, campaign: Campaign, unit: Unit, by) -> Registration:
    """The unit's registration for the year, created as a draft on first opening by its secretary or officers."""
    existing = Registration.objects.filter(campaign=campaign, unit=unit).first()
    if existing is not None:
        return existing
    if not can_edit_unit_forms(by, unit):
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
    if not can_edit_unit_forms(by, registration.unit):
        raise EvaluationError("Bạn không có quyền sửa bản đăng ký của đơn vị này.")
    _check_open(registration.campaign)
    if not registration.is_editable:
        raise EvaluationError(
            "Bản đăng ký đã nộp hoặc đã được chấp nhận nên không sửa được; cần cấp trên trả lại hoặc mở lại."
        )
    _check_fresh(registration, expected_version, "Bản đăng ký", by=by)
    set_fields(registration, {name: targets.get(name) for name in TARGET_FIELDS})
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
        set_fields(entry, texts)
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
