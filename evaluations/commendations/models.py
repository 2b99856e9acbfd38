"""Commendation rounds (tuyên dương): twice per term, run by the province or a district-level unit.

Imported by evaluations/models.py, so Django sees these models as part of the evaluations app.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from branches.models import Term, Unit
from branches.scoping import UnitScopedQuerySet
from criteria.models import POINTS_FIELD

from . import workflow
from .eligibility import AVERAGE, EXCELLENT_YEARS, LAST_TOTAL, RECOGNISED_YEARS, Rules

__all__ = [
    "CommendationEntry",
    "CommendationOverride",
    "CommendationRound",
    "OverrideAction",
    "RoundNumber",
    "RoundStatus",
    "SignerPosition",
]

# An average of half points needs two decimals (87,25); the list prints exactly what is stored.
AVERAGE_FIELD = {"max_digits": 6, "decimal_places": 2}


class RoundNumber(models.IntegerChoices):
    MID_TERM = 1, "Đợt 1 (giữa nhiệm kỳ)"
    END_OF_TERM = 2, "Đợt 2 (cuối nhiệm kỳ)"


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "Đang xét"
    FINALISED = "finalised", "Đã ban hành quyết định"


class SignerPosition(models.TextChoices):
    SECRETARY = "secretary", "Bí thư"
    DEPUTY = "deputy", "Phó Bí thư"


TIE_BREAK_CHOICES = [
    (",".join(order), label)
    for order, label in [
        ((AVERAGE, EXCELLENT_YEARS, LAST_TOTAL), "Điểm bình quân → số năm Xuất sắc → điểm năm cuối"),
        ((AVERAGE, LAST_TOTAL, EXCELLENT_YEARS), "Điểm bình quân → điểm năm cuối → số năm Xuất sắc"),
        ((EXCELLENT_YEARS, AVERAGE, LAST_TOTAL), "Số năm Xuất sắc → điểm bình quân → điểm năm cuối"),
        ((LAST_TOTAL, AVERAGE, RECOGNISED_YEARS), "Điểm năm cuối → điểm bình quân → số năm đạt"),
    ]
]


class CommendationRoundQuerySet(UnitScopedQuerySet):
    """Rounds of organisers inside the user's scope (a round's list names units of the whole organiser)."""

    unit_field = "organiser"


class CommendationRound(models.Model):
    """One commendation round of a term: its rules, its status, and once finalised its decision."""

    organiser = models.ForeignKey(Unit, verbose_name="đơn vị tuyên dương", on_delete=models.PROTECT, related_name="+")
    term = models.ForeignKey(Term, verbose_name="nhiệm kỳ", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField("đợt", choices=RoundNumber.choices)
    start_year = models.PositiveSmallIntegerField("xét từ năm")
    end_year = models.PositiveSmallIntegerField("đến năm")
    min_recognised_years = models.PositiveSmallIntegerField(
        "số năm đạt tối thiểu", null=True, blank=True, help_text="Để trống: phải đạt tất cả các năm."
    )
    min_level_code = models.CharField("mức kết quả tối thiểu", max_length=30, blank=True)
    no_failed_inspection = models.BooleanField("không có cuộc kiểm tra “không đạt” trong giai đoạn", default=True)
    min_average_total = models.DecimalField("điểm thẩm định bình quân tối thiểu", **POINTS_FIELD, null=True, blank=True)
    quota_per_district = models.PositiveSmallIntegerField("chỉ tiêu mỗi đơn vị cấp huyện", null=True, blank=True)
    share_percent = models.DecimalField(
        "tỷ lệ tối đa (% số đơn vị đạt năm cuối)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    tie_break = models.CharField(
        "thứ tự ưu tiên khi bằng điểm", max_length=100, choices=TIE_BREAK_CHOICES, default=TIE_BREAK_CHOICES[0][0]
    )
    # How the decision is issued; blank: the issuer's default (contexts.issuer_defaults).
    department_code = models.CharField(
        "mã ban tham mưu",
        max_length=20,
        blank=True,
        help_text="In sau số quyết định, ví dụ TCKT: 12-QĐ/TĐTN-TCKT. Để trống: TCKT với Tỉnh đoàn, không ghi với "
        "đơn vị cấp huyện.",
    )
    department_name = models.CharField(
        "ban tham mưu đề nghị",
        max_length=100,
        blank=True,
        help_text="Ban đề nghị tuyên dương (“Xét đề nghị của …”). Để trống: Ban Tổ chức – Kiểm tra với Tỉnh đoàn, "
        "Văn phòng với đơn vị cấp huyện.",
    )
    guidance_basis = models.CharField(
        "căn cứ hướng dẫn của tỉnh",
        max_length=500,
        blank=True,
        help_text="Dòng “Căn cứ Hướng dẫn số … của Ban Thường vụ Tỉnh đoàn …” in trong quyết định.",
    )
    rules_basis = models.CharField(
        "căn cứ quy định thi đua, khen thưởng",
        max_length=500,
        blank=True,
        help_text="Dòng căn cứ quy định (quy chế) thi đua, khen thưởng của Đoàn in trong quyết định.",
    )
    status = models.CharField("trạng thái", max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    decision_number = models.CharField("số quyết định", max_length=20, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    signer_name = models.CharField("người ký", max_length=100, blank=True)
    signer_position = models.CharField(
        "chức vụ người ký", max_length=20, choices=SignerPosition.choices, default=SignerPosition.SECRETARY
    )
    verification_code = models.CharField("mã xác minh", max_length=20, null=True, blank=True, unique=True)
    outcome = models.JSONField("kết quả xét lúc ban hành", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người lập", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    finalised_at = models.DateTimeField("ban hành lúc", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "outcome"])
    objects = CommendationRoundQuerySet.as_manager()
    workflow = workflow.ROUND

    class Meta:
        verbose_name = "đợt tuyên dương"
        verbose_name_plural = "đợt tuyên dương"
        ordering = ["-term__start_year", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organiser", "term", "number"], name="commendation_round_once_per_term"),
            models.UniqueConstraint(
                fields=["organiser", "decision_number"],
                condition=~Q(decision_number=""),
                name="commendation_decision_number_unique_per_issuer",
            ),
            models.CheckConstraint(condition=Q(start_year__lte=models.F("end_year")), name="commendation_window"),
        ]

    def __str__(self):
        return f"Tuyên dương {self.get_number_display().lower()} – {self.term}"

    def get_absolute_url(self):
        return reverse("evaluations:commendation_detail", args=[self.pk])

    @property
    def is_finalised(self) -> bool:
        return self.status == RoundStatus.FINALISED

    @property
    def rules(self) -> Rules:
        return Rules(
            start_year=self.start_year,
            end_year=self.end_year,
            min_recognised_years=self.min_recognised_years,
            min_level=self.min_level_code,
            no_failed_inspection=self.no_failed_inspection,
            min_average_total=self.min_average_total,
            quota_per_district=self.quota_per_district,
            share_percent=self.share_percent,
            tie_break=tuple(self.tie_break.split(",")),
        )

    @property
    def window_label(self) -> str:
        return f"{self.start_year} – {self.end_year}" if self.start_year != self.end_year else str(self.start_year)

    @property
    def award_title(self) -> str:
        """The province's committee awards a bằng khen, a district-level committee a giấy khen."""
        return "BẰNG KHEN" if self.organiser.depth == 1 else "GIẤY KHEN"

    @property
    def award_slug(self) -> str:
        """The award in a file name: "bang-khen", "giay-khen"."""
        return "bang-khen" if self.organiser.depth == 1 else "giay-khen"


