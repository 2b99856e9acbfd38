"""Pages of the yearly cycle: campaigns, deadlines, registrations, the evaluation sheet (self-assessment with autosave
and evidence files, the superior's review), the review queue and the notices."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from branches.models import Unit
from branches.permissions import can_edit_unit_forms, can_review_unit
from common.downloads import stored_file_response
from common.locking import MISSING_VERSION, version_token, with_version
from evaluations.errors import EvaluationError

from . import contexts, permissions, services
from .forms import CampaignForm, DecisionForm, ExtensionForm, RegistrationForm
from .models import Assessment, Campaign, Registration

require_GET_POST = require_http_methods(["GET", "POST"])


def campaign_list(request):
    campaigns = Campaign.objects.visible_to(request.user).select_related("criteria_set", "organiser")
    roots = Unit.objects.visible_to(request.user).filter(depth=1)
    organiser = next((root for root in roots if permissions.can_manage_campaigns(request.user, root)), None)
    return render(request, "evaluations/campaign_list.html", {"campaigns": campaigns, "organiser": organiser})


@require_GET_POST
def campaign_create(request):
    roots = Unit.objects.visible_to(request.user).filter(depth=1)
    organiser = next((root for root in roots if permissions.can_manage_campaigns(request.user, root)), None)
    if organiser is None:
        raise PermissionDenied("Chỉ Ban Tổ chức – Kiểm tra Tỉnh đoàn được mở năm đánh giá.")
    form = CampaignForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.open_campaign(organiser=organiser, by=request.user, **form.cleaned_data_for_service())
        except EvaluationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Đã mở năm đánh giá {campaign.year}.")
            return redirect(campaign)
    return render(request, "evaluations/campaign_form.html", {"form": form, "campaign": None})


@require_GET_POST
def campaign_edit(request, pk):
    campaign = permissions.get_campaign_for_user(request.user, pk, manage=True)
    form = CampaignForm(
        request.POST or None, instance=campaign, editing=True, initial={"version": version_token(campaign)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_campaign(campaign=campaign, by=request.user, **form.cleaned_data_for_service())
        except EvaluationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Đã lưu các hạn.")
            return redirect(campaign)
    return render(request, "evaluations/campaign_form.html", {"form": form, "campaign": campaign})


def campaign_detail(request, pk):
    campaign = permissions.get_campaign_for_user(request.user, pk)
    context = contexts.campaign_context(request.user, campaign, today=timezone.localdate())
    return render(request, "evaluations/campaign_detail.html", context)


@require_POST
def campaign_status(request, pk):
    campaign = permissions.get_campaign_for_user(request.user, pk, manage=True)
    try:
        if request.POST.get("action") == "close":
            services.close_campaign(campaign=campaign, by=request.user)
            messages.success(request, f"Đã khóa sổ năm {campaign.year}: mọi phiếu chỉ còn để xem.")
        else:
            services.reopen_campaign(campaign=campaign, by=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, f"Đã mở lại năm {campaign.year}.")
    except EvaluationError as error:
        messages.error(request, error.message)
    return redirect(campaign)


@require_GET_POST
def extension_create(request, pk, unit_pk):
    campaign = permissions.get_campaign_for_user(request.user, pk)
    unit = permissions.get_form_unit_for_user(request.user, campaign, unit_pk)
    if not can_review_unit(request.user, unit):
        raise PermissionDenied("Chỉ đơn vị cấp trên trực tiếp được gia hạn cho đơn vị này.")
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.extend_deadline(campaign=campaign, unit=unit, by=request.user, **form.cleaned_data)
        except EvaluationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Đã gia hạn cho {unit.name}.")
            return redirect("evaluations:campaign_detail", campaign.pk)
    context = {
        "form": form,
        "campaign": campaign,
        "unit": unit,
        "extensions": campaign.extensions.filter(unit=unit).select_related("granted_by"),
    }
    return render(request, "evaluations/extension_form.html", context)


# --- registration -------------------------------------------------------------------------------------------


@require_GET_POST
def registration(request, pk, unit_pk):
    """The unit's registration: its secretary and officers edit and send it; everyone in scope reads it."""
    campaign = permissions.get_campaign_for_user(request.user, pk)
    unit = permissions.get_form_unit_for_user(request.user, campaign, unit_pk)
    record = Registration.objects.filter(campaign=campaign, unit=unit).first()
    if request.method == "POST" and record is None:
        try:
            services.start_registration(campaign=campaign, unit=unit, by=request.user)
        except EvaluationError as error:
            messages.error(request, error.message)
        return redirect("evaluations:registration", campaign.pk, unit.pk)
    if record is None:
        return render(
            request,
            "evaluations/registration_start.html",
            {
                "campaign": campaign,
                "unit": unit,
                "can_fill": can_edit_unit_forms(request.user, unit),
            },
        )
    spec = services.unit_spec(campaign, unit)
    form = RegistrationForm(
        request.POST or None, spec=spec, registration=record, initial={"version": version_token(record)}
    )
    if request.method == "POST" and _is_autosave(request):
        return _autosave_registration(request, record, form)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            _save_registration(request, record, form)
        except services.StaleError as error:
            # Keep what the user typed; the next save overwrites knowingly.
            stale = error.message
            form = RegistrationForm(with_version(request.POST, error.current), spec=spec, registration=record)
            form.is_valid()
        except EvaluationError as error:
            # The draft may have been saved before the refusal (an incomplete form sent): carry its new version, or
            # the next save would be refused as stale by the user's own save.
            messages.error(request, error.message)
            record.refresh_from_db()
            form = RegistrationForm(with_version(request.POST, record), spec=spec, registration=record)
            form.is_valid()
        else:
            return redirect("evaluations:registration", campaign.pk, unit.pk)
    context = contexts.registration_context(request.user, record, form=form, today=timezone.localdate())
    context["stale"] = stale
    return render(request, "evaluations/registration.html", context)


