"""The member registry (sổ đoàn viên): members and what happens to them."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from branches.models import Unit, subtree_q, user_scope_paths
from common.text import search_key
from common.vietnamese import collation_key, normalise_name, split_name

from .ethnicity import ETHNIC_GROUPS


class Gender(models.TextChoices):
    MALE = "nam", "Nam"
    FEMALE = "nu", "Nữ"


class MemberStatus(models.TextChoices):
    ACTIVE = "dang_sinh_hoat", "Đang sinh hoạt"
    TRANSFERRED = "da_chuyen_di", "Đã chuyển đi"
    MATURED = "truong_thanh", "Trưởng thành Đoàn"
    LEFT = "ra_khoi_doan", "Ra khỏi Đoàn"
    DECEASED = "da_mat", "Đã mất"


class MemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members of the units in the user's scope (the subtrees of the units they hold a role on)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(subtree_q(user_scope_paths(user), prefix="unit__"))

    def in_subtree(self, unit):
        return self.filter(subtree_q([unit.path], prefix="unit__"))

    def active(self):
        return self.filter(status=MemberStatus.ACTIVE)


class Member(models.Model):
    unit = models.ForeignKey(Unit, verbose_name="chi đoàn", on_delete=models.PROTECT, related_name="members")
    full_name = models.CharField("họ và tên", max_length=200)
    family_name = models.CharField("họ", max_length=100, blank=True, editable=False)
    middle_name = models.CharField("tên đệm", max_length=100, blank=True, editable=False)
    given_name = models.CharField("tên", max_length=100, blank=True, editable=False)
    name_search = models.CharField(max_length=200, db_index=True, editable=False, default="")
    sort_key = models.CharField(max_length=300, db_index=True, editable=False, default="")
    birth_date = models.DateField("ngày sinh", null=True)
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices)
    ethnicity = models.CharField("dân tộc", max_length=30, choices=ETHNIC_GROUPS, blank=True)
    religion = models.CharField("tôn giáo", max_length=100, blank=True)
    id_number = models.CharField("số CCCD", max_length=12, null=True, blank=True)
    card_number = models.CharField("số thẻ đoàn viên", max_length=30, blank=True)
    joined_date = models.DateField("ngày vào Đoàn", null=True, blank=True)
    joined_place = models.CharField("nơi vào Đoàn", max_length=200, blank=True)
    education = models.CharField("trình độ", max_length=100, blank=True)
    occupation = models.CharField("nghề nghiệp", max_length=100, blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    residence = models.CharField("nơi cư trú", max_length=300, blank=True)
    is_party_member = models.BooleanField("đảng viên", default=False)
    party_joined_date = models.DateField("ngày vào Đảng", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=20, choices=MemberStatus.choices, default=MemberStatus.ACTIVE, db_index=True
    )
    admission_decision_number = models.CharField("số quyết định kết nạp", max_length=50, blank=True)
    admission_decision_date = models.DateField("ngày quyết định kết nạp", null=True, blank=True)
    introducer = models.ForeignKey(
        "self",
        verbose_name="người giới thiệu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introduced",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    # The derived name columns follow full_name, so the history shows only the name itself.
    history = HistoricalRecords(
        excluded_fields=["family_name", "middle_name", "given_name", "name_search", "sort_key", "updated_at"]
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = "đoàn viên"
        verbose_name_plural = "đoàn viên"
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"],
                condition=Q(status="dang_sinh_hoat") & Q(id_number__isnull=False),
                name="member_unique_active_id_number",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "sort_key"], name="member_unit_sort_key"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("members:member_detail", args=[self.pk])

    def fill_derived_fields(self) -> None:
        """Set the split name, search and sort columns from full_name (bulk_create callers call it too)."""
        self.full_name = normalise_name(self.full_name)
        self.family_name, self.middle_name, self.given_name = split_name(self.full_name)
        self.name_search = search_key(self.full_name)
        self.sort_key = collation_key(self.full_name)
        if self.id_number == "":
            self.id_number = None

    @property
    def is_active_member(self) -> bool:
        return self.status == MemberStatus.ACTIVE

    def age_on(self, day) -> int | None:
        if self.birth_date is None:
            return None
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))


# Engineer C's models (import jobs) live in their own module, registered with this app.
from .models_import import *  # noqa: E402,F403
