"""Inspections (kiểm tra): six-month, annual and thematic inspections of grassroots units, findings and files."""

import os
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from branches.models import Unit
from branches.scoping import UnitScopedQuerySet
from criteria.models import POINTS_FIELD

from ..files import StoredFile


class InspectionKind(models.TextChoices):
    SIX_MONTH = "six_month", "Kiểm tra 6 tháng"
    ANNUAL = "annual", "Kiểm tra năm"
    THEMATIC = "thematic", "Kiểm tra chuyên đề"


class Conclusion(models.TextChoices):
    PASSED = "dat", "Đạt"
    FAILED = "khong_dat", "Không đạt"


class FindingResult(models.TextChoices):
    MET = "dat", "Đạt"
    PARTLY = "dat_mot_phan", "Đạt một phần"
    NOT_MET = "chua_dat", "Chưa đạt"


class InspectionQuerySet(UnitScopedQuerySet):
    unit_field = "inspected_unit"

    def current(self):
        return self.filter(archived_at__isnull=True)


class Inspection(models.Model):
    """One inspection of a grassroots unit: who inspected whom, when, findings, conclusion, recommendations."""

    kind = models.CharField("loại kiểm tra", max_length=20, choices=InspectionKind.choices)
    year = models.PositiveSmallIntegerField("năm")
    half = models.PositiveSmallIntegerField(
        "6 tháng", null=True, blank=True, choices=[(1, "6 tháng đầu năm"), (2, "6 tháng cuối năm")]
    )
    inspecting_unit = models.ForeignKey(
        Unit, verbose_name="đơn vị kiểm tra", on_delete=models.PROTECT, related_name="inspections_made"
    )
    inspected_unit = models.ForeignKey(
        Unit, verbose_name="đơn vị được kiểm tra", on_delete=models.PROTECT, related_name="inspections"
    )
    inspection_date = models.DateField("ngày kiểm tra")
    team = models.TextField("thành phần đoàn kiểm tra", blank=True)
    conclusion = models.CharField("kết luận", max_length=20, choices=Conclusion.choices)
    points = models.DecimalField("điểm kiểm tra", **POINTS_FIELD, null=True, blank=True)
    conclusion_note = models.TextField("nội dung kết luận", blank=True)
    recommendations = models.TextField("kiến nghị", blank=True)
    follow_up_due = models.DateField("hạn khắc phục", null=True, blank=True)
    follow_up = models.TextField("kết quả khắc phục", blank=True)
    follow_up_date = models.DateField("ngày khắc phục xong", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người ghi", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    archived_at = models.DateTimeField("lưu trữ lúc", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = "cuộc kiểm tra"
        verbose_name_plural = "cuộc kiểm tra"
        ordering = ["-inspection_date", "-pk"]
        indexes = [models.Index(fields=["year", "kind"], name="inspection_year_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="six_month", half__in=[1, 2]) | (~Q(kind="six_month") & Q(half__isnull=True)),
                name="inspection_half_only_for_six_month",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.inspected_unit} ({self.inspection_date:%d/%m/%Y})"

    @property
    def failed(self) -> bool:
        return self.conclusion == Conclusion.FAILED


class InspectionFinding(models.Model):
    """A finding of an inspection for one group, or one item of it (item_code blank: the whole group)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    group_number = models.PositiveSmallIntegerField("nhóm")
    item_code = models.CharField("tiêu chí", max_length=20, blank=True)
    result = models.CharField("kết quả", max_length=20, choices=FindingResult.choices)
    note = models.TextField("ghi chú", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "nội dung kiểm tra"
        verbose_name_plural = "nội dung kiểm tra"
        ordering = ["group_number", "item_code"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "group_number", "item_code"], name="finding_unique"),
        ]

    def __str__(self):
        return f"{self.item_code or f'Nhóm {self.group_number}'}: {self.get_result_display()}"


def _inspection_attachment_path(instance, filename):
    # Random names, as for evidence: a record of an inspection may name people.
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"kiem-tra/{instance.inspection.year}/{secrets.token_hex(16)}{extension}"


class InspectionAttachmentQuerySet(UnitScopedQuerySet):
    unit_field = "inspection__inspected_unit"

    def current(self):
        return self.filter(removed_at__isnull=True)


class InspectionAttachment(StoredFile):
    """A file of an inspection (the signed record, the follow-up report), served only by a scoped view."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField("tệp", upload_to=_inspection_attachment_path, max_length=200)

    history = HistoricalRecords()
    objects = InspectionAttachmentQuerySet.as_manager()

    class Meta(StoredFile.Meta):
        verbose_name = "tệp kèm biên bản kiểm tra"
        verbose_name_plural = "tệp kèm biên bản kiểm tra"

    def get_absolute_url(self):
        return reverse("evaluations:inspection_attachment", args=[self.pk])