def _save_draft(request, record, form):
    return services.save_registration(
        registration=record,
        by=request.user,
        targets=form.targets(),
        focus=form.cleaned_data.get("focus", ""),
        entries=form.entries(),
        expected_version=form.cleaned_data.get("version") or None,
    )


def _save_registration(request, record, form):
    _save_draft(request, record, form)
    if "submit" in request.POST:
        record.refresh_from_db()
        services.submit_registration(registration=record, by=request.user, today=timezone.localdate())
        messages.success(request, "Đã nộp bản đăng ký cho đơn vị cấp trên trực tiếp.")
    else:
        messages.success(request, "Đã lưu bản nháp.")


def _is_autosave(request) -> bool:
    """A form posted by the page's script (autosave, upload), which wants a JSON answer instead of a new page."""
    return request.headers.get("X-Requested-With") == "fetch"


def _autosave_registration(request, record, form) -> JsonResponse:
    """The registration's draft saved as it is typed (static/js/registration.js): JSON, 409 when saved meanwhile."""
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
            for name, errors in form.errors.items()
        ]
        return JsonResponse({"ok": False, "message": "Chưa lưu được. " + " ".join(problems)}, status=400)
    if not form.cleaned_data.get("version"):
        return JsonResponse({"ok": False, "message": MISSING_VERSION}, status=400)
    try:
        record = _save_draft(request, record, form)
    except services.StaleError as error:
        body = {"ok": False, "stale": True, "message": error.message, "version": version_token(error.current)}
        return JsonResponse(body, status=409)
    except EvaluationError as error:
        return JsonResponse({"ok": False, "message": error.message}, status=400)
    return JsonResponse({"ok": True, "version": version_token(record), "saved_at": _saved_at(record)})


def _saved_at(record) -> str:
    return timezone.localtime(record.updated_at).strftime("%H:%M")