class OverrideAction(models.TextChoices):
    ADD = "add", "Bổ sung vào danh sách"
    REMOVE = "remove", "Loại khỏi danh sách"


class CommendationOverride(models.Model):
    """An officer's decision to put a unit in or take it out, with its reason; withdrawn, never deleted."""

    round = models.ForeignKey(CommendationRound, on_delete=models.PROTECT, related_name="overrides")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    action = models.CharField("thao tác", max_length=10, choices=OverrideAction.choices)
    reason = models.TextField("lý do")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người quyết định",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("lúc", auto_now_add=True)
    withdrawn_at = models.DateTimeField("rút lại lúc", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "điều chỉnh thủ công"
        verbose_name_plural = "điều chỉnh thủ công"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit"], condition=Q(withdrawn_at__isnull=True), name="commendation_override_current"
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.unit}"


class CommendationEntry(models.Model):
    """A commended unit of a finalised round, frozen as the decision lists it, with its certificate's code."""

    round = models.ForeignKey(CommendationRound, on_delete=models.PROTECT, related_name="entries")
    position = models.PositiveIntegerField("STT")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    unit_code = models.CharField("mã đơn vị", max_length=40)
    unit_name = models.CharField("tên đơn vị", max_length=200)
    district_name = models.CharField("đơn vị cấp trên", max_length=200)
    recognised_years = models.PositiveSmallIntegerField("số năm đạt")
    average_total = models.DecimalField("điểm bình quân", **AVERAGE_FIELD, null=True, blank=True)
    last_total = models.DecimalField("điểm năm cuối", **POINTS_FIELD, null=True, blank=True)
    rank = models.PositiveIntegerField("xếp thứ", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    verification_code = models.CharField("mã xác minh", max_length=20, unique=True)
    # The certificate's number in the issuer's register: it goes on from the issuer's earlier rounds.
    register_number = models.PositiveIntegerField("số vào sổ", null=True, blank=True)

    class Meta:
        verbose_name = "đơn vị được tuyên dương"
        verbose_name_plural = "đơn vị được tuyên dương"
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="commendation_entry_once")]

    def __str__(self):
        return self.unit_name
