"""The yearly cycle: campaigns, registrations, self-assessment sheets with their answers and evidence, reviews."""

import datetime
import os
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from branches.models import Unit
from branches.scoping import UnitScopedQuerySet
from common.documents import document_number, format_code, issuing_department
from criteria.models import POINTS_FIELD, CriteriaSet, ItemKind
from criteria.scoring import format_number

from ..files import StoredFile
from . import workflow


class CampaignStatus(models.TextChoices):
    OPEN = "open", "Đang mở"
    CLOSED = "closed", "Đã khóa sổ"


class Stage(models.TextChoices):
    REGISTRATION = "registration", "Đăng ký"
    SELF_ASSESSMENT = "self_assessment", "Tự đánh giá"
    REVIEW = "review", "Thẩm định"


class CampaignQuerySet(UnitScopedQuerySet):
    unit_field = "organiser"

    def visible_to(self, user):
        """Campaigns of the trees the user works in (every role lies under the organiser's root)."""
        return self.visible_in_trees_of(user)


class Campaign(models.Model):
    """A year of the programme (đợt đánh giá), opened by the province on the criteria set in force."""

    organiser = models.ForeignKey(Unit, verbose_name="đơn vị tổ chức", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("năm")
    criteria_set = models.ForeignKey(CriteriaSet, verbose_name="bộ tiêu chí", on_delete=models.PROTECT)
    registration_due = models.DateField("hạn đăng ký")
    self_assessment_due = models.DateField("hạn tự đánh giá")
    review_due = models.DateField("hạn thẩm định")
    status = models.CharField("trạng thái", max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người mở", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("mở lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = CampaignQuerySet.as_manager()
    workflow = workflow.CAMPAIGN

    class Meta:
        verbose_name = "đợt đánh giá"
        verbose_name_plural = "đợt đánh giá"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organiser", "year"], name="campaign_one_per_year"),
            models.CheckConstraint(
                condition=Q(registration_due__lte=models.F("self_assessment_due"))
                & Q(self_assessment_due__lte=models.F("review_due")),
                name="campaign_deadlines_in_order",
            ),
        ]

    def __str__(self):
        return f"Năm {self.year}"

    def get_absolute_url(self):
        return reverse("evaluations:campaign_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == CampaignStatus.OPEN

    def due(self, stage: str) -> datetime.date:
        return {
            Stage.REGISTRATION: self.registration_due,
            Stage.SELF_ASSESSMENT: self.self_assessment_due,
            Stage.REVIEW: self.review_due,
        }[stage]


class DeadlineExtension(models.Model):
    """A later deadline for one grassroots unit and one stage, granted by its direct superior with a reason."""

    campaign = models.ForeignKey(Campaign, verbose_name="đợt", on_delete=models.PROTECT, related_name="extensions")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField("bước", max_length=20, choices=Stage.choices)
    due_date = models.DateField("hạn mới")
    reason = models.TextField("lý do")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người gia hạn", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("lúc", auto_now_add=True)

    history = HistoricalRecords()
    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "gia hạn"
        verbose_name_plural = "gia hạn"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit", "stage"], name="extension_one_per_stage"),
        ]

    def __str__(self):
        return f"{self.unit} – {self.get_stage_display()} đến {self.due_date:%d/%m/%Y}"


class FormStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Chờ cấp trên xem xét"
    RETURNED = "returned", "Bị trả lại"
    ACCEPTED = "accepted", "Đã được chấp nhận"
    APPROVED = "approved", "Đã thẩm định"


class Registration(models.Model):
    """A grassroots unit's registration (đăng ký "3 chủ động") for one year, with its numeric targets."""

    campaign = models.ForeignKey(Campaign, verbose_name="đợt", on_delete=models.PROTECT, related_name="registrations")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField("trạng thái", max_length=20, choices=FormStatus.choices, default=FormStatus.DRAFT)
    focus = models.TextField("những nội dung chưa đạt sẽ tập trung", blank=True)
    target_new_members = models.PositiveIntegerField("kết nạp đoàn viên mới", null=True, blank=True)
    target_one_plus_one = models.PositiveIntegerField("đoàn viên giới thiệu theo chủ trương 1+1", null=True, blank=True)
    target_party_introductions = models.PositiveIntegerField(
        "giới thiệu đoàn viên ưu tú cho Đảng", null=True, blank=True
    )
    target_youth_works = models.PositiveIntegerField("công trình, phần việc thanh niên", null=True, blank=True)
    target_regular_branches = models.PositiveIntegerField(
        "chi đoàn sinh hoạt đều đặn hằng tháng", null=True, blank=True
    )
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    decided_at = models.DateTimeField("cấp trên xử lý lúc", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xử lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người lập", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = UnitScopedQuerySet.as_manager()
    workflow = workflow.REGISTRATION

    class Meta:
        verbose_name = "bản đăng ký"
        verbose_name_plural = "bản đăng ký"
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="registration_one_per_year")]

    def __str__(self):
        return f"Đăng ký năm {self.campaign.year} – {self.unit}"

    def get_absolute_url(self):
        return reverse("evaluations:registration", args=[self.campaign_id, self.unit_id])

    @property
    def is_editable(self) -> bool:
        return self.status in (FormStatus.DRAFT, FormStatus.RETURNED)


