"""Evidence and inspection files on a full disk: a message on the page, nothing left behind, one mail."""

import logging

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluations.models import Attachment, InspectionAttachment
from tests.full_disk import FullDisk

from .inspection_helpers import PDF, record

FULL_DISK_MESSAGE = "Máy chủ không lưu được tệp “bien-ban.pdf” (ổ đĩa đầy hoặc lỗi ghi); tệp chưa được thêm."


@pytest.fixture
def full_disk(monkeypatch, settings):
    settings.ADMINS = [("Quản trị", "quantri@example.vn")]
    storage = FullDisk()
    for model in (Attachment, InspectionAttachment):
        monkeypatch.setattr(model._meta.get_field("file"), "storage", storage)
    return storage


def _pdf():
    return SimpleUploadedFile("bien-ban.pdf", PDF * 10, content_type="application/pdf")


def test_evidence_on_a_full_disk_is_refused_on_the_sheet_with_nothing_left(world, login, assessment, full_disk, caplog):
    answer = assessment.answers.get(item_code="1.2")
    with caplog.at_level(logging.ERROR, logger="common.storing"):
        response = login(world.secretary).post(
            reverse("evaluations:attachment_upload", args=[answer.pk]), {"file": _pdf()}, follow=True
        )
    assert response.status_code == 200
    assert f"Tiêu chí 1.2: {FULL_DISK_MESSAGE}" in response.content.decode()
    assert not Attachment.objects.exists()
    assert full_disk.stored_names() == []
    assert [record.levelno for record in caplog.records] == [logging.ERROR]
    assert [message.to for message in mail.outbox] == [["quantri@example.vn"]]


def test_an_inspection_file_on_a_full_disk_is_refused_on_the_record_with_nothing_left(world, login, full_disk):
    inspection = record(world)
    response = login(world.kp_officer).post(
        reverse("evaluations:inspection_attachment_upload", args=[inspection.pk]), {"file": _pdf()}, follow=True
    )
    assert response.status_code == 200
    assert FULL_DISK_MESSAGE in response.content.decode()
    assert not InspectionAttachment.objects.exists()
    assert full_disk.stored_names() == []
    assert len(mail.outbox) == 1


def test_retries_while_the_disk_stays_full_send_one_mail(world, login, assessment, full_disk):
    client = login(world.secretary)
    url = reverse("evaluations:attachment_upload", args=[assessment.answers.get(item_code="1.2").pk])
    for _ in range(8):
        client.post(url, {"file": _pdf()})
    assert len(mail.outbox) == 1
    assert "ổ đĩa đầy" in mail.outbox[0].subject and "MEDIA_ROOT" in mail.outbox[0].body
    assert not Attachment.objects.exists()
    assert full_disk.stored_names() == []
