"""Steps of a commendation round: create and change its rules, overrides by hand, finalise; and the reader that
turns the database into the pure eligibility records. Status changes go through common.workflow.transition."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from branches.models import GRASSROOTS_TYPES, Term, Unit, UnitType
from common.documents import new_verification_code
from common.vietnamese import phrase_key
from common.workflow import set_fields, transition
from criteria.scoring import format_fixed
from evaluations.cycle.models import Assessment, Campaign, FormStatus
from evaluations.inspections.models import Conclusion, Inspection

from . import eligibility
from .models import (
    CommendationEntry,
    CommendationOverride,
    CommendationRound,
    OverrideAction,
    RoundStatus,
    SignerPosition,
)
from .workflow import FINALISED, CommendationError, can_run_round

RULE_FIELDS = (
    "start_year",
    "end_year",
    "min_recognised_years",
    "min_level_code",
    "no_failed_inspection",
    "min_average_total",
    "quota_per_district",
    "share_percent",
    "tie_break",
)
# How the decision is issued (the grounds it cites, the department that proposes it); blank: the issuer's default.
DOCUMENT_FIELDS = ("department_code", "department_name", "guidance_basis", "rules_basis")
FROZEN_MESSAGE = "Đợt tuyên dương đã ban hành quyết định: không thể thay đổi."
# Who organises rounds: the province and the district-level units (a commune does not).
ORGANISER_TYPES = frozenset({UnitType.PROVINCE, UnitType.DISTRICT, UnitType.DIRECT})


def _check_runner(user, organiser) -> None:
    if not can_run_round(user, organiser):
        raise CommendationError("Bạn không có quyền xét tuyên dương của đơn vị này.")


def _check_draft(commendation_round) -> None:
    if commendation_round.is_finalised:
        raise CommendationError(FROZEN_MESSAGE)


def _validate(commendation_round, *, today) -> None:
    term = commendation_round.term
    try:
        eligibility.validate_rules(
            commendation_round.rules,
            term_start=term.start_year,
            term_end=term.end_year,
            today_year=today.year,
            levels=levels_for(commendation_round),
        )
    except eligibility.RulesError as error:
        raise CommendationError(" ".join(error.messages)) from None


def _save(commendation_round, by, reason) -> None:
    commendation_round._change_reason = reason
    commendation_round._history_user = by
    try:
        with transaction.atomic():
            commendation_round.save()
    except IntegrityError:
        raise CommendationError(
            f"{commendation_round.organiser} đã có {commendation_round.get_number_display().lower()} "
            f"của {commendation_round.term}."
        ) from None


@transaction.atomic
def create_round(*, organiser: Unit, term: Term, number: int, by, today, **rules) -> CommendationRound:
    """A new draft round of `organiser` for one term, with its rules checked."""
    _check_runner(by, organiser)
    if organiser.unit_type not in ORGANISER_TYPES:
        raise CommendationError("Chỉ Tỉnh đoàn và đơn vị cấp huyện tổ chức tuyên dương.")
    if not organiser.path.startswith(Unit.objects.get(pk=term.unit_id).path):
        raise CommendationError("Nhiệm kỳ không thuộc tỉnh của đơn vị.")
    commendation_round = CommendationRound(
        organiser=organiser,
        term=term,
        number=number,
        created_by=by,
        **{k: rules[k] for k in RULE_FIELDS},
        **{k: (rules.get(k) or "").strip() for k in DOCUMENT_FIELDS},
    )
    _validate(commendation_round, today=today)
    _save(commendation_round, by, "Lập đợt tuyên dương")
    return commendation_round


@transaction.atomic
def update_round(*, commendation_round: CommendationRound, by, today, **rules) -> CommendationRound:
    """Change the rules of a draft round."""
    locked = CommendationRound.objects.select_for_update(of=("self",)).select_related("organiser", "term")
    locked = locked.get(pk=commendation_round.pk)
    _check_runner(by, locked.organiser)
    _check_draft(locked)
    document = {name: (rules[name] or "").strip() for name in DOCUMENT_FIELDS if name in rules}
    set_fields(locked, {name: rules[name] for name in RULE_FIELDS} | document)
    _validate(locked, today=today)
    _save(locked, by, "Sửa tiêu chuẩn xét")
    # keep the caller's object in step with the row
    set_fields(commendation_round, {name: getattr(locked, name) for name in (*RULE_FIELDS, *DOCUMENT_FIELDS)})
    return locked


@transaction.atomic
def override_unit(*, commendation_round: CommendationRound, unit: Unit, action: str, reason: str, by):
    """Put a unit in (ADD) or take it out (REMOVE) by hand, with a reason; the previous override is withdrawn."""
    locked = (
        CommendationRound.objects.select_for_update(of=("self",))
        .select_related("organiser")
        .get(pk=commendation_round.pk)
    )
    _check_runner(by, locked.organiser)
    _check_draft(locked)
    reason = (reason or "").strip()
    if not reason:
        raise CommendationError("Hãy ghi lý do bổ sung hoặc loại đơn vị.")
    if action not in OverrideAction.values:
        raise CommendationError("Thao tác không hợp lệ.")
    if not unit.is_grassroots or not unit.path.startswith(locked.organiser.path):
        raise CommendationError("Đơn vị không thuộc phạm vi xét của đợt này.")
    _withdraw(locked, unit, by)
    override = CommendationOverride(round=locked, unit=unit, action=action, reason=reason, by=by)
    override._change_reason = reason[:100]
    override._history_user = by
    override.save()
    return override


@transaction.atomic
def withdraw_override(*, commendation_round: CommendationRound, unit: Unit, by) -> None:
    """Undo the officer's decision on a unit: the rules decide again (the override stays in the history)."""
    locked = (
        CommendationRound.objects.select_for_update(of=("self",))
        .select_related("organiser")
        .get(pk=commendation_round.pk)
    )
    _check_runner(by, locked.organiser)
    _check_draft(locked)
    _withdraw(locked, unit, by)


