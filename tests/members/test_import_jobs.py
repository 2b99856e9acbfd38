"""Large files go through the real job path: django-tasks' database backend and its db_worker."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from members.importing import jobs
from members.models import ImportJob, ImportStatus, Member
from tests.members.data.workbooks import member_row, office_workbook, workbook_bytes
from tests.members.test_import_views import upload


@pytest.fixture(autouse=True)
def keep_test_connection(monkeypatch):
    """The worker closes connections it thinks are left in a transaction; inside a test that is the test's own."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_a_large_file_is_checked_and_written_by_the_worker(
    world, login, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(jobs, "INLINE_MAX_BYTES", 0)
    client = login(world.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, world.units.eaphe, office_workbook())
    job = ImportJob.objects.get()
    assert (job.status, job.in_background) == (ImportStatus.CHECKING, True)
    assert DBTaskResult.objects.count() == 1
    page = client.get(reverse("member_import:detail", args=[job.pk])).content.decode()
    assert 'role="progressbar"' in page

    run_worker()
    job.refresh_from_db()
    assert (job.status, job.total_rows, job.processed_rows) == (ImportStatus.CHECKED, 3, 3)
    assert Member.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("member_import:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.WRITING
    assert client.get(reverse("member_import:progress", args=[job.pk])).json()["running"] is True

    run_worker()
    job.refresh_from_db()
    assert (job.status, job.created_count) == (ImportStatus.DONE, 3)
    assert Member.objects.count() == 3
    assert {h.history_user for h in Member.history.all()} == {world.secretary}


def test_the_worker_reports_a_file_with_problems_without_writing(
    world, login, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(jobs, "INLINE_MAX_BYTES", 0)
    with django_capture_on_commit_callbacks(execute=True):
        upload(login(world.secretary), world.units.eaphe, workbook_bytes([member_row(1, birth="31/02/2000")]))
    run_worker()
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.CHECKED
    assert job.problems[0]["message"] == "Ngày không có thật: 31/02/2000."
    assert Member.objects.count() == 0


def test_a_task_queued_under_its_former_path_still_runs(world, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(jobs, "INLINE_MAX_BYTES", 0)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start_import(unit=world.units.eaphe, by=world.secretary, file_name="ds.xlsx", data=office_workbook())
    DBTaskResult.objects.update(task_path="members.tasks.check_import_task")  # queued before the tasks moved
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED
