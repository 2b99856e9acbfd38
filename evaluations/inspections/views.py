"""Inspection pages: the list, the plan of a superior unit, recording and editing a record, its follow-up,
archiving, and its files."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from branches.permissions import get_unit_for_user
from common.downloads import stored_file_response, xlsx_attachment
from common.locking import version_token, with_version
from criteria.scoring import SetSpec
from evaluations.errors import EvaluationError

from . import contexts, exports, periods, permissions, services
from .forms import ArchiveForm, FollowUpForm, InspectionForm
from .models import InspectionKind

require_GET_POST = require_http_methods(["GET", "POST"])
NO_SPEC = SetSpec(max_total=0, groups=(), levels=())


def _only_get(request):
    """For read-only pages: asked after the lookup, so an outsider's POST gets the same 404 as a GET."""
    return None if request.method in ("GET", "HEAD") else HttpResponseNotAllowed(["GET"])


def _year(value, default: int) -> int:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else default


def inspection_list(request):
    """The records of the user's scope (the inspected unit sees its own), newest first, filtered and paged."""
    unit = get_unit_for_user(request.user, request.GET["don_vi"]) if request.GET.get("don_vi") else None
    context = contexts.list_context(request.user, request.GET, unit=unit, today=timezone.localdate())
    return render(request, "evaluations/inspection_list.html", context)


def inspection_xlsx(request):
    """The list page's records as Excel: every page, with the same filters (one unit's subtree with `don_vi`)."""
    unit = get_unit_for_user(request.user, request.GET["don_vi"]) if request.GET.get("don_vi") else None
    if (refused := _only_get(request)) is not None:
        return refused
    context = contexts.export_context(request.user, request.GET, unit=unit, today=timezone.localdate())
    year = f"-{context['year']}" if context["year"] else ""
    return xlsx_attachment(exports.inspections_xlsx(context), f"bien-ban-kiem-tra{year}.xlsx")


def inspection_plan_home(request):
    """The plan of the user's own superior unit (the province's for its committee)."""
    units = contexts.plan_units(request.user)
    if not units:
        raise PermissionDenied("Kế hoạch kiểm tra dành cho cán bộ đoàn cấp trên trực tiếp cơ sở và Tỉnh đoàn.")
    url = reverse("evaluations:inspection_plan", args=[units[0].pk])
    return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)


def inspection_plan(request, unit_pk):
    """Which grassroots units of a superior unit are not yet inspected this half-year and this year."""
    unit = get_unit_for_user(request.user, unit_pk)
    if (refused := _only_get(request)) is not None:
        return refused
    if not permissions.can_plan_inspections(request.user, unit):
        raise PermissionDenied("Kế hoạch kiểm tra dành cho cán bộ của đơn vị cấp trên.")
    today = timezone.localdate()
    context = contexts.plan_context(
        request.user,
        unit,
        year=_year(request.GET.get("nam"), today.year),
        today=today,
        only_missing=bool(request.GET.get("chua")),
    )
    return render(request, "evaluations/inspection_plan.html", context)


def _spec(request, unit, year):
    try:
        return services.inspection_spec(unit, year)
    except services.InspectionError as error:
        if request.method == "GET":
            messages.error(request, error.message)
        return NO_SPEC


def _form_page(request, form, unit, **extra):
    context = {"form": form, "unit": unit, "ancestors": unit.ancestors(), "sections": list(form.sections()), **extra}
    return render(request, "evaluations/inspection_form.html", context)


def _create_initial(params, today) -> dict:
    year = _year(params.get("nam"), today.year)
    kind = params.get("loai") if params.get("loai") in InspectionKind.values else InspectionKind.SIX_MONTH
    half = params.get("dot") if params.get("dot") in ("1", "2") else periods.half_of(today)
    start, end = periods.period_bounds(year, int(half) if kind == InspectionKind.SIX_MONTH else None)
    return {
        "kind": kind,
        "year": year,
        "half": half if kind == InspectionKind.SIX_MONTH else None,
        "inspection_date": today if start <= today <= end else None,
        "spec_year": year,
    }