@require_POST
def registration_decide(request, pk, unit_pk):
    campaign = permissions.get_campaign_for_user(request.user, pk)
    unit = permissions.get_form_unit_for_user(request.user, campaign, unit_pk)
    record = Registration.objects.filter(campaign=campaign, unit=unit).first()
    if record is None:
        messages.error(request, "Đơn vị chưa lập bản đăng ký.")
        return redirect("evaluations:registration", campaign.pk, unit.pk)
    if not can_review_unit(request.user, unit):
        raise PermissionDenied("Chỉ đơn vị cấp trên trực tiếp được xử lý bản đăng ký này.")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Thao tác không hợp lệ.")
        return redirect(record)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    try:
        if action == "accept":
            services.accept_registration(registration=record, by=request.user)
            messages.success(request, f"Đã chấp nhận bản đăng ký của {unit.name}.")
        else:
            services.return_registration(registration=record, by=request.user, reason=reason)
            messages.success(request, f"Đã trả lại bản đăng ký cho {unit.name}.")
    except EvaluationError as error:
        messages.error(request, error.message)
    return redirect(record)


# --- queue and notices --------------------------------------------------------------------------------------


def review_queue(request):
    """What waits for the user's review: registrations and sheets sent by the units below them."""
    context = contexts.queue_context(request.user, today=timezone.localdate(), page=request.GET.get("trang"))
    return render(request, "evaluations/review_queue.html", context)


def notices(request):
    """The status events of the forms in the user's scope, newest first."""
    context = contexts.notices_context(request.user)
    return render(request, "evaluations/notices.html", context)


@require_GET_POST
def assessment(request, pk, unit_pk):
    """The unit's sheet for the year; its secretary and officers make it with one click and fill it in."""
    campaign = permissions.get_campaign_for_user(request.user, pk)
    unit = permissions.get_form_unit_for_user(request.user, campaign, unit_pk)
    sheet = Assessment.objects.filter(campaign=campaign, unit=unit).first()
    if request.method == "POST":
        try:
            services.start_assessment(campaign=campaign, unit=unit, by=request.user)
        except EvaluationError as error:
            messages.error(request, error.message)
        return redirect("evaluations:assessment", campaign.pk, unit.pk)
    if sheet is None:
        return render(
            request,
            "evaluations/assessment_start.html",
            {
                "campaign": campaign,
                "unit": unit,
                "can_fill": can_edit_unit_forms(request.user, unit),
            },
        )
    if sheet.is_editable and can_edit_unit_forms(request.user, unit):
        services.start_assessment(campaign=campaign, unit=unit, by=request.user)  # adds answers of new local items
    context = contexts.sheet_context(request.user, sheet, today=timezone.localdate(), side="self")
    return render(request, "evaluations/assessment.html", context)


@require_POST
def assessment_submit(request, pk):
    sheet = permissions.get_assessment_for_user(request.user, pk)
    try:
        services.submit_assessment(assessment=sheet, by=request.user, today=timezone.localdate())
    except EvaluationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Đã nộp bản tự đánh giá cho đơn vị cấp trên trực tiếp thẩm định.")
    return redirect(sheet)


def review(request, pk):
    """The reviewer's page: per item the unit's score and evidence beside the reviewer's score and comment."""
    sheet = permissions.get_assessment_for_user(request.user, pk)
    if not can_review_unit(request.user, sheet.unit):
        return redirect(sheet)
    context = contexts.sheet_context(request.user, sheet, today=timezone.localdate(), side="review")
    return render(request, "evaluations/review.html", context)


@require_POST
def review_decide(request, pk):
    sheet = permissions.get_assessment_for_user(request.user, pk, review=True)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Thao tác không hợp lệ.")
        return redirect("evaluations:review", sheet.pk)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    try:
        if action == "accept":
            sheet = services.approve_assessment(assessment=sheet, by=request.user, summary=form.cleaned_data["summary"])
            messages.success(request, f"Đã duyệt kết quả của {sheet.unit.name}: {sheet.level_name}.")
        elif action == "return":
            services.return_assessment(assessment=sheet, by=request.user, reason=reason)
            messages.success(request, f"Đã trả lại bản tự đánh giá cho {sheet.unit.name}.")
        else:
            services.reopen_assessment(assessment=sheet, by=request.user, reason=reason)
            messages.success(request, "Đã mở lại kết quả thẩm định.")
    except EvaluationError as error:
        messages.error(request, error.message)
    return redirect("evaluations:review", sheet.pk)


def _answer_json(answer, sheet_side: str, **extra):
    sheet = answer.assessment
    answers = list(sheet.answers.all())
    return JsonResponse(
        {
            "ok": True,
            "version": version_token(answer),
            "saved_at": _saved_at(answer),
            "summary": contexts.live_summary(sheet, answers, side=sheet_side),
            **extra,
        }
    )


