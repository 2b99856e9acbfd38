"""An import job's status changes only through its workflow: each step is an event, people need the roll, and a job
declared lost while its process was still at work keeps its failed state."""

import datetime

import pytest
from django.utils import timezone

from common.workflow import events_for
from members.importing import jobs
from members.importing.workbook import WorkbookError
from members.importing.writing import ImportRefused
from members.models import ImportJob, ImportStatus, Member
from tests.members.data.workbooks import member_row, office_workbook, workbook_bytes

CHECKING, CHECKED, WRITING, DONE, FAILED = (
    ImportStatus.CHECKING,
    ImportStatus.CHECKED,
    ImportStatus.WRITING,
    ImportStatus.DONE,
    ImportStatus.FAILED,
)


def start(world, data=None):
    data = data or office_workbook()
    return jobs.start_import(unit=world.units.eaphe, by=world.secretary, file_name="ds.xlsx", data=data)


def steps(job):
    return [(event.from_status, event.to_status, event.by) for event in events_for(job)]


def declare_lost(job):
    assert jobs.fail_job(job=ImportJob.objects.get(pk=job.pk), message=jobs.STALE_MESSAGE)


def test_each_step_of_an_import_is_an_event_naming_who_took_it(world):
    job = jobs.confirm_import(job=start(world), by=world.secretary)
    assert (job.status, Member.objects.count()) == (DONE, 3)
    assert steps(job) == [(CHECKING, CHECKED, None), (CHECKED, WRITING, world.secretary), (WRITING, DONE, None)]


@pytest.mark.parametrize("who", ["province", "bmt_secretary", "norole"])
def test_only_a_keeper_of_the_units_roll_may_confirm(world, who):
    job = start(world)
    with pytest.raises(ImportRefused, match="Bạn không có quyền thực hiện thao tác này."):
        jobs.confirm_import(job=job, by=getattr(world, who))
    job.refresh_from_db()
    assert (job.status, steps(job), Member.objects.count()) == (CHECKED, [(CHECKING, CHECKED, None)], 0)


def test_a_failed_job_is_checked_again_only_by_a_keeper_of_the_roll(world, monkeypatch):
    def unreadable(data):
        raise WorkbookError("Không đọc được tệp.")

    monkeypatch.setattr(jobs, "read_table", unreadable)
    job = start(world)
    monkeypatch.undo()
    assert (job.status, job.message) == (FAILED, "Không đọc được tệp.")
    with pytest.raises(ImportRefused, match="Bạn không có quyền"):
        jobs.retry_import(job=job, by=world.province)
    job = jobs.retry_import(job=job, by=world.secretary)
    assert job.status == CHECKED
    assert steps(job) == [(CHECKING, FAILED, None), (FAILED, CHECKING, world.secretary), (CHECKING, CHECKED, None)]


def test_a_job_declared_lost_while_it_was_being_checked_keeps_its_failed_state(world, monkeypatch):
    planned = jobs.plan_import

    def slow_check(**kwargs):
        plan = planned(**kwargs)
        declare_lost(ImportJob.objects.get())  # meanwhile, another request found its heartbeat too old
        return plan

    monkeypatch.setattr(jobs, "plan_import", slow_check)
    storage = ImportJob._meta.get_field("file").storage
    before = set(storage.listdir("nhap-doan-vien")[1]) if storage.exists("nhap-doan-vien") else set()
    job = start(world, workbook_bytes([member_row(1, birth="31/02/2000")]))  # with problems: an error file is built
    assert (job.status, job.message, job.error_file.name) == (FAILED, jobs.STALE_MESSAGE, "")
    stored = set(storage.listdir("nhap-doan-vien")[1]) - before
    assert stored == {job.file.name.rsplit("/", 1)[1]}  # its error file was removed, not left orphaned
    assert steps(job) == [(CHECKING, FAILED, None)]


def test_a_job_declared_lost_before_its_recheck_refused_the_write_stays_failed(world, monkeypatch):
    job = start(world, workbook_bytes([member_row(1), member_row(2, birth="31/02/2000")]))
    job = jobs.confirm_import(job=job, by=world.secretary, skip_invalid=True)
    assert job.status == DONE
    job = start(world, workbook_bytes([member_row(3), member_row(4, birth="31/02/2000")]))
    monkeypatch.setattr(jobs, "write_job", lambda **kwargs: kwargs["job"])  # the worker has not started yet
    job = jobs.confirm_import(job=job, by=world.secretary, skip_invalid=True)
    monkeypatch.undo()
    declare_lost(job)
    job.problems = []  # the rows confirmed no longer match the fresh check: the write goes back to "checked"
    job = jobs.write_job(job=job, by=world.secretary, skip_invalid=True)
    assert (job.status, job.message) == (FAILED, jobs.STALE_MESSAGE)
    assert Member.objects.count() == 1


def test_reclaiming_fails_each_stale_job_and_counts_them(world):
    stale = [start(world), start(world)]
    fresh = start(world)
    old = timezone.now() - jobs.STALE_AFTER - datetime.timedelta(minutes=1)
    ImportJob.objects.filter(pk__in=[job.pk for job in stale]).update(status=WRITING, heartbeat_at=old)
    ImportJob.objects.filter(pk=fresh.pk).update(status=WRITING, heartbeat_at=timezone.now())
    assert jobs.reclaim_stale_jobs() == 2
    for job in stale:
        job.refresh_from_db()
        assert (job.status, job.message, steps(job)[-1]) == (FAILED, jobs.STALE_MESSAGE, (WRITING, FAILED, None))
    fresh.refresh_from_db()
    assert fresh.status == WRITING


def test_a_job_heard_from_between_the_look_and_the_lock_is_not_reclaimed(world, monkeypatch):
    job = start(world)
    old = timezone.now() - jobs.STALE_AFTER - datetime.timedelta(minutes=1)
    ImportJob.objects.filter(pk=job.pk).update(status=WRITING, heartbeat_at=old)
    fail_job = jobs.fail_job

    def beat_first(**kwargs):
        ImportJob.objects.filter(pk=kwargs["job"].pk).update(heartbeat_at=timezone.now())
        return fail_job(**kwargs)

    monkeypatch.setattr(jobs, "fail_job", beat_first)
    assert jobs.reclaim_stale_jobs() == 0
    job.refresh_from_db()
    assert job.status == WRITING
