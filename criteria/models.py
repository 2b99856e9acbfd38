"""Versioned "3 chủ động" criteria sets: groups, items, result levels, and the local items of superior units."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from branches.models import Unit
from branches.scoping import UnitScopedQuerySet

POINTS_FIELD = {"max_digits": 6, "decimal_places": 1}


class SetStatus(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    PUBLISHED = "published", "Đã công bố"
    ARCHIVED = "archived", "Đã lưu trữ"


class ItemKind(models.TextChoices):
    POINTS = "points", "Chấm điểm"
    CHECK = "check", "Đạt / không đạt"


class RegistryFigure(models.TextChoices):
    """Figures the member registry knows for a unit and year, shown beside the items that name them."""

    MEMBERS = "members", "Số đoàn viên đang sinh hoạt"
    RATINGS = "ratings", "Đánh giá, xếp loại đoàn viên"
    ADMISSIONS = "admissions", "Kết nạp đoàn viên mới"
    ONE_PLUS_ONE = "one_plus_one", "Giới thiệu theo chủ trương 1+1"
    PARTY = "party", "Giới thiệu đoàn viên ưu tú cho Đảng"
    YOUTH = "youth", "Thanh thiếu niên khó khăn, tôn giáo, yếu thế"


class CriteriaSetQuerySet(models.QuerySet):
    def readable(self):
        """Sets everyone may read: published and archived ones (drafts are for the provincial committee)."""
        return self.exclude(status=SetStatus.DRAFT)

    def in_force(self, year: int):
        return self.filter(status=SetStatus.PUBLISHED, first_year__lte=year, last_year__gte=year)


class CriteriaSet(models.Model):
    code = models.CharField(
        "mã bộ tiêu chí", max_length=40, help_text="Ví dụ: 3CD-2023-2027; các phiên bản của một giai đoạn cùng mã."
    )
    version = models.PositiveSmallIntegerField("phiên bản", default=1)
    name = models.CharField("tên bộ tiêu chí", max_length=200)
    first_year = models.PositiveSmallIntegerField("từ năm")
    last_year = models.PositiveSmallIntegerField("đến năm")
    central_document = models.CharField("hướng dẫn của Trung ương Đoàn", max_length=200, blank=True)
    provincial_document = models.CharField("hướng dẫn của Tỉnh đoàn", max_length=200, blank=True)
    max_total = models.DecimalField("tổng điểm tối đa", **POINTS_FIELD, validators=[MinValueValidator(1)])
    local_points_allowance = models.DecimalField(
        "điểm tối đa cho tiêu chí địa phương",
        **POINTS_FIELD,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="Tổng điểm tiêu chí địa phương mỗi đơn vị cấp trên được thêm trong một năm; 0: chỉ đạt / không đạt.",
    )
    status = models.CharField("trạng thái", max_length=20, choices=SetStatus.choices, default=SetStatus.DRAFT)
    based_on = models.ForeignKey(
        "self", verbose_name="sao chép từ", null=True, blank=True, on_delete=models.PROTECT, related_name="copies"
    )
    published_at = models.DateTimeField("công bố lúc", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người công bố",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = CriteriaSetQuerySet.as_manager()
    workflow = "criteria.workflow.CRITERIA_SET"

    class Meta:
        verbose_name = "bộ tiêu chí"
        verbose_name_plural = "bộ tiêu chí"
        ordering = ["-first_year", "code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="criteria_set_code_version_unique"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(status="published"), name="criteria_set_one_published_per_code"
            ),
            models.CheckConstraint(condition=Q(last_year__gte=models.F("first_year")), name="criteria_set_years"),
        ]

    def __str__(self):
        return f"{self.name} (phiên bản {self.version})"

    def get_absolute_url(self):
        return reverse("criteria:set_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == SetStatus.DRAFT

    def covers_year(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


class CriteriaGroup(models.Model):
    """One of the programme's three groups ("3 nội dung chủ động")."""

    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name="bộ tiêu chí", on_delete=models.PROTECT, related_name="groups"
    )
    number = models.PositiveSmallIntegerField("nhóm số", validators=[MinValueValidator(1), MaxValueValidator(3)])
    title = models.TextField("nội dung nhóm")
    max_points = models.DecimalField("điểm tối đa", **POINTS_FIELD, validators=[MinValueValidator(0)])
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "nhóm tiêu chí"
        verbose_name_plural = "nhóm tiêu chí"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "number"], name="criteria_group_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=3), name="criteria_group_number_1_to_3"),
        ]

    def __str__(self):
        return f"Nhóm {self.number}"


class CurrentManager(models.Manager):
    """Rows not removed; removed rows stay in the table (and in history) but out of every listing."""

    def get_queryset(self):
        return super().get_queryset().filter(removed_at__isnull=True)


