"""Import jobs: an upload is checked (inline when small, by the worker when large), shown, then confirmed."""

import datetime
import logging
import tempfile
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile, File
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from branches.models import Unit
from common.storing import StoreError, save_or_report
from common.workflow import transition
from members import conflicts
from members.models import Gender, ImportJob, ImportStatus, Member, MemberStatus

from .errors import ErrorWorkbookError, write_error_workbook
from .matching import ImportPlan, display, plan_import
from .workbook import WorkbookError, check_file, read_table
from .workflow import ImportStepRefused
from .writing import ImportRefused, write_import

# Files up to this size are checked and written during the request; larger ones go to the worker.
INLINE_MAX_BYTES = 256 * 1024
PREVIEW_LIMIT = 200
_FIELD_LABELS = {field.name: field.verbose_name for field in Member._meta.fields} | {"unit_id": "chi đoàn"}
_CHOICE_LABELS = {"gender": dict(Gender.choices), "status": dict(MemberStatus.choices)}

logger = logging.getLogger(__name__)

# A running job renews its heartbeat at least this often (every 1,000 rows checked, and before the write, which
# takes well under a minute for 100,000 rows); older than STALE_AFTER, its process is gone.
STALE_AFTER = datetime.timedelta(minutes=5)
STALE_MESSAGE = (
    "Quá trình xử lý tệp đã bị dừng giữa chừng (máy chủ khởi động lại hoặc bị ngắt); chưa ghi dòng nào. "
    "Bấm “Kiểm tra lại” để xử lý lại tệp này, hoặc tải tệp lên lại."
)
STORE_MESSAGE = (
    "Máy chủ không lưu được tệp tải lên (ổ đĩa đầy hoặc lỗi ghi); chưa có gì được ghi. "
    "Hãy thử lại sau; quản trị hệ thống đã được báo."
)


class ImportStoreError(WorkbookError):
    """The uploaded file could not be stored; the message is shown to the user."""


class JobLost(Exception):
    """The job was declared lost (its heartbeat was too old) while this process was still writing it."""


class WorkerLost(Exception):
    """The db_worker process stopped while a task was running (recorded on the task's result)."""


def start_import(*, unit, by, file_name: str, data: bytes) -> ImportJob:
    """Store an uploaded workbook as a job and check it (WorkbookError when the file is unusable)."""
    check_file(data)
    job = ImportJob(unit=unit, created_by=by, file_name=file_name[:255], in_background=len(data) > INLINE_MAX_BYTES)
    job.file.name = _store(job.file, file_name, ContentFile(data))
    job.heartbeat_at = timezone.now()
    job.save()
    if job.in_background:
        transaction.on_commit(lambda: _enqueued(job, check_import_task.enqueue(job.pk)))
    else:
        check_import(job=job)
    return job


def _store(field_file, file_name: str, content) -> str:
    """Save `content` in the file field's storage; on failure nothing of it stays and the administrator is told."""
    try:
        return save_or_report(field_file, file_name, content)
    except StoreError:
        raise ImportStoreError(STORE_MESSAGE) from None


def check_import(*, job: ImportJob) -> ImportJob:
    """Validate every row of the job's file and store the problems, the error workbook and what would change;
    writes no member."""
    if conflicts.is_throttled(job.created_by):
        fail_job(job=job, message=conflicts.THROTTLED_MESSAGE)
        return job
    plan = _plan(job)
    if plan is None:
        return job
    source = f"Nhập Excel: {job.file_name}"
    met = conflicts.record_conflicts(user=job.created_by, unit=job.unit, holder_ids=plan.id_holders, source=source)
    if met and conflicts.over_allowance(job.created_by):
        # Past the allowance, the file's conflicts are not shown row by row.
        fail_job(job=job, message=conflicts.THROTTLED_MESSAGE)
        return job
    job.summary = _summary(plan)
    job.problems = [vars(problem) for problem in sorted(plan.problems, key=lambda p: p.row)]
    error_file = _build_error_file(job) if job.problems else ""
    try:
        transition(
            obj=job,
            to=ImportStatus.CHECKED,
            by=None,
            fields={"summary": job.summary, "problems": job.problems, "error_file": error_file},
            prepare=_all_rows_processed,
        )
    except ImportStepRefused:  # declared lost while this process was still at work: the job keeps its failed state
        _remove(job.file.storage, error_file)
    job.refresh_from_db()
    return job


def _all_rows_processed(locked: ImportJob) -> None:
    locked.processed_rows = locked.total_rows


def _build_error_file(job: ImportJob) -> str:
    """The stored name of the user's workbook with its error column ("" if it cannot be built or stored)."""
    try:
        with tempfile.TemporaryFile() as target:
            with job.file.open("rb") as source:
                write_error_workbook(
                    source,
                    target,
                    sheet_name=job.summary.get("sheet_name", ""),
                    header_row=job.summary.get("header_row", 1),
                    problems=job.problems,
                    progress=lambda: _beat(job),
                )
            target.seek(0)
            return _store(job.error_file, "loi.xlsx", File(target))
    except (ErrorWorkbookError, ImportStoreError, OSError):
        logger.warning("No error workbook for import job %s", job.pk, exc_info=True)
        return ""


