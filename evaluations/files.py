"""What the app's uploaded files share (evidence of the cycle, files of an inspection)."""

from django.conf import settings
from django.db import models

PURGE_REASON = "Xóa tệp khỏi máy chủ (đã gỡ quá thời hạn lưu)"


class StoredFile(models.Model):
    """What every uploaded file of the cycle keeps: its name, checked type, size, who and when; removal hides it."""

    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField("loại tệp", max_length=100)
    size = models.PositiveIntegerField("dung lượng (byte)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tải lên", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)
    removed_at = models.DateTimeField("gỡ lúc", null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


def purge_removed_files(model: type[StoredFile], *, removed_before) -> int:
    """Delete from the storage the files of `model` removed before `removed_before`; how many went.

    The row stays, with its name, size and who uploaded and removed it, and a history row for the purge; its file name
    is emptied, which marks the file as gone.
    """
    purged = 0
    for record in model.objects.filter(removed_at__lt=removed_before).exclude(file="").iterator():
        storage, name = record.file.storage, record.file.name
        if storage.exists(name):
            storage.delete(name)
        record.file = ""
        record._change_reason = PURGE_REASON
        record.save(update_fields=["file"])
        purged += 1
    return purged
