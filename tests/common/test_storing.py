"""common.storing: a file the disk cannot take leaves nothing behind, is logged, and is mailed once while it lasts."""

import logging

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.db import models
from django.db.models.fields.files import FieldFile

from common.storing import _MAILED_KEY, StoreError, save_or_report
from tests.full_disk import FullDisk


@pytest.fixture(autouse=True)
def admins(settings):
    settings.ADMINS = [("Quản trị", "quantri@example.vn")]


def _field_file(storage):
    return FieldFile(None, models.FileField(upload_to="tep", storage=storage, max_length=100), None)


def test_a_file_is_stored_under_the_fields_folder():
    storage = InMemoryStorage()
    name = save_or_report(_field_file(storage), "a.pdf", ContentFile(b"%PDF-1.4"))
    assert name == "tep/a.pdf" and storage.open(name).read() == b"%PDF-1.4"
    assert mail.outbox == []


def test_a_full_disk_leaves_nothing_logs_and_mails_the_administrators(caplog):
    storage = FullDisk()
    with caplog.at_level(logging.ERROR, logger="common.storing"), pytest.raises(StoreError):
        save_or_report(_field_file(storage), "a.pdf", ContentFile(b"x" * 1000))
    assert storage.stored_names() == []
    assert [record.levelno for record in caplog.records] == [logging.ERROR]
    assert [message.to for message in mail.outbox] == [["quantri@example.vn"]]


def test_failures_within_the_hour_after_a_mail_are_only_logged():
    storage = FullDisk()
    for _ in range(5):
        with pytest.raises(StoreError):
            save_or_report(_field_file(storage), "a.pdf", ContentFile(b"x" * 1000))
    assert len(mail.outbox) == 1
    cache.delete(_MAILED_KEY)  # the hour has passed
    with pytest.raises(StoreError):
        save_or_report(_field_file(storage), "a.pdf", ContentFile(b"x" * 1000))
    assert len(mail.outbox) == 2


def test_a_failed_save_never_removes_another_file_of_the_same_name():
    storage = FullDisk()
    InMemoryStorage._save(storage, "tep/a.pdf", ContentFile(b"kept"))
    with pytest.raises(StoreError):
        save_or_report(_field_file(storage), "a.pdf", ContentFile(b"x" * 1000))
    assert storage.stored_names() == ["tep/a.pdf"] and storage.open("tep/a.pdf").read() == b"kept"
