"""Models of the Excel import (import jobs), kept apart from the registry models."""

import uuid

from django.conf import settings
from django.db import models

from branches.models import Unit
from branches.scoping import UnitScopedQuerySet

__all__ = ["IdNumberConflict", "ImportJob", "ImportStatus", "error_file_path", "import_file_path"]


def import_file_path(instance, filename: str) -> str:
    """A random stored name: the workbook holds CCCD numbers, so its path must not be guessable from its name."""
    return f"nhap-doan-vien/{uuid.uuid4().hex}.xlsx"


def error_file_path(instance, filename: str) -> str:
    return f"nhap-doan-vien/loi-{uuid.uuid4().hex}.xlsx"


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
    skipped_count = models.PositiveIntegerField("số dòng lỗi bỏ qua", default=0)
    error_file = models.FileField("tệp kèm cột lỗi", upload_to=error_file_path, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    # Renewed while a process checks or writes the job; a running job whose heartbeat is old lost its process.
    heartbeat_at = models.DateTimeField("tín hiệu xử lý lúc", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)
    task_id = models.UUIDField("mã tác vụ nền", null=True, blank=True)  # the django-tasks result of the last step

    objects = UnitScopedQuerySet.as_manager()

    # Its status changes only through common.workflow.transition (a dotted path: the workflow imports the models).
    workflow = "members.importing.workflow.IMPORT_JOB"

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


class IdNumberConflict(models.Model):
    """A security event: a user's check or save met CCCD numbers held by active members outside their scope.

    The refusal itself tells whether a number belongs to someone, so these are counted (and throttled per day)
    and shown to the province committee.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField("số CCCD trùng ngoài phạm vi")
    source = models.CharField("nơi xảy ra", max_length=100)
    created_at = models.DateTimeField("lúc", auto_now_add=True, db_index=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "trùng CCCD ngoài phạm vi"
        verbose_name_plural = "trùng CCCD ngoài phạm vi"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "created_at"], name="idconflict_user_created")]

    def __str__(self):
        return f"{self.user} – {self.count} – {self.created_at:%d/%m/%Y %H:%M}"
