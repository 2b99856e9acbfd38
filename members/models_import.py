"""Models of the Excel import (import jobs), kept apart from the registry models."""

import uuid

from django.conf import settings
from django.db import models

from branches.models import Unit

__all__ = ["ImportJob", "ImportStatus", "import_file_path"]


def import_file_path(instance, filename: str) -> str:
    """A random stored name: the workbook holds CCCD numbers, so its path must not be guessable from its name."""
    return f"nhap-doan-vien/{uuid.uuid4().hex}.xlsx"


class ImportStatus(models.TextChoices):
    CHECKING = "dang_kiem_tra", "Đang kiểm tra tệp"
    CHECKED = "da_kiem_tra", "Đã kiểm tra, chờ xác nhận"
    WRITING = "dang_ghi", "Đang ghi vào sổ"
    DONE = "da_nhap", "Đã nhập xong"
    FAILED = "khong_nhap_duoc", "Không nhập được"


class ImportJob(models.Model):
    """One uploaded member workbook: its check results, then (after confirmation) what it wrote."""

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="import_jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField("tệp", upload_to=import_file_path)
    file_name = models.CharField("tên tệp", max_length=255)
    status = models.CharField("tình trạng", max_length=20, choices=ImportStatus.choices, default=ImportStatus.CHECKING)
    in_background = models.BooleanField("chạy nền", default=False)
    total_rows = models.PositiveIntegerField("số dòng", default=0)
    processed_rows = models.PositiveIntegerField("số dòng đã xử lý", default=0)
    message = models.TextField("thông báo", blank=True)
    summary = models.JSONField("tóm tắt", default=dict, blank=True)
    problems = models.JSONField("các lỗi", default=list, blank=True)
    created_count = models.PositiveIntegerField("số đoàn viên thêm mới", default=0)
    updated_count = models.PositiveIntegerField("số hồ sơ cập nhật", default=0)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "lượt nhập Excel"
        verbose_name_plural = "lượt nhập Excel"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} – {self.unit}"

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.CHECKING, ImportStatus.WRITING)

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