# The numeric targets, with the words the sheet shows beside an item ("Đăng ký: 20 đoàn viên mới").
TARGET_FIELDS = {
    "target_new_members": "đoàn viên mới",
    "target_one_plus_one": "đoàn viên giới thiệu theo 1+1",
    "target_party_introductions": "đoàn viên ưu tú giới thiệu cho Đảng",
    "target_youth_works": "công trình, phần việc thanh niên",
    "target_regular_branches": "chi đoàn sinh hoạt đều đặn",
}


class RegistrationEntry(models.Model):
    """What the unit commits to for one group, or for one item of it (item_code blank: the whole group)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="entries")
    group_number = models.PositiveSmallIntegerField("nhóm")
    item_code = models.CharField("tiêu chí", max_length=20, blank=True)
    commitment = models.TextField("nội dung đăng ký", blank=True)
    solutions = models.TextField("giải pháp", blank=True)
    roadmap = models.TextField("lộ trình", blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "nội dung đăng ký"
        verbose_name_plural = "nội dung đăng ký"
        ordering = ["group_number", "item_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "group_number", "item_code"], name="registration_entry_unique"
            ),
        ]

    def __str__(self):
        return f"Nhóm {self.group_number} {self.item_code}".strip()

    @property
    def is_blank(self) -> bool:
        return not (self.commitment.strip() or self.solutions.strip() or self.roadmap.strip())


class AssessmentQuerySet(UnitScopedQuerySet):
    def awaiting_review(self):
        return self.filter(status=FormStatus.SUBMITTED)


class Assessment(models.Model):
    """One unit's evaluation sheet for one year: its self-assessment, then the superior's review."""

    campaign = models.ForeignKey(Campaign, verbose_name="đợt", on_delete=models.PROTECT, related_name="assessments")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField("trạng thái", max_length=20, choices=FormStatus.choices, default=FormStatus.DRAFT)
    self_total = models.DecimalField("tổng điểm tự chấm", **POINTS_FIELD, null=True, blank=True)
    review_total = models.DecimalField("tổng điểm thẩm định", **POINTS_FIELD, null=True, blank=True)
    max_total = models.DecimalField("tổng điểm tối đa", **POINTS_FIELD, null=True, blank=True)
    level_code = models.CharField("mã mức kết quả", max_length=30, blank=True)
    level_name = models.CharField("mức kết quả", max_length=200, blank=True)
    level_reasons = models.JSONField("lý do", default=list, blank=True)
    recognised = models.BooleanField("đạt “Đoàn cơ sở 3 chủ động”", default=False)
    review_summary = models.TextField("nhận xét chung của cấp trên", blank=True)
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    approved_at = models.DateTimeField("thẩm định lúc", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thẩm định",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = AssessmentQuerySet.as_manager()
    workflow = workflow.ASSESSMENT

    class Meta:
        verbose_name = "phiếu đánh giá"
        verbose_name_plural = "phiếu đánh giá"
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="assessment_one_per_year")]
        indexes = [models.Index(fields=["campaign", "status"], name="assessment_campaign_status")]

    def __str__(self):
        return f"Đánh giá năm {self.campaign.year} – {self.unit}"

    def get_absolute_url(self):
        return reverse("evaluations:assessment", args=[self.campaign_id, self.unit_id])

    @property
    def is_editable(self) -> bool:
        """The unit may still change its own scores and evidence."""
        return self.status in (FormStatus.DRAFT, FormStatus.RETURNED)

    @property
    def difference(self):
        if self.self_total is None or self.review_total is None:
            return None
        return self.review_total - self.self_total


# An evidence note is a few lines naming documents; files go as attachments. Each autosave copies the note into the
# history, so an unbounded note would fill it (and past 2.5 MB the request itself is refused).
EVIDENCE_MAX_CHARS = 5000


class Answer(models.Model):
    """One item of a sheet: the unit's score and evidence, and the reviewer's score and comment.

    The item's code, kind and maximum are copied when the sheet is made, so a later change to a local item does
    not rewrite a submitted sheet.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField(default=0)
    group_number = models.PositiveSmallIntegerField("nhóm")
    item_code = models.CharField("tiêu chí", max_length=20)
    is_local = models.BooleanField("tiêu chí địa phương", default=False)
    kind = models.CharField("cách chấm", max_length=10, choices=ItemKind.choices)
    max_points = models.DecimalField("điểm tối đa", **POINTS_FIELD)
    self_points = models.DecimalField("điểm tự chấm", **POINTS_FIELD, null=True, blank=True)
    self_check = models.BooleanField("tự đánh giá đạt", null=True, blank=True)
    evidence = models.TextField("minh chứng", blank=True)
    review_points = models.DecimalField("điểm thẩm định", **POINTS_FIELD, null=True, blank=True)
    review_check = models.BooleanField("thẩm định đạt", null=True, blank=True)
    review_comment = models.TextField("nhận xét của cấp trên", blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "position"])

    class Meta:
        verbose_name = "câu trả lời"
        verbose_name_plural = "câu trả lời"
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["assessment", "item_code"], name="answer_one_per_item")]

    def __str__(self):
        return self.item_code

    @property
    def is_check(self) -> bool:
        return self.kind == ItemKind.CHECK

    @property
    def self_value(self):
        """The unit's score as score_set takes it: Decimal, True/False for a check, None when not scored."""
        return self.self_check if self.is_check else self.self_points

    @property
    def review_value(self):
        return self.review_check if self.is_check else self.review_points

    @property
    def differs(self) -> bool:
        return self.review_value is not None and self.review_value != self.self_value