@require_GET_POST
def inspection_create(request, unit_pk):
    """Record an inspection of a grassroots unit (officers of a superior unit above it, the province)."""
    unit = permissions.get_inspected_unit_for_user(request.user, unit_pk)
    inspecting = permissions.inspecting_units(request.user, unit)
    if not inspecting:
        raise PermissionDenied("Chỉ cán bộ đoàn cấp trên của đơn vị được ghi biên bản kiểm tra.")
    today = timezone.localdate()
    initial = _create_initial(request.GET, today)
    year = _year(request.POST.get("year"), initial["year"])
    spec = _spec(request, unit, year)
    form = InspectionForm(request.POST or None, spec=spec, inspecting_units=inspecting, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.year_changed():
            return _year_changed(request, form, unit, inspecting_units=inspecting, title="Ghi biên bản kiểm tra")
        by_pk = {u.pk: u for u in inspecting}
        try:
            record = services.record_inspection(
                inspected_unit=unit,
                inspecting_unit=by_pk[form.cleaned_data["inspecting_unit"]],
                by=request.user,
                findings=form.findings(),
                today=today,
                **form.record_fields(),
            )
        except services.InspectionError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, f"Đã ghi biên bản kiểm tra {unit.name} ngày {record.inspection_date:%d/%m/%Y}.")
            return redirect("evaluations:inspection_detail", record.pk)
    return _form_page(request, form, unit, title="Ghi biên bản kiểm tra", inspection=None)


def _year_changed(request, form, unit, **extra):
    """Show the new year's items with what the user typed, before saving anything."""
    data = request.POST.copy()
    data["spec_year"] = str(form.cleaned_data["year"])
    form = InspectionForm(data, spec=form.spec, inspecting_units=extra.pop("inspecting_units", None))
    form.is_valid()
    messages.info(request, f"Đã đổi sang năm {data['spec_year']}: hãy xem lại nội dung kiểm tra theo tiêu chí năm này.")
    return _form_page(request, form, unit, inspection=extra.pop("inspection", None), **extra)


def _edit_initial(record) -> dict:
    initial = {name: getattr(record, name) for name in services.RECORD_FIELDS}
    initial.update(version=version_token(record), spec_year=record.year)
    for finding in record.findings.all():
        prefix = f"i{finding.item_code}" if finding.item_code else f"g{finding.group_number}"
        initial[f"{prefix}-result"], initial[f"{prefix}-note"] = finding.result, finding.note
    return initial


@require_GET_POST
def inspection_edit(request, pk):
    """Change a record (the inspecting side); the history keeps the earlier versions."""
    record = permissions.get_inspection_for_user(request.user, pk, edit=True)
    if record.archived_at is not None:
        messages.error(request, services.ARCHIVED_MESSAGE)
        return redirect("evaluations:inspection_detail", record.pk)
    unit = record.inspected_unit
    year = _year(request.POST.get("year"), record.year)
    form = InspectionForm(request.POST or None, spec=_spec(request, unit, year), initial=_edit_initial(record))
    title = "Sửa biên bản kiểm tra"
    if request.method == "POST" and form.is_valid():
        if form.year_changed():
            return _year_changed(request, form, unit, inspection=record, title=title)
        try:
            services.update_inspection(
                inspection=record,
                by=request.user,
                findings=form.findings(),
                today=timezone.localdate(),
                expected_version=form.cleaned_data.get("version") or None,
                **form.record_fields(),
            )
        except services.StaleInspectionError as error:
            record.refresh_from_db()
            form = InspectionForm(with_version(request.POST, record), spec=form.spec)
            form.is_valid()
            form.add_error(None, error.message)
        except services.InspectionError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "Đã lưu biên bản kiểm tra.")
            return redirect("evaluations:inspection_detail", record.pk)
    return _form_page(request, form, unit, title=title, inspection=record)