class CriteriaItem(models.Model):
    group = models.ForeignKey(CriteriaGroup, verbose_name="nhóm", on_delete=models.PROTECT, related_name="items")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    code = models.CharField("mã tiêu chí", max_length=20, help_text="Ví dụ: 1.1")
    text = models.TextField("nội dung tiêu chí")
    evidence = models.TextField("minh chứng", blank=True, help_text="Minh chứng được chấp nhận khi chấm tiêu chí này.")
    kind = models.CharField("cách chấm", max_length=10, choices=ItemKind.choices, default=ItemKind.POINTS)
    max_points = models.DecimalField("điểm tối đa", **POINTS_FIELD, validators=[MinValueValidator(0)])
    figures = models.CharField(
        "số liệu từ sổ đoàn viên",
        max_length=200,
        blank=True,
        help_text="Các số liệu của đơn vị hiện bên tiêu chí khi tự đánh giá (mã, cách nhau bằng dấu phẩy).",
    )
    removed_at = models.DateTimeField("bỏ lúc", null=True, blank=True, editable=False)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    all_objects = models.Manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = CurrentManager()

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["position", "pk"]
        base_manager_name = "all_objects"
        default_manager_name = "objects"
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gte=0), name="criteria_item_points_not_negative"),
        ]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"

    @property
    def figure_keys(self) -> list[str]:
        valid = set(RegistryFigure.values)
        return [key for key in (part.strip() for part in self.figures.split(",")) if key in valid]


class ResultLevel(models.Model):
    """A result level, best first: reached with at least `min_total` points and `min_group_ratio` of every group."""

    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name="bộ tiêu chí", on_delete=models.PROTECT, related_name="levels"
    )
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    code = models.SlugField("mã mức", max_length=30)
    name = models.CharField("tên mức", max_length=200)
    short_name = models.CharField("tên ngắn", max_length=50, help_text="Dùng trong lời giải thích, ví dụ: Đạt.")
    min_total = models.DecimalField("tổng điểm tối thiểu", **POINTS_FIELD, validators=[MinValueValidator(0)])
    min_group_ratio = models.DecimalField(
        "tỷ lệ tối thiểu mỗi nhóm",
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Phần của điểm tối đa mỗi nhóm phải đạt, ví dụ 0,6 là 60%.",
    )
    removed_at = models.DateTimeField("bỏ lúc", null=True, blank=True, editable=False)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    all_objects = models.Manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = CurrentManager()

    class Meta:
        verbose_name = "mức kết quả"
        verbose_name_plural = "mức kết quả"
        ordering = ["position", "pk"]
        base_manager_name = "all_objects"
        default_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(
                fields=["criteria_set", "code"], condition=Q(removed_at__isnull=True), name="result_level_code_unique"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def min_group_percent(self):
        return self.min_group_ratio * 100


class LocalItemQuerySet(UnitScopedQuerySet):
    def for_grassroots(self, unit, year: int | None = None):
        """Local items of the unit's reviewing superior (the only ones that apply to it)."""
        superior = unit.reviewing_superior()
        if superior is None:
            return self.none()
        qs = self.filter(unit=superior)
        return qs.filter(year=year) if year is not None else qs


class LocalItem(models.Model):
    """An item a superior unit adds for its grassroots units in one year (adapting the set to local conditions)."""

    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị cấp trên", on_delete=models.PROTECT, related_name="local_criteria"
    )
    period_code = models.CharField("mã bộ tiêu chí", max_length=40)
    year = models.PositiveSmallIntegerField("năm")
    group_number = models.PositiveSmallIntegerField(
        "thuộc nhóm", validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    code = models.CharField("mã tiêu chí", max_length=20, editable=False)
    text = models.TextField("nội dung tiêu chí")
    evidence = models.TextField("minh chứng", blank=True)
    kind = models.CharField("cách chấm", max_length=10, choices=ItemKind.choices, default=ItemKind.CHECK)
    max_points = models.DecimalField("điểm tối đa", **POINTS_FIELD, default=0, validators=[MinValueValidator(0)])
    removed_at = models.DateTimeField("bỏ lúc", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người tạo", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    all_objects = models.Manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = CurrentManager.from_queryset(LocalItemQuerySet)()

    class Meta:
        verbose_name = "tiêu chí địa phương"
        verbose_name_plural = "tiêu chí địa phương"
        ordering = ["year", "group_number", "code"]
        base_manager_name = "all_objects"
        default_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "code"], name="local_item_code_unique"),
            models.CheckConstraint(
                condition=Q(group_number__gte=1, group_number__lte=3), name="local_item_group_1_to_3"
            ),
            models.CheckConstraint(condition=Q(max_points__gte=0), name="local_item_points_not_negative"),
        ]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"

    def get_absolute_url(self):
        return reverse("criteria:local_items", args=[self.unit_id]) + f"?nam={self.year}"