def _withdraw(commendation_round, unit, by) -> None:
    for current in CommendationOverride.objects.filter(round=commendation_round, unit=unit, withdrawn_at=None):
        current.withdrawn_at = timezone.now()
        current._change_reason = "Rút lại điều chỉnh"
        current._history_user = by
        current.save()


def finalise_round(
    *,
    commendation_round: CommendationRound,
    by,
    decision_number: str,
    decision_date,
    signer_name: str,
    today,
    signer_position: str = SignerPosition.SECRETARY,
) -> CommendationRound:
    """Issue the decision: freeze the list with its figures, give it and each certificate a verification code."""
    decision_number = (decision_number or "").strip()
    if signer_position not in SignerPosition.values:
        raise CommendationError("Chức vụ người ký không hợp lệ.")

    def prepare(locked):
        if not decision_number:
            raise CommendationError("Hãy nhập số quyết định.")
        if decision_date is None:
            raise CommendationError("Hãy nhập ngày quyết định.")
        message = eligibility.check_decision_date(
            locked.rules, decision_date, today=today, term_end=locked.term.end_year
        )
        if message:
            raise CommendationError(message)
        used = CommendationRound.objects.filter(organiser_id=locked.organiser_id, decision_number=decision_number)
        if used.exclude(pk=locked.pk).exists():
            raise CommendationError(f"Số quyết định {decision_number} đã dùng cho một đợt tuyên dương khác.")
        outcome = compute_outcome(locked)
        if not outcome.selected:
            raise CommendationError("Danh sách tuyên dương đang trống: không thể ban hành quyết định.")
        locked.outcome = [verdict_json(v) for v in outcome.verdicts]
        _freeze_entries(locked, outcome)

    with transaction.atomic():
        try:
            with transaction.atomic():
                return transition(
                    obj=commendation_round,
                    to=FINALISED,
                    by=by,
                    fields={
                        "decision_number": decision_number,
                        "decision_date": decision_date,
                        "signer_name": (signer_name or "").strip(),
                        "signer_position": signer_position,
                        "verification_code": new_verification_code(),
                        "finalised_at": timezone.now(),
                    },
                    prepare=prepare,
                )
        except IntegrityError:
            raise CommendationError(f"Số quyết định {decision_number} đã dùng cho một đợt tuyên dương khác.") from None


def last_register_number(organiser) -> int:
    """The last certificate number in the organiser's register (0 before its first finalised round)."""
    entries = CommendationEntry.objects.filter(round__organiser=organiser, round__status=RoundStatus.FINALISED)
    return entries.aggregate(last=Max("register_number"))["last"] or 0


def _freeze_entries(commendation_round, outcome) -> None:
    # One register per issuer: lock the issuer's row so two of its rounds finalised at once do not share numbers.
    organiser = Unit.objects.select_for_update().get(pk=commendation_round.organiser_id)
    last = last_register_number(organiser)
    CommendationEntry.objects.bulk_create(
        CommendationEntry(
            round=commendation_round,
            position=position,
            register_number=last + position,
            unit_id=verdict.unit_id,
            unit_code=verdict.code,
            unit_name=verdict.name,
            district_name=verdict.district_name,
            recognised_years=verdict.recognised_years,
            average_total=verdict.average_total,
            last_total=verdict.last_total,
            rank=verdict.rank,
            note=entry_note(verdict),
            verification_code=new_verification_code(),
        )
        for position, verdict in enumerate(sorted(outcome.selected, key=_list_order), start=1)
    )