def _refusal(error: EvaluationError, answer, side: str):
    body = {"ok": False, "message": error.message}
    if isinstance(error, services.StaleError) and error.current is not None:
        current = error.current
        body.update(
            stale=True,
            version=version_token(current),
            saved_at=_saved_at(current),
            current=contexts.answer_display(current, side=side),
        )
        return JsonResponse(body, status=409)
    return JsonResponse(body, status=400)


@require_POST
def answer_save(request, pk):
    """Autosave of one item of the unit's sheet (JSON). 409 when someone saved it meanwhile."""
    answer = permissions.get_answer_for_user(request.user, pk)
    if not can_edit_unit_forms(request.user, answer.assessment.unit):
        raise PermissionDenied("Bạn chỉ được xem bản tự đánh giá này.")
    try:
        answer = services.save_self_answer(
            answer=answer,
            by=request.user,
            value=request.POST.get("value", ""),
            evidence=request.POST.get("evidence"),
            expected_version=request.POST.get("version") or None,
        )
    except EvaluationError as error:
        return _refusal(error, answer, "self")
    return _answer_json(answer, "self")


@require_POST
def review_answer_save(request, pk):
    """Autosave of the reviewer's score and comment for one item (JSON)."""
    answer = permissions.get_answer_for_user(request.user, pk)
    if not can_review_unit(request.user, answer.assessment.unit):
        raise PermissionDenied("Bạn không có quyền thẩm định đơn vị này.")
    try:
        answer = services.save_review_answer(
            answer=answer,
            by=request.user,
            value=request.POST.get("value", ""),
            comment=request.POST.get("comment"),
            expected_version=request.POST.get("version") or None,
        )
    except EvaluationError as error:
        return _refusal(error, answer, "review")
    return _answer_json(answer, "review", differs=answer.differs)


@require_POST
def attachment_upload(request, pk):
    answer = permissions.get_answer_for_user(request.user, pk)
    if not can_edit_unit_forms(request.user, answer.assessment.unit):
        raise PermissionDenied("Bạn chỉ được xem bản tự đánh giá này.")
    added, refused = [], []
    files = request.FILES.getlist("file")
    if not files:
        refused.append(f"Tiêu chí {answer.item_code}: hãy chọn tệp minh chứng.")
    for uploaded in files:
        try:
            added.append(services.add_attachment(answer=answer, by=request.user, uploaded=uploaded))
        except EvaluationError as error:
            refused.append(f"Tiêu chí {answer.item_code}: {error.message}")
    if _is_autosave(request):  # uploaded by static/js/evidence.js as soon as the file is chosen
        context = {"side": "self", "can_fill": True}
        rows = [render_to_string("evaluations/_attachment.html", {**context, "f": f}, request=request) for f in added]
        return JsonResponse({"ok": not refused, "added": rows, "refused": refused}, status=400 if refused else 200)
    for message in refused:
        messages.error(request, message)
    for record in added:
        messages.success(request, f"Tiêu chí {answer.item_code}: đã thêm “{record.original_name}”.")
    back = reverse("evaluations:assessment", args=[answer.assessment.campaign_id, answer.assessment.unit_id])
    return redirect(f"{back}#tc-{answer.pk}")


def attachment(request, pk):
    """An evidence file, only through this scoped view (never a public media URL)."""
    record = permissions.get_attachment_for_user(request.user, pk)
    return stored_file_response(
        record.file,
        filename=record.original_name,
        content_type=record.content_type,
        missing="Tệp minh chứng không còn trên máy chủ.",
    )


@require_POST
def attachment_remove(request, pk):
    record = permissions.get_attachment_for_user(request.user, pk)
    sheet = record.answer.assessment
    try:
        services.remove_attachment(attachment=record, by=request.user)
    except EvaluationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã gỡ “{record.original_name}” khỏi tiêu chí {record.answer.item_code}.")
    back = reverse("evaluations:assessment", args=[sheet.campaign_id, sheet.unit_id])
    return redirect(f"{back}#tc-{record.answer_id}")