def _remove(storage, name: str) -> None:
    if name:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not remove %s", name)


def confirm_import(*, job: ImportJob, by, skip_invalid: bool = False) -> ImportJob:
    """Write the checked job (all its rows, or with skip_invalid all its valid rows, or none): inline when small,
    by the worker when large."""
    with transaction.atomic():
        # Locked here first so that each refusal keeps its own message; transition then checks the step and `by`.
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.CHECKED:
            raise ImportRefused("Lượt nhập này không ở trạng thái chờ xác nhận.")
        if job.problems and not skip_invalid:
            raise ImportRefused("Tệp còn lỗi; hãy sửa rồi tải lên lại.")
        if not (job.summary.get("create_count") or job.summary.get("update_count")):
            raise ImportRefused("Tệp không có dòng hợp lệ nào để nhập.")
        job = transition(obj=job, to=ImportStatus.WRITING, by=by, fields={"heartbeat_at": timezone.now()})
    if job.in_background:
        _enqueued(job, write_import_task.enqueue(job.pk, by.pk if by else None, skip_invalid))
        return job
    return write_job(job=job, by=by, skip_invalid=skip_invalid)


def write_job(*, job: ImportJob, by, skip_invalid: bool = False) -> ImportJob:
    """Check the file again against the registry as it is now (outside the write transaction), then write every
    row in one transaction that also marks the job done."""
    plan = _plan(job)
    if plan is None:
        return job
    confirmed = {problem["row"] for problem in job.problems}
    if skip_invalid and plan.problem_rows != confirmed:
        return _back_to_checked(
            job, plan, "Kết quả kiểm tra đã khác khi xác nhận (sổ đoàn viên vừa thay đổi); hãy xem lại rồi xác nhận."
        )

    def finish(result):
        # In the write transaction (transition nests as a savepoint): the rows and the job's "done" commit together,
        # or neither does.
        message = f"Đã thêm {result.created} đoàn viên, cập nhật {result.updated} hồ sơ."
        if result.skipped_rows:
            message += f" Bỏ qua {result.skipped_rows} dòng lỗi."
        fields = {
            "finished_at": timezone.now(),
            "created_count": result.created,
            "updated_count": result.updated,
            "skipped_count": result.skipped_rows,
            "message": message,
        }
        try:
            transition(obj=job, to=ImportStatus.DONE, by=None, fields=fields, prepare=_all_rows_processed)
        except ImportStepRefused:  # no longer "writing": declared lost meanwhile
            raise JobLost from None

    try:
        write_import(plan=plan, by=by, source_name=job.file_name, skip_invalid=skip_invalid, on_written=finish)
    except DatabaseError:
        # Nothing was written (one transaction); the job must not stay "writing" for ever.
        logger.exception("Import job %s failed while writing", job.pk)
        fail_job(
            job=job, message="Lỗi hệ thống khi ghi dữ liệu; chưa ghi dòng nào. Hãy tải tệp lên lại hoặc báo quản trị."
        )
        return job
    except JobLost:
        job.refresh_from_db()  # rolled back: the job keeps the state it was given meanwhile
        return job
    except ImportRefused as error:
        return _back_to_checked(job, plan, str(error))
    job.refresh_from_db()
    return job


def _back_to_checked(job: ImportJob, plan: ImportPlan, message: str) -> ImportJob:
    """The check just before the write refused it: show its fresh results and wait for a new confirmation."""
    storage, old_error_file = job.error_file.storage, job.error_file.name
    job.summary = _summary(plan)
    job.problems = [vars(problem) for problem in sorted(plan.problems, key=lambda p: p.row)]
    error_file = _build_error_file(job) if job.problems else ""
    fields = {"summary": job.summary, "problems": job.problems, "error_file": error_file, "message": message}
    try:
        transition(obj=job, to=ImportStatus.CHECKED, by=None, fields=fields)
    except ImportStepRefused:  # declared lost meanwhile: the job keeps its failed state and its files
        _remove(storage, error_file)
        job.refresh_from_db()
        return job
    _remove(storage, old_error_file)
    return job


def fail_job(*, job: ImportJob, message: str, prepare: Callable | None = None) -> bool:
    """Mark a running job failed with `message` for the user (a system step); False, and the job keeps its state,
    if it is no longer running (declared lost meanwhile, or `prepare` refused on the locked row)."""
    try:
        transition(
            obj=job,
            to=ImportStatus.FAILED,
            by=None,
            fields={"message": message, "finished_at": timezone.now()},
            prepare=prepare,
        )
    except ImportStepRefused:
        failed = False
    else:
        failed = True
    job.refresh_from_db()
    return failed


@task()
def check_import_task(job_id: int) -> None:
    """Check a large uploaded workbook row by row, reporting progress on the job (run by the db_worker)."""
    job = ImportJob.objects.select_related("unit").get(pk=job_id)
    try:
        check_import(job=job)
    except Exception:
        _fail_in_worker(job)
        raise


