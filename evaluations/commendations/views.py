"""Pages of the commendation rounds: list, rules, candidates with their reasons, overrides, finalise, downloads;
the yearly recognition decision of a reviewing unit (issue, downloads, the unit page's panel); and the public
verification page of a printed decision or certificate."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from branches.models import Term, Unit
from common import throttle
from common.documents import parse_code
from common.downloads import pdf_attachment, xlsx_attachment
from evaluations.cycle import permissions as cycle_permissions
from evaluations.cycle import services as cycle_services
from evaluations.cycle.models import Campaign, CampaignStatus, RecognitionDecision, RecognitionEntry

from . import contexts, services
from .forms import FinaliseForm, OverrideForm, RecognitionForm, RoundForm
from .models import (
    CommendationEntry,
    CommendationOverride,
    CommendationRound,
    OverrideAction,
    RoundStatus,
)
from .permissions import get_round_for_user
from .workflow import CommendationError, can_run_round

require_GET_POST = require_http_methods(["GET", "POST"])
VERIFY_SCOPE = "commendation_verify"


def _organisers(user) -> list[Unit]:
    """The units whose rounds the user runs: the province for its committee, a district-level unit for its officers."""
    candidates = Unit.objects.visible_to(user).filter(depth__lte=2, unit_type__in=services.ORGANISER_TYPES)
    return [unit for unit in candidates if can_run_round(user, unit)]


def commendation_list(request):
    rounds = CommendationRound.objects.visible_to(request.user).select_related("organiser", "term")
    return render(
        request,
        "evaluations/commendation_list.html",
        {"rounds": rounds, "can_create": bool(_organisers(request.user))},
    )


@require_GET_POST
def commendation_create(request):
    organisers = _organisers(request.user)
    if not organisers:
        raise PermissionDenied("Bạn không có quyền xét tuyên dương.")
    organiser = next((u for u in organisers if str(u.pk) == request.GET.get("don_vi")), organisers[0])
    terms = Term.objects.at_root_of(organiser)
    initial = {"no_failed_inspection": True}
    term = terms.first()
    if term is not None:
        initial |= {"term": term, "start_year": term.start_year + 1, "end_year": term.start_year + 2}
    levels = services.organiser_levels(organiser, timezone.localdate().year)
    form = RoundForm(
        request.POST or None, terms=terms, levels=levels, initial=initial, defaults=contexts.issuer_defaults(organiser)
    )
    if request.method == "POST" and form.is_valid():
        try:
            commendation_round = services.create_round(
                organiser=organiser,
                term=form.cleaned_data["term"],
                number=form.cleaned_data["number"],
                by=request.user,
                today=timezone.localdate(),
                **form.cleaned_rules(),
            )
        except CommendationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Đã lập đợt tuyên dương; danh sách đề nghị được tính theo tiêu chuẩn vừa đặt.")
            return redirect(commendation_round)
    return render(
        request,
        "evaluations/commendation_form.html",
        {"form": form, "round": None, "organiser": organiser, "organisers": organisers},
    )


@require_GET_POST
def commendation_edit(request, pk):
    commendation_round = get_round_for_user(request.user, pk, manage=True)
    levels = services.levels_for(commendation_round)
    form = RoundForm(
        request.POST or None,
        instance=commendation_round,
        levels=levels,
        editing=True,
        defaults=contexts.issuer_defaults(commendation_round.organiser),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_round(
                commendation_round=CommendationRound.objects.get(pk=pk),
                by=request.user,
                today=timezone.localdate(),
                **form.cleaned_rules(),
            )
        except CommendationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Đã lưu tiêu chuẩn xét.")
            return redirect(commendation_round)
    return render(
        request,
        "evaluations/commendation_form.html",
        {"form": form, "round": commendation_round, "organiser": commendation_round.organiser},
    )


def commendation_detail(request, pk):
    commendation_round = get_round_for_user(request.user, pk)
    if commendation_round.is_finalised:
        # Rounds finalised before averages kept two decimals stored a shorter text: print it as the list does.
        verdicts = [v | {"average_text": contexts.average_text(v["average_total"])} for v in commendation_round.outcome]
    else:
        verdicts = [services.verdict_json(v) for v in services.compute_outcome(commendation_round).verdicts]
    override_log = CommendationOverride.objects.filter(round=commendation_round).select_related("unit", "by")
    labels = {level.code: level.label for level in services.levels_for(commendation_round)}
    context = {
        "round": commendation_round,
        "min_level_label": labels.get(commendation_round.min_level_code, commendation_round.min_level_code),
        "verdicts": verdicts,
        "selected_count": sum(1 for v in verdicts if v["selected"]),
        "override_log": override_log,
        "can_manage": can_run_round(request.user, commendation_round.organiser),
        "finalise_form": FinaliseForm(),
    }
    return render(request, "evaluations/commendation_detail.html", context)


@require_POST
def commendation_override(request, pk):
    commendation_round = get_round_for_user(request.user, pk, manage=True)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(commendation_round)
    try:
        unit = Unit.objects.descendants_of(commendation_round.organiser).get(pk=form.cleaned_data["unit"])
    except Unit.DoesNotExist:
        raise Http404("Không tìm thấy đơn vị.") from None
    action = form.cleaned_data["action"]
    try:
        if action == "withdraw":
            services.withdraw_override(commendation_round=commendation_round, unit=unit, by=request.user)
            messages.success(request, f"Đã rút lại điều chỉnh với {unit.name}.")
        else:
            services.override_unit(
                commendation_round=commendation_round,
                unit=unit,
                action=action,
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
            done = "bổ sung" if action == OverrideAction.ADD else "loại"
            messages.success(request, f"Đã {done} {unit.name}.")
    except CommendationError as error:
        messages.error(request, error.message)
    return redirect(commendation_round)


@require_POST
def commendation_finalise(request, pk):
    commendation_round = get_round_for_user(request.user, pk, manage=True)
    form = FinaliseForm(request.POST)
    if form.is_valid():
        try:
            services.finalise_round(
                commendation_round=commendation_round, by=request.user, today=timezone.localdate(), **form.cleaned_data
            )
        except CommendationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Đã ban hành quyết định tuyên dương; đợt này không còn thay đổi được.")
            return redirect(commendation_round)
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return redirect(commendation_round)


def _download(request, pk, kind):
    commendation_round = get_round_for_user(request.user, pk)
    context = contexts.round_context(commendation_round, base_url=request.build_absolute_uri("/"))
    stem = f"tuyen-duong-{commendation_round.window_label.replace(' – ', '-')}"
    if kind == "decision":
        return pdf_attachment(contexts.render_decision_pdf(context), f"quyet-dinh-{stem}.pdf")
    if kind == "certificates":
        return pdf_attachment(contexts.render_certificates_pdf(context), f"{commendation_round.award_slug}-{stem}.pdf")
    return xlsx_attachment(contexts.render_xlsx(context), f"danh-sach-{stem}.xlsx")


def commendation_decision_pdf(request, pk):
    return _download(request, pk, "decision")


def commendation_certificates_pdf(request, pk):
    return _download(request, pk, "certificates")


def commendation_xlsx(request, pk):
    return _download(request, pk, "xlsx")


@login_not_required
def commendation_verify(request):
    """Public: the decision behind a printed code (issuer, number, date and the list), and nothing else.

    The code comes in the query string (?ma=…), as the QR code carries it or as typed from the paper (O read as 0,
    I and L as 1); without one the page asks for it. An unknown code and a malformed one get the same 404 page;
    an address that misses too often gets 429 for a while, as the login does.
    """
    typed = request.GET.get("ma", "").strip()
    if not typed:
        return render(request, "evaluations/commendation_verify_unknown.html", {"asked": True})
    if throttle.is_throttled(request, VERIFY_SCOPE, limit=settings.VERIFY_FAILURE_LIMIT):
        return _verify_throttled(request)
    code = parse_code(typed)
    commendation_round, entry, recognition = None, None, None
    if code:
        commendation_round = CommendationRound.objects.filter(
            status=RoundStatus.FINALISED, verification_code=code
        ).first()
        if commendation_round is None:
            entry = CommendationEntry.objects.filter(
                verification_code=code, round__status=RoundStatus.FINALISED
            ).first()
            commendation_round = entry.round if entry else None
        if commendation_round is None:
            decisions = RecognitionDecision.objects.select_related("campaign__criteria_set", "issuer")
            recognition = decisions.filter(verification_code=code).first()
    if recognition is not None:
        context = contexts.recognition_context(recognition, base_url=request.build_absolute_uri("/"))
        return render(request, "evaluations/recognition_verify.html", context)
    if commendation_round is None:
        throttle.count_miss(request, VERIFY_SCOPE)
        return render(request, "evaluations/commendation_verify_unknown.html", {"asked": False}, status=404)
    context = contexts.round_context(commendation_round, base_url=request.build_absolute_uri("/"))
    return render(request, "evaluations/commendation_verify.html", {**context, "entry": entry})


def _verify_throttled(request):
    wait = throttle.cooloff()
    response = render(
        request,
        "evaluations/commendation_verify_throttled.html",
        {"minutes": int(wait.total_seconds() // 60)},
        status=429,
    )
    response["Retry-After"] = str(int(wait.total_seconds()))
    return response


# --- the yearly recognition decision ------------------------------------------------------------------------------


@require_GET_POST
def recognition(request, pk, unit_pk):
    """A reviewing unit's recognition decision of one year: the issued decision, or the units it would recognise
    with the form to issue it (POST: only the unit's own committee)."""
    campaign = cycle_permissions.get_campaign_for_user(request.user, pk)
    issuer = cycle_permissions.get_reviewing_unit_for_user(
        request.user, campaign, unit_pk, issue=request.method == "POST"
    )
    form = RecognitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = cycle_services.issue_recognition(
                campaign=campaign, issuer=issuer, by=request.user, today=timezone.localdate(), **form.cleaned_data
            )
        except cycle_services.RecognitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Đã ban hành {decision.citation}; quyết định không còn thay đổi được.")
            return redirect(decision)
    decision = RecognitionDecision.objects.filter(campaign=campaign, issuer=issuer).select_related("issuer").first()
    context = {"campaign": campaign, "issuer": issuer, "decision": decision, "form": form}
    if decision is not None:
        context["rows"] = decision.entries.all()
    else:
        context["rows"] = cycle_services.recognised_sheets(campaign, issuer)
        context["refusal"] = cycle_services.recognition_refusal(campaign, issuer)
        context["can_issue"] = cycle_permissions.can_issue_decisions(request.user, issuer)
    return render(request, "evaluations/recognition.html", context)


def _recognition_document(request, pk) -> tuple[dict, str]:
    """The context of a decision in the user's scope, and the stem of its file names ("cong-nhan-2025-dl-kp")."""
    decision = cycle_permissions.get_recognition_for_user(request.user, pk)
    context = contexts.recognition_context(decision, base_url=request.build_absolute_uri("/"))
    return context, f"cong-nhan-{decision.campaign.year}-{decision.issuer.code.lower()}"


def recognition_pdf(request, pk):
    context, stem = _recognition_document(request, pk)
    return pdf_attachment(contexts.render_recognition_pdf(context), f"quyet-dinh-{stem}.pdf")


def recognition_xlsx(request, pk):
    context, stem = _recognition_document(request, pk)
    return xlsx_attachment(contexts.render_recognition_xlsx(context), f"danh-sach-{stem}.xlsx")


def recognition_panel(request, unit) -> str:
    """The unit page's panel (registered in apps.py): for a grassroots unit, the decisions that recognised it; for a
    reviewing unit, its officers see each closed year with its decision or the way to issue it; "" for others."""
    user = request.user
    if unit.is_grassroots:
        entries = RecognitionEntry.objects.visible_to(user).filter(unit=unit).order_by("-decision__campaign__year")
        context = {"unit": unit, "entries": list(entries.select_related("decision__campaign", "decision__issuer"))}
        shown = bool(context["entries"])
    elif cycle_permissions.can_review_subtree(user, unit):
        closed = list(Campaign.objects.at_root_of(unit).filter(status=CampaignStatus.CLOSED).order_by("-year")[:5])
        issued = RecognitionDecision.objects.filter(issuer=unit, campaign__in=closed).select_related("issuer")
        decisions = {decision.campaign_id: decision for decision in issued}
        context = {
            "unit": unit,
            "years": [(campaign, decisions.get(campaign.pk)) for campaign in closed],
            "can_issue": cycle_permissions.can_issue_decisions(user, unit),
        }
        shown = bool(closed)
    else:
        shown = False
    return render_to_string("evaluations/_recognition_panel.html", context, request=request) if shown else ""