def _list_order(verdict):
    return (phrase_key(verdict.district_name), verdict.rank or 10**9, verdict.code)


def entry_note(verdict) -> str:
    return "Bổ sung theo đề nghị" if verdict.manual == eligibility.ADD else ""


def verdict_json(verdict) -> dict:
    return {
        "unit_id": verdict.unit_id,
        "code": verdict.code,
        "name": verdict.name,
        "district_name": verdict.district_name,
        "selected": verdict.selected,
        "eligible": verdict.selected or verdict.eligible,
        "reasons": list(verdict.reasons),
        "recognised_years": verdict.recognised_years,
        "average_total": str(verdict.average_total) if verdict.average_total is not None else None,
        "average_text": format_fixed(verdict.average_total) if verdict.average_total is not None else "",
        "last_total": str(verdict.last_total) if verdict.last_total is not None else None,
        "rank": verdict.rank,
        "manual": verdict.manual,
    }


# --- reading the database into the pure records -------------------------------------------------------------


def levels_for(commendation_round) -> tuple[eligibility.Level, ...]:
    """The result levels (best first) of the criteria set of the window's last year."""
    return organiser_levels(commendation_round.organiser, commendation_round.end_year)


def organiser_levels(organiser, year: int) -> tuple[eligibility.Level, ...]:
    """The result levels (best first) of the organiser's tree's latest year up to `year`."""
    campaign = (
        Campaign.objects.at_root_of(organiser)
        .filter(year__lte=year)
        .select_related("criteria_set")
        .order_by("-year")
        .first()
    )
    if campaign is None:
        return ()
    return tuple(
        eligibility.Level(code=level.code, label=level.short_name or level.name)
        for level in campaign.criteria_set.levels.all()
    )


def unit_records(commendation_round) -> list[eligibility.UnitRecord]:
    """Every grassroots unit of the round's scope with its approved reviews and failed inspections of the window."""
    organiser = commendation_round.organiser
    years = range(commendation_round.start_year, commendation_round.end_year + 1)
    units = list(
        Unit.objects.descendants_of(organiser)
        .filter(unit_type__in=GRASSROOTS_TYPES)
        .active()
        .only("pk", "code", "name", "path", "depth")
    )
    groups = {
        u.path: u
        for u in Unit.objects.descendants_of(organiser, include_self=True).filter(depth__lte=organiser.depth + 1)
    }
    results: dict[int, list] = {}
    assessments = (
        Assessment.objects.in_subtree(organiser)
        .filter(campaign__year__in=years, status=FormStatus.APPROVED)
        .values_list("unit_id", "campaign__year", "recognised", "level_code", "review_total")
    )
    for unit_id, year, recognised, level_code, total in assessments:
        results.setdefault(unit_id, []).append(eligibility.YearResult(year, recognised, level_code, total))
    failed: dict[int, set] = {}
    inspections = (
        Inspection.objects.current()
        .in_subtree(organiser)
        .filter(year__in=years, conclusion=Conclusion.FAILED)
        .values_list("inspected_unit_id", "year")
    )
    for unit_id, year in inspections:
        failed.setdefault(unit_id, set()).add(year)
    return [
        eligibility.UnitRecord(
            unit_id=unit.pk,
            code=unit.code,
            name=unit.name,
            district_id=_group(unit, organiser, groups).pk,
            district_name=_group(unit, organiser, groups).name,
            results=tuple(sorted(results.get(unit.pk, []), key=lambda r: r.year)),
            failed_inspection_years=tuple(sorted(failed.get(unit.pk, ()))),
        )
        for unit in units
    ]


def _group(unit, organiser, groups) -> Unit:
    """The district-level unit a quota counts in: the superior unit right below the organiser, else the organiser."""
    below = groups.get(Unit.ancestor_path_of(unit.path, organiser.depth + 1))
    if below is not None and below.is_superior_type:
        return below
    return organiser


def current_overrides(commendation_round):
    return CommendationOverride.objects.filter(round=commendation_round, withdrawn_at=None)


def compute_outcome(commendation_round) -> eligibility.Outcome:
    """The live candidates of a round: the rules applied to today's data, then the overrides."""
    overrides = [
        eligibility.Override(unit_id=o.unit_id, action=o.action, reason=o.reason)
        for o in current_overrides(commendation_round)
    ]
    return eligibility.evaluate(
        commendation_round.rules,
        unit_records(commendation_round),
        levels=levels_for(commendation_round),
        overrides=overrides,
    )


def latest_finalised(queryset=None):
    queryset = queryset if queryset is not None else CommendationRound.objects.all()
    return queryset.filter(status=RoundStatus.FINALISED).order_by("-finalised_at", "-pk").first()
