"""Import jobs: an upload is checked (inline when small, by the worker when large), shown, then confirmed."""

import logging

from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction

from branches.models import Unit
from members.models import Gender, ImportJob, ImportStatus, Member, MemberStatus

from .service import ImportPlan, ImportRefused, display, plan_import, write_import
from .workbook import WorkbookError, check_file, read_table

# Files up to this size are checked and written during the request; larger ones go to the worker.
INLINE_MAX_BYTES = 256 * 1024
PREVIEW_LIMIT = 200
_FIELD_LABELS = {field.name: field.verbose_name for field in Member._meta.fields} | {"unit_id": "chi đoàn"}
_CHOICE_LABELS = {"gender": dict(Gender.choices), "status": dict(MemberStatus.choices)}

logger = logging.getLogger(__name__)


def start_import(*, unit, by, file_name: str, data: bytes) -> ImportJob:
    """Store an uploaded workbook as a job and check it (WorkbookError when the file is unusable)."""
    check_file(data)
    job = ImportJob(unit=unit, created_by=by, file_name=file_name[:255], in_background=len(data) > INLINE_MAX_BYTES)
    job.file.save(file_name, ContentFile(data), save=False)
    job.save()
    if job.in_background:
        from members.tasks import check_import_task

        transaction.on_commit(lambda: check_import_task.enqueue(job.pk))
    else:
        check_import(job=job)
    return job


def check_import(*, job: ImportJob) -> ImportJob:
    """Validate every row of the job's file and store the problems and what would change; writes no member."""
    plan = _plan(job)
    if plan is None:
        return job
    job.summary = _summary(plan)
    job.problems = [vars(problem) for problem in sorted(plan.problems, key=lambda p: p.row)]
    job.status = ImportStatus.CHECKED
    job.save(update_fields=["summary", "problems", "status", "updated_at"])
    return job


def confirm_import(*, job: ImportJob, by) -> ImportJob:
    """Write the checked job (all rows or none): inline when small, by the worker when large."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.CHECKED:
            raise ImportRefused("Lượt nhập này không ở trạng thái chờ xác nhận.")
        if job.problems:
            raise ImportRefused("Tệp còn lỗi; hãy sửa rồi tải lên lại.")
        job.status = ImportStatus.WRITING
        job.processed_rows = 0
        job.save(update_fields=["status", "processed_rows", "updated_at"])
    if job.in_background:
        from members.tasks import write_import_task

        write_import_task.enqueue(job.pk, by.pk if by else None)
        return job
    return write_job(job=job, by=by)


def write_job(*, job: ImportJob, by) -> ImportJob:
    """Check the file again against the registry as it is now, then write every row in one transaction."""
    plan = _plan(job)
    if plan is None:
        return job
    try:
        result = write_import(plan=plan, by=by, source_name=job.file_name)
    except DatabaseError:
        # Nothing was written (one transaction); the job must not stay "writing" for ever.
        logger.exception("Import job %s failed while writing", job.pk)
        job.status = ImportStatus.FAILED
        job.message = "Lỗi hệ thống khi ghi dữ liệu; chưa ghi dòng nào. Hãy tải tệp lên lại hoặc báo quản trị."
        job.save(update_fields=["status", "message", "updated_at"])
        return job
    except ImportRefused as error:
        job.summary = _summary(plan)
        job.problems = [vars(problem) for problem in sorted(plan.problems, key=lambda p: p.row)]
        job.status, job.message = ImportStatus.CHECKED, str(error)
        job.save()
        return job
    job.status = ImportStatus.DONE
    job.created_count, job.updated_count = result.created, result.updated
    job.message = f"Đã thêm {result.created} đoàn viên, cập nhật {result.updated} hồ sơ."
    job.save()
    return job


def _plan(job: ImportJob) -> ImportPlan | None:
    """The plan for the job's file, updating the progress as rows are checked; None (job failed) if unreadable."""
    try:
        with job.file.open("rb") as handle:
            table = read_table(handle.read())
    except WorkbookError as error:
        job.status, job.message = ImportStatus.FAILED, str(error)
        job.save(update_fields=["status", "message", "updated_at"])
        return None
    ImportJob.objects.filter(pk=job.pk).update(total_rows=len(table.rows))
    job.total_rows = len(table.rows)

    def progress(done, total):
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total)

    return plan_import(table=table, unit=job.unit, progress=progress if job.in_background else None)


def _summary(plan: ImportPlan) -> dict:
    """Counts and the first rows of what would be created and updated, for the preview page."""
    unit_ids = {value for p in plan.updates[:PREVIEW_LIMIT] for value in p.changes.get("unit_id", ())}
    unit_codes = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "code"))

    def shown(key, value):
        if key == "unit_id":
            return unit_codes.get(value, "")
        if isinstance(value, bool):
            return "Có" if value else "Không"
        return _CHOICE_LABELS.get(key, {}).get(value) or display(value)

    return {
        "sheet_name": plan.sheet_name,
        "header_row": plan.header_row,
        "create_count": len(plan.creates),
        "update_count": len(plan.updates),
        "unchanged_count": plan.unchanged,
        "ignored_count": plan.ignored,
        "problem_row_count": len(plan.problem_rows),
        "creates": [
            {"row": p.row, "full_name": p.values["full_name"], "birth_date": display(p.values["birth_date"])}
            for p in plan.creates[:PREVIEW_LIMIT]
        ],
        "updates": [
            {
                "row": p.row,
                "full_name": p.values["full_name"],
                "changes": [
                    {"field": str(_FIELD_LABELS.get(key, key)), "old": shown(key, old), "new": shown(key, new)}
                    for key, (old, new) in p.changes.items()
                ],
            }
            for p in plan.updates[:PREVIEW_LIMIT]
        ],
    }
