"""Faults while importing: a process killed while it checks or writes, a worker restarted, a disk that is full."""

import datetime
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from members.importing import jobs, writing
from members.models import ImportJob, ImportStatus, Member
from tests.full_disk import FullDisk
from tests.members.data.workbooks import member_row, office_workbook, workbook_bytes
from tests.members.test_import_views import upload


class Killed(BaseException):
    """The process dies here: no handler of the application runs (SIGKILL, OOM killer, power cut)."""


def long_ago(job):
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - jobs.STALE_AFTER - datetime.timedelta(1))


def checked_job(world):
    return jobs.start_import(unit=world.units.eaphe, by=world.secretary, file_name="ds.xlsx", data=office_workbook())


def test_a_job_killed_while_checking_is_marked_failed_and_can_be_checked_again(world, login, monkeypatch):
    def die(**kwargs):
        raise Killed

    monkeypatch.setattr(jobs, "plan_import", die)
    with pytest.raises(Killed):
        checked_job(world)
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.CHECKING
    client = login(world.secretary)
    assert client.get(reverse("member_import:progress", args=[job.pk])).json()["running"] is True  # still alive?

    long_ago(job)
    data = client.get(reverse("member_import:progress", args=[job.pk])).json()
    assert (data["status"], data["running"]) == (ImportStatus.FAILED, False)  # the page stops polling
    page = client.get(reverse("member_import:detail", args=[job.pk])).content.decode()
    assert "đã bị dừng giữa chừng" in page and "Kiểm tra lại tệp này" in page

    monkeypatch.undo()
    client.post(reverse("member_import:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED
    client.post(reverse("member_import:confirm", args=[job.pk]))
    assert Member.objects.count() == 3


def test_a_job_killed_while_writing_wrote_nothing_and_is_failed_once_its_heartbeat_is_old(world, login, monkeypatch):
    job = checked_job(world)

    def die(ids, **kwargs):  # killed after the members' INSERT, while their history is written
        raise Killed

    monkeypatch.setattr(writing, "copy_history_of", die)
    with pytest.raises(Killed):
        jobs.confirm_import(job=job, by=world.secretary)
    job.refresh_from_db()
    assert job.status == ImportStatus.WRITING
    assert Member.objects.count() == 0
    long_ago(job)
    client = login(world.secretary)
    assert client.get(reverse("member_import:progress", args=[job.pk])).json()["status"] == ImportStatus.FAILED
    monkeypatch.undo()
    client.post(reverse("member_import:retry", args=[job.pk]))
    client.post(reverse("member_import:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, Member.objects.count()) == (ImportStatus.DONE, 3)


def test_rows_and_the_done_mark_commit_together(world, monkeypatch):
    """A process dying just after the commit leaves a finished job, never written rows under a "writing" one."""
    job = checked_job(world)
    original = jobs.write_import

    def write_then_die(**kwargs):
        original(**kwargs)
        raise Killed

    monkeypatch.setattr(jobs, "write_import", write_then_die)
    with pytest.raises(Killed):
        jobs.confirm_import(job=job, by=world.secretary)
    job.refresh_from_db()
    assert Member.objects.count() == 3
    assert (job.status, job.created_count, job.processed_rows) == (ImportStatus.DONE, 3, job.total_rows)
    assert job.processed_rows > 0


def test_a_process_declared_lost_that_wakes_up_writes_nothing(world):
    job = checked_job(world)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.WRITING)
    job.refresh_from_db()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.FAILED, message=jobs.STALE_MESSAGE)
    jobs.write_job(job=job, by=world.secretary)
    assert Member.objects.count() == 0
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED


def test_a_running_job_with_a_recent_heartbeat_is_left_alone(world):
    job = checked_job(world)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.WRITING, heartbeat_at=timezone.now())
    call_command("reclaim_import_jobs", stdout=None)
    job.refresh_from_db()
    assert job.status == ImportStatus.WRITING


def test_the_worker_reclaims_jobs_and_tasks_left_running_when_it_starts(world, monkeypatch):
    monkeypatch.setattr(jobs, "INLINE_MAX_BYTES", 0)
    job = jobs.start_import(unit=world.units.eaphe, by=world.secretary, file_name="ds.xlsx", data=office_workbook())
    result = jobs.check_import_task.enqueue(job.pk)
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.RUNNING, started_at=timezone.now())
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now(), task_id=result.id)  # only a restart tells
    queued = jobs.start_import(unit=world.units.eaphe, by=world.secretary, file_name="b.xlsx", data=office_workbook())
    ImportJob.objects.filter(pk=queued.pk).update(task_id=jobs.check_import_task.enqueue(queued.pk).id)
    call_command("reclaim_import_jobs", "--worker-start", stdout=None)
    job.refresh_from_db()
    assert (job.status, job.message) == (ImportStatus.FAILED, jobs.STALE_MESSAGE)
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.FAILED
    queued.refresh_from_db()
    assert queued.status == ImportStatus.CHECKING  # still waiting for the worker, not lost


def test_a_job_waiting_in_the_queue_is_not_declared_lost(world, login, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(jobs, "INLINE_MAX_BYTES", 0)
    with django_capture_on_commit_callbacks(execute=True):
        job = checked_job(world)
    long_ago(job)
    client = login(world.secretary)
    assert client.get(reverse("member_import:progress", args=[job.pk])).json()["running"] is True
    call_command("reclaim_import_jobs", stdout=None)
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKING and job.task_id is not None


def test_a_full_disk_gives_a_clear_message_removes_the_part_written_and_tells_the_administrator(
    world, login, monkeypatch, settings, caplog
):
    storage = FullDisk()
    monkeypatch.setattr(ImportJob._meta.get_field("file"), "storage", storage)
    settings.ADMINS = [("Quản trị", "quantri@example.vn")]
    with caplog.at_level(logging.ERROR, logger="common.storing"):
        response = upload(login(world.secretary), world.units.eaphe, workbook_bytes([member_row(1)]))
    assert response.status_code == 200
    assert "Máy chủ không lưu được tệp tải lên (ổ đĩa đầy hoặc lỗi ghi)" in response.content.decode()
    assert ImportJob.objects.count() == 0
    assert storage.listdir("nhap-doan-vien") == ([], [])
    assert any(record.levelno == logging.ERROR for record in caplog.records)
    assert [message.to for message in mail.outbox] == [["quantri@example.vn"]]


def test_retry_needs_post_a_keeper_of_the_roll_and_a_stopped_job(world, login):
    job = checked_job(world)
    url = reverse("member_import:retry", args=[job.pk])
    assert login(world.secretary).get(url).status_code == 405
    assert login(world.province).post(url).status_code == 403
    response = login(world.secretary).post(url, follow=True)
    assert "Chỉ kiểm tra lại được lượt nhập đã bị dừng." in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED
