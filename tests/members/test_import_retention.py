"""Uploaded workbooks are removed a configured number of days after their import ended."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from members.importing import jobs
from members.models import ImportJob, ImportStatus
from tests.members.data.workbooks import member_row, workbook_bytes


def make_job(world, *, rows, status, ended_days_ago):
    job = jobs.start_import(unit=world.units.eaphe, by=world.secretary, file_name="ds.xlsx", data=workbook_bytes(rows))
    ended = timezone.now() - datetime.timedelta(days=ended_days_ago)
    ImportJob.objects.filter(pk=job.pk).update(status=status, finished_at=ended, updated_at=ended)
    job.refresh_from_db()
    return job


def test_files_of_imports_ended_past_the_retention_are_removed_failed_ones_too(world, settings):
    settings.IMPORT_FILE_RETENTION_DAYS = 30
    old_done = make_job(world, rows=[member_row(1)], status=ImportStatus.DONE, ended_days_ago=31)
    old_failed = make_job(
        world, rows=[member_row(1, birth="31/02/2000")], status=ImportStatus.FAILED, ended_days_ago=40
    )
    recent = make_job(world, rows=[member_row(1)], status=ImportStatus.DONE, ended_days_ago=29)
    running = make_job(world, rows=[member_row(1)], status=ImportStatus.WRITING, ended_days_ago=90)
    storage = old_done.file.storage
    stored = {old_done.file.name, old_failed.file.name, old_failed.error_file.name}
    assert all(storage.exists(name) for name in stored)

    call_command("purge_import_files", stdout=None)

    assert not any(storage.exists(name) for name in stored)
    for job in (old_done, old_failed):
        job.refresh_from_db()
        assert (job.file.name, job.error_file.name, job.file_name) == ("", "", "ds.xlsx")
    for job in (recent, running):
        assert storage.exists(job.file.name)


def test_the_retention_is_configurable(world, settings):
    settings.IMPORT_FILE_RETENTION_DAYS = 7
    job = make_job(world, rows=[member_row(1)], status=ImportStatus.DONE, ended_days_ago=8)
    call_command("purge_import_files", stdout=None)
    job.refresh_from_db()
    assert not job.file
