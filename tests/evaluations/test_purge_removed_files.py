"""purge_removed_files: a removed evidence or inspection file leaves the disk after the retention time; its row and
history stay."""

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from evaluations.cycle import services
from evaluations.files import PURGE_REASON
from evaluations.inspections import services as inspection_services
from evaluations.models import Attachment, InspectionAttachment

from .inspection_helpers import PDF, record


def _pdf(name="bien-ban.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _removed(attachment, *, days_ago):
    type(attachment).objects.filter(pk=attachment.pk).update(
        removed_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    attachment.refresh_from_db()
    return attachment


def _purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_removed_files", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def evidence(world, assessment):
    answer = assessment.answers.get(item_code="1.2")

    def upload(name):
        attachment = services.add_attachment(answer=answer, by=world.secretary, uploaded=_pdf(name))
        return services.remove_attachment(attachment=attachment, by=world.secretary)

    return upload


def test_evidence_removed_longer_ago_than_the_retention_leaves_the_disk_and_keeps_its_row(world, evidence, settings):
    settings.EVIDENCE_FILE_RETENTION_DAYS = 30
    old = _removed(evidence("cu.pdf"), days_ago=31)
    recent = _removed(evidence("moi.pdf"), days_ago=29)
    kept = services.add_attachment(
        answer=old.answer, by=world.secretary, uploaded=_pdf("dang-dung.pdf")
    )  # still on the sheet
    old_name = old.file.name

    assert "Đã xóa 1 tệp minh chứng và 0 tệp kèm biên bản kiểm tra" in _purge()

    old.refresh_from_db()
    assert not default_storage.exists(old_name)
    assert (old.file.name, old.original_name, old.size, old.uploaded_by) == ("", "cu.pdf", len(PDF), world.secretary)
    assert old.removed_at is not None
    assert old.history.first().history_change_reason == PURGE_REASON
    assert [h.history_change_reason for h in old.history.all()][1:] == ["Gỡ minh chứng", "Thêm minh chứng"]
    for still in (recent, kept):
        still.refresh_from_db()
        assert still.file.name and default_storage.exists(still.file.name)
    assert "Đã xóa 0 tệp minh chứng" in _purge()  # nothing twice


def test_inspection_files_are_purged_too_and_days_can_be_given(world):
    inspection = record(world)
    attachment = inspection_services.add_inspection_attachment(
        inspection=inspection, by=world.kp_officer, uploaded=_pdf()
    )
    inspection_services.remove_inspection_attachment(attachment=attachment, by=world.kp_officer)
    name = attachment.file.name
    assert "0 tệp kèm biên bản kiểm tra" in _purge()  # removed today, kept 30 days by default
    assert "1 tệp kèm biên bản kiểm tra" in _purge("--days", "0")
    attachment.refresh_from_db()
    assert attachment.file.name == "" and not default_storage.exists(name)
    assert InspectionAttachment.objects.filter(pk=attachment.pk, removed_at__isnull=False).exists()


def test_a_file_already_gone_from_the_disk_is_marked_purged(world, evidence):
    attachment = _removed(evidence("a.pdf"), days_ago=40)
    default_storage.delete(attachment.file.name)
    assert "Đã xóa 1 tệp minh chứng" in _purge()
    assert Attachment.objects.get(pk=attachment.pk).file.name == ""


def test_a_purged_file_is_not_served_and_the_sheet_still_opens(world, login, evidence, assessment):
    attachment = _removed(evidence("a.pdf"), days_ago=40)
    _purge()
    client = login(world.secretary)
    assert client.get(reverse("evaluations:attachment", args=[attachment.pk])).status_code == 404
    sheet = client.get(reverse("evaluations:assessment", args=[assessment.campaign_id, assessment.unit_id]))
    assert sheet.status_code == 200 and "a.pdf" not in sheet.content.decode()


def test_negative_days_are_refused():
    with pytest.raises(CommandError, match="--days phải từ 0 trở lên"):
        _purge("--days", "-1")
