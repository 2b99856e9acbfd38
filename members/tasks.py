"""Background jobs of the members app (run by `python manage.py db_worker`)."""

from django.contrib.auth import get_user_model
from django_tasks import task

from members.importing import jobs
from members.models import ImportJob


@task()
def check_import_task(job_id: int) -> None:
    """Check a large uploaded workbook row by row, reporting progress on the job."""
    job = ImportJob.objects.select_related("unit").get(pk=job_id)
    try:
        jobs.check_import(job=job)
    except Exception:
        _fail(job)
        raise


@task()
def write_import_task(job_id: int, user_id: int | None, skip_invalid: bool = False) -> None:
    """Write a confirmed large import in one transaction (its valid rows only with skip_invalid)."""
    job = ImportJob.objects.select_related("unit").get(pk=job_id)
    by = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        jobs.write_job(job=job, by=by, skip_invalid=skip_invalid)
    except Exception:
        _fail(job)
        raise


def _fail(job: ImportJob) -> None:
    # Only a job still running is failed (one that was declared lost meanwhile keeps its state).
    jobs.fail_job(
        job=job,
        message="Lỗi hệ thống khi xử lý tệp; chưa ghi dòng nào. Hãy bấm “Kiểm tra lại” hoặc báo quản trị.",
    )
