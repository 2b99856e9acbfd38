"""Pages of the Excel import (upload, preview, progress, confirm, error workbook) and the Excel export."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from members import exporting
from members.filters import filter_members
from members.models import Member
from members.permissions import get_roll_unit_for_user

from . import jobs
from .access import get_import_job_for_user
from .errors import ErrorWorkbookError, error_workbook
from .forms import UploadForm
from .service import ImportRefused
from .workbook import WorkbookError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROBLEMS_PAGE_SIZE = 100


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
    return render(request, "members/import_upload.html", {"unit": unit, "form": form})


def import_detail(request, pk):
    job = get_import_job_for_user(request.user, pk)
    problems = Paginator(job.problems, PROBLEMS_PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "members/import_preview.html", {"job": job, "unit": job.unit, "problems": problems})


def import_progress(request, pk):
    job = get_import_job_for_user(request.user, pk)
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
        job = jobs.confirm_import(job=job, by=request.user)
    except ImportRefused as error:
        messages.error(request, str(error))
    else:
        if job.message and not job.is_running:
            messages.info(request, job.message)
    return redirect("member_import:detail", pk=job.pk)


def import_errors(request, pk):
    """The user's workbook with an error column; only for a checked file that has problems.

    Cost: the whole stored file is loaded with openpyxl during the request, linear in its cells: about 6 s and
    150 MB of memory for 20,000 template rows (measured on a development machine, November 2026). The only bound
    is the upload's (MAX_UPLOAD_BYTES, MAX_UNCOMPRESSED_BYTES in members/importing/workbook.py), so a file of
    100,000 rows costs about five times that.
    """
    job = get_import_job_for_user(request.user, pk)
    if not job.problems or not job.file:
        raise Http404("Lượt nhập này không có tệp lỗi.")
    try:
        with job.file.open("rb") as handle:
            original = handle.read()
    except OSError:
        raise Http404("Tệp đã tải lên không còn được lưu.") from None
    try:
        data = error_workbook(
            original,
            sheet_name=job.summary.get("sheet_name", ""),
            header_row=job.summary.get("header_row", 1),
            problems=job.problems,
        )
    except ErrorWorkbookError as error:
        messages.error(request, str(error))
        return redirect("member_import:detail", pk=job.pk)
    return _xlsx(data, f"loi-{job.file_name.rsplit('.', 1)[0]}.xlsx")


@require_GET
def import_template(request):
    return _xlsx(exporting.template_workbook(), "mau-danh-sach-doan-vien.xlsx")


def member_export(request, unit_pk):
    """Exactly the list the user filtered (same GET parameters as the member list), as Excel."""
    unit = get_roll_unit_for_user(request.user, unit_pk)
    members = filter_members(Member.objects.visible_to(request.user).in_subtree(unit), request.GET)
    data = exporting.export_members(members, title=f"DANH SÁCH ĐOÀN VIÊN – {unit.name.upper()}")
    return _xlsx(data, f"doan-vien-{unit.code.lower()}-{datetime.date.today():%Y%m%d}.xlsx")


def _xlsx(data: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def upload_url(unit) -> str:
    return reverse("member_import:upload", args=[unit.pk])
