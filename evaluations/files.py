"""What the app's uploaded files share (evidence of the cycle, files of an inspection)."""

from django.conf import settings
from django.db import models


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