def _attachment_path(instance, filename):
    # Random names: evidence may hold personal data, and names must not be guessable from the URL of another.
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"minh-chung/{instance.answer.assessment.campaign.year}/{secrets.token_hex(16)}{extension}"


class AttachmentQuerySet(UnitScopedQuerySet):
    unit_field = "answer__assessment__unit"

    def current(self):
        return self.filter(removed_at__isnull=True)


class Attachment(StoredFile):
    """An evidence file of one answer, stored through Django's storage and served only by a scoped view."""

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField("tệp", upload_to=_attachment_path, max_length=200)

    history = HistoricalRecords()
    objects = AttachmentQuerySet.as_manager()

    class Meta(StoredFile.Meta):
        verbose_name = "tệp minh chứng"
        verbose_name_plural = "tệp minh chứng"

    def get_absolute_url(self):
        return reverse("evaluations:attachment", args=[self.pk])


# Who signs for the standing committee, as printed ("BÍ THƯ") and as read on a page ("Bí thư").
SIGNER_POSITIONS = {"BÍ THƯ": "Bí thư", "PHÓ BÍ THƯ": "Phó Bí thư"}


class RecognitionQuerySet(UnitScopedQuerySet):
    """Decisions of issuers inside the user's scope: a district's decision is read by its officers and the province."""

    unit_field = "issuer"