def inspection_detail(request, pk):
    """One record: findings by group and item, conclusion, recommendations, follow-up, files, history."""
    record = permissions.get_inspection_for_user(request.user, pk)
    if (refused := _only_get(request)) is not None:
        return refused
    context = contexts.detail_context(request.user, record, today=timezone.localdate())
    return render(request, "evaluations/inspection_detail.html", context)


@require_POST
def inspection_follow_up(request, pk):
    """The inspected unit (or the inspectors) record what was done about the recommendations."""
    record = permissions.get_inspection_for_user(request.user, pk)
    if not permissions.can_follow_up(request.user, record):
        raise PermissionDenied("Chỉ đơn vị được kiểm tra hoặc đơn vị đã kiểm tra được ghi kết quả khắc phục.")
    form = FollowUpForm(request.POST)
    today = timezone.localdate()
    if form.is_valid():
        try:
            services.record_follow_up(inspection=record, by=request.user, today=today, **form.cleaned_data)
        except services.InspectionError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, "Đã ghi kết quả khắc phục.")
            return redirect(reverse("evaluations:inspection_detail", args=[record.pk]) + "#khac-phuc")
    context = contexts.detail_context(request.user, record, today=today, follow_up_form=form)
    return render(request, "evaluations/inspection_detail.html", context)


@require_POST
def inspection_archive(request, pk):
    """Archive a record with a reason (it leaves the lists and counts but is kept), or restore it."""
    record = permissions.get_inspection_for_user(request.user, pk, edit=True)
    form = ArchiveForm(request.POST)
    try:
        if not form.is_valid():
            raise services.InspectionError("Thao tác không hợp lệ.")
        if form.cleaned_data["action"] == "archive":
            services.archive_inspection(inspection=record, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, "Đã lưu trữ biên bản; biên bản không còn được tính trong danh sách và kế hoạch.")
        else:
            services.restore_inspection(inspection=record, by=request.user)
            messages.success(request, "Đã khôi phục biên bản.")
    except services.InspectionError as error:
        messages.error(request, error.message)
    return redirect("evaluations:inspection_detail", record.pk)


@require_POST
def inspection_attachment_upload(request, pk):
    record = permissions.get_inspection_for_user(request.user, pk)
    if not services.can_attach(request.user, record):
        raise PermissionDenied("Bạn chỉ được xem biên bản này.")
    files = request.FILES.getlist("file")
    if not files:
        messages.error(request, "Hãy chọn tệp cần tải lên.")
    for uploaded in files:
        try:
            services.add_inspection_attachment(inspection=record, by=request.user, uploaded=uploaded)
        except EvaluationError as error:  # the rules, and the content and size checks of uploads.check_upload
            messages.error(request, error.message)
        else:
            messages.success(request, f"Đã thêm “{uploaded.name}”.")
    return redirect(reverse("evaluations:inspection_detail", args=[record.pk]) + "#tep")


def inspection_attachment(request, pk):
    """A file of a record, only through this scoped view (never a public media URL)."""
    record = permissions.get_inspection_attachment_for_user(request.user, pk)
    if (refused := _only_get(request)) is not None:
        return refused
    return stored_file_response(
        record.file,
        filename=record.original_name,
        content_type=record.content_type,
        missing="Tệp không còn trên máy chủ.",
    )


@require_POST
def inspection_attachment_remove(request, pk):
    record = permissions.get_inspection_attachment_for_user(request.user, pk)
    if not services.can_attach(request.user, record.inspection):
        raise PermissionDenied("Bạn chỉ được xem biên bản này.")
    try:
        services.remove_inspection_attachment(attachment=record, by=request.user)
    except EvaluationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã gỡ “{record.original_name}”.")
    return redirect(reverse("evaluations:inspection_detail", args=[record.inspection_id]) + "#tep")


def inspection_panel(request, unit) -> str:
    """The unit page's panel (registered in apps.py): latest records, or the plan of this half; "" for others."""
    context = contexts.panel_context(request.user, unit, today=timezone.localdate())
    if context is None:
        return ""
    return render_to_string("evaluations/_inspection_panel.html", context, request=request)