@task()
def write_import_task(job_id: int, user_id: int | None, skip_invalid: bool = False) -> None:
    """Write a confirmed large import in one transaction (its valid rows only with skip_invalid)."""
    job = ImportJob.objects.select_related("unit").get(pk=job_id)
    by = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        write_job(job=job, by=by, skip_invalid=skip_invalid)
    except Exception:
        _fail_in_worker(job)
        raise


def _fail_in_worker(job: ImportJob) -> None:
    # Only a job still running is failed (one that was declared lost meanwhile keeps its state).
    fail_job(
        job=job,
        message="Lỗi hệ thống khi xử lý tệp; chưa ghi dòng nào. Hãy bấm “Kiểm tra lại” hoặc báo quản trị.",
    )


def _enqueued(job: ImportJob, result) -> None:
    job.task_id = result.id
    ImportJob.objects.filter(pk=job.pk).update(task_id=result.id)


def _queued_tasks():
    """Tasks waiting for the worker: their jobs are not lost, only not started yet."""
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).values("id")


def is_stale(job: ImportJob, *, now=None) -> bool:
    """A running job whose process has not been heard from for STALE_AFTER (a job still queued is not)."""
    now = now or timezone.now()
    last = job.heartbeat_at or job.updated_at
    if not (job.is_running and last is not None and now - last > STALE_AFTER):
        return False
    return not (job.task_id and _queued_tasks().filter(id=job.task_id).exists())


def reclaim_if_stale(job: ImportJob) -> ImportJob:
    """Mark a job whose process is gone as failed (a write only in that case)."""
    if is_stale(job) and fail_job(job=job, message=STALE_MESSAGE, prepare=_still_stale):
        logger.warning("Import job %s was left running by a process that is gone", job.pk)
    return job


def _still_stale(locked: ImportJob) -> None:
    if not is_stale(locked):  # its process was heard from between the look and the lock
        raise ImportStepRefused("Lượt nhập này vẫn đang được xử lý.")


def reclaim_stale_jobs(*, background: bool = False) -> int:
    """Fail every running job whose process is gone; with background=True (a worker starting, the only one) also
    every running background job, whatever its heartbeat. Returns how many."""
    running = ImportJob.objects.filter(status__in=(ImportStatus.CHECKING, ImportStatus.WRITING)).exclude(
        task_id__in=_queued_tasks()
    )
    stale = Q(heartbeat_at__lt=timezone.now() - STALE_AFTER) | Q(heartbeat_at__isnull=True)
    if background:
        stale |= Q(in_background=True)
    lost = running.filter(stale)
    # One transition each (they are few); once a row is locked it is looked at again, so a job whose process was
    # heard from meanwhile is left alone.
    return sum(fail_job(job=job, message=STALE_MESSAGE, prepare=_still_in(lost)) for job in lost)


def _still_in(jobs):
    def check(locked: ImportJob) -> None:
        if not jobs.filter(pk=locked.pk).exists():
            raise ImportStepRefused("Lượt nhập này vẫn đang được xử lý.")

    return check


def retry_import(*, job: ImportJob, by) -> ImportJob:
    """Check a failed job's stored file again (nothing was written: every write is all rows or none)."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.FAILED or job.finished_at is None:
            raise ImportRefused("Chỉ kiểm tra lại được lượt nhập đã bị dừng.")
        if not job.file or not job.file.storage.exists(job.file.name):
            raise ImportRefused("Tệp của lượt nhập này không còn được lưu; hãy tải tệp lên lại.")
        fields = {"message": "", "finished_at": None, "processed_rows": 0, "heartbeat_at": timezone.now()}
        job = transition(obj=job, to=ImportStatus.CHECKING, by=by, fields=fields)
    if job.in_background:
        transaction.on_commit(lambda: _enqueued(job, check_import_task.enqueue(job.pk)))
        return job
    return check_import(job=job)


def _beat(job: ImportJob, **fields) -> None:
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now(), **fields)


def _plan(job: ImportJob) -> ImportPlan | None:
    """The plan for the job's file, updating the progress as rows are checked; None (job failed) if unreadable."""
    _beat(job)
    try:
        with job.file.open("rb") as handle:
            table = read_table(handle.read())
    except (WorkbookError, OSError) as error:
        message = str(error) if isinstance(error, WorkbookError) else "Tệp đã tải lên không còn được lưu."
        fail_job(job=job, message=message)
        return None
    job.total_rows = len(table.rows)
    _beat(job, total_rows=job.total_rows, processed_rows=0)

    def progress(done, total):
        _beat(job, processed_rows=done, total_rows=total)

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
        "foot_count": len(plan.foot_rows),
        "foot_from": plan.foot_rows[0] if plan.foot_rows else None,
        "foot_to": plan.foot_rows[-1] if plan.foot_rows else None,
        "duplicate_count": len(plan.duplicates),
        "duplicates": [{"row": row, "copy_of": original} for row, original in plan.duplicates[:PREVIEW_LIMIT]],
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