class RecognitionDecision(models.Model):
    """The yearly decision (quyết định công nhận) by which a reviewing unit's standing committee recognises its
    grassroots units' results of one closed year: issued once, with its list frozen, and never changed."""

    campaign = models.ForeignKey(Campaign, verbose_name="năm", on_delete=models.PROTECT, related_name="recognitions")
    issuer = models.ForeignKey(Unit, verbose_name="đơn vị ban hành", on_delete=models.PROTECT, related_name="+")
    decision_number = models.CharField("số quyết định", max_length=20)
    decision_date = models.DateField("ngày quyết định")
    signer_name = models.CharField("người ký", max_length=100)
    signer_position = models.CharField("chức vụ người ký", max_length=100, default="BÍ THƯ")
    verification_code = models.CharField("mã xác minh", max_length=20, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhập", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField("nhập lúc", auto_now_add=True)

    objects = RecognitionQuerySet.as_manager()

    class Meta:
        verbose_name = "quyết định công nhận"
        verbose_name_plural = "quyết định công nhận"
        ordering = ["-campaign__year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "issuer"], name="recognition_once_per_year"),
            models.UniqueConstraint(fields=["issuer", "decision_number"], name="recognition_number_unique_per_issuer"),
        ]

    def __str__(self):
        return f"Quyết định số {self.reference} công nhận năm {self.campaign.year}"

    def get_absolute_url(self):
        return reverse("evaluations:recognition", args=[self.campaign_id, self.issuer_id])

    @property
    def reference(self) -> str:
        """The number as printed: "12-QĐ/ĐTN", "05-QĐ/TĐTN-TCKT"."""
        return document_number(self.decision_number, "QĐ", self.issuer.doc_code or "", issuing_department(self.issuer))

    @property
    def signer_title(self) -> str:
        """The signer's position as a page writes it: "Phó Bí thư"."""
        return SIGNER_POSITIONS.get(self.signer_position, self.signer_position.capitalize())

    @property
    def code_text(self) -> str:
        return format_code(self.verification_code)

    @property
    def short_citation(self) -> str:
        """ "Quyết định số 12-QĐ/ĐTN ngày 20/01/2026"."""
        return f"Quyết định số {self.reference} ngày {self.decision_date:%d/%m/%Y}"

    @property
    def citation(self) -> str:
        """ "Quyết định số 12-QĐ/ĐTN ngày 20/01/2026 của Ban Thường vụ Huyện đoàn Krông Pắc": what pages cite."""
        return f"{self.short_citation} của Ban Thường vụ {self.issuer.name}"


class RecognitionEntry(models.Model):
    """A grassroots unit recognised by a decision, frozen as the decision lists it (its level and reviewed total)."""

    decision = models.ForeignKey(RecognitionDecision, on_delete=models.PROTECT, related_name="entries")
    position = models.PositiveIntegerField("STT")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+")
    unit_code = models.CharField("mã đơn vị", max_length=40)
    unit_name = models.CharField("tên đơn vị", max_length=200)
    level_code = models.CharField("mã mức kết quả", max_length=30)
    level_name = models.CharField("mức kết quả", max_length=200)
    review_total = models.DecimalField("điểm thẩm định", **POINTS_FIELD, null=True, blank=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị được công nhận"
        verbose_name_plural = "đơn vị được công nhận"
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["decision", "unit"], name="recognition_entry_once")]

    def __str__(self):
        return self.unit_name

    @property
    def total_text(self) -> str:
        return format_number(self.review_total) if self.review_total is not None else ""
