"""Fetch-and-authorise for import jobs: 404 outside the user's scope, 403 when the user may only read."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from members.models import ImportJob
from members.permissions import can_edit_members


def get_import_job_for_user(user, pk, *, write=False) -> ImportJob:
    """The import job with `pk` if its unit is in the user's scope; with write=True, 403 unless they keep the roll."""
    jobs = ImportJob.objects.visible_to(user).select_related("unit", "created_by")
    try:
        job = jobs.get(pk=pk)
    except (ImportJob.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy lượt nhập.") from None
    if write and not can_edit_members(user, job.unit):
        raise PermissionDenied("Bạn chỉ được xem lượt nhập này.")
    return job
