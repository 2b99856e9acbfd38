"""Pages of the Excel import (upload, preview, progress, confirm, error workbook) and the Excel export."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from common.downloads import XLSX, stored_file_response, xlsx_attachment
from members import conflicts, exporting
from members.filters import filter_members
from members.models import ImportJob, Member
from members.permissions import get_roll_unit_for_user

from . import jobs
from .access import get_import_job_for_user
from .forms import UploadForm
from .workbook import WorkbookError
from .writing import ImportRefused

PROBLEMS_PAGE_SIZE = 100


PAST_IMPORTS = 20
CONFLICTS_PAGE_SIZE = 50
NO_ERROR_FILE = "Không dựng được tệp kèm cột lỗi cho tệp này; hãy xem danh sách lỗi trên trang này và sửa trong tệp."


def import_upload(request, unit_pk):
    unit = get_roll_unit_for_user(request.user, unit_pk, write=True)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = jobs.start_import(unit=unit, by=request.user, file_name=upload.name, data=upload.read())
        except WorkbookError as error:
            form.add_error("file", str(error))
        else:
            return redirect("member_import:detail", pk=job.pk)
    past = ImportJob.objects.filter(unit=unit).select_related("created_by").defer("summary", "problems")
    return render(request, "members/import_upload.html", {"unit": unit, "form": form, "past_jobs": past[:PAST_IMPORTS]})


def import_detail(request, pk):
    job = jobs.reclaim_if_stale(get_import_job_for_user(request.user, pk))
    problems = Paginator(job.problems, PROBLEMS_PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "members/import_preview.html", {"job": job, "unit": job.unit, "problems": problems})


def import_progress(request, pk):
    job = jobs.reclaim_if_stale(get_import_job_for_user(request.user, pk))
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "running": job.is_running,
            "percent": job.percent,
            "processed": job.processed_rows,
            "total": job.total_rows,
        }
    )


@require_POST
def import_confirm(request, pk):
    job = get_import_job_for_user(request.user, pk, write=True)
    try:
        job = jobs.confirm_import(job=job, by=request.user, skip_invalid=request.POST.get("bo_qua_loi") == "1")
    except ImportRefused as error:
        messages.error(request, str(error))
    else:
        if job.message and not job.is_running:
            messages.info(request, job.message)
    return redirect("member_import:detail", pk=job.pk)


@require_POST
def import_retry(request, pk):
    job = get_import_job_for_user(request.user, pk, write=True)
    try:
        job = jobs.retry_import(job=job, by=request.user)
    except ImportRefused as error:
        messages.error(request, str(error))
    return redirect("member_import:detail", pk=job.pk)


def import_errors(request, pk):
    """The user's workbook with an error column, built when the file was checked and stored with the job."""
    job = get_import_job_for_user(request.user, pk)
    if not job.problems:
        raise Http404("Lượt nhập này không có tệp lỗi.")
    if not job.error_file:
        messages.error(request, NO_ERROR_FILE)
        return redirect("member_import:detail", pk=job.pk)
    return stored_file_response(
        job.error_file,
        filename=f"loi-{job.file_name.rsplit('.', 1)[0]}.xlsx",
        content_type=XLSX,
        missing="Tệp lỗi không còn được lưu.",
    )


@require_GET
def id_conflicts(request):
    """Security events: CCCD numbers users met outside their scope (province committee, system administrators)."""
    if not conflicts.can_see_id_conflicts(request.user):
        raise PermissionDenied("Chỉ Ban Tổ chức – Kiểm tra Tỉnh đoàn xem được trang này.")
    events = Paginator(conflicts.conflicts_visible_to(request.user), CONFLICTS_PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    return render(
        request,
        "members/import_conflicts.html",
        {"events": events, "limit": settings.CCCD_CONFLICTS_PER_DAY},
    )


@require_GET
def import_template(request):
    return xlsx_attachment(exporting.template_workbook(), "mau-danh-sach-doan-vien.xlsx")


def member_export(request, unit_pk):
    """Exactly the list the user filtered (same GET parameters as the member list), as Excel."""
    unit = get_roll_unit_for_user(request.user, unit_pk)
    members = filter_members(Member.objects.visible_to(request.user).in_subtree(unit), request.GET)
    data = exporting.export_members(members, title=f"DANH SÁCH ĐOÀN VIÊN – {unit.name.upper()}")
    return xlsx_attachment(data, f"doan-vien-{unit.code.lower()}-{datetime.date.today():%Y%m%d}.xlsx")


def upload_url(unit) -> str:
    return reverse("member_import:upload", args=[unit.pk])
