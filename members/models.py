"""The member registry (sổ đoàn viên): members and what happens to them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from branches.models import Unit
from branches.scoping import UnitScopedQuerySet
from common.text import search_key
from common.vietnamese import collation_key, normalise_name, split_name

from .ethnicity import ETHNIC_GROUPS
from .religion import normalised_or_kept


class Gender(models.TextChoices):
    MALE = "nam", "Nam"
    FEMALE = "nu", "Nữ"


class MemberStatus(models.TextChoices):
    ACTIVE = "dang_sinh_hoat", "Đang sinh hoạt"
    TRANSFERRED = "da_chuyen_di", "Đã chuyển đi"
    MATURED = "truong_thanh", "Trưởng thành Đoàn"
    LEFT = "ra_khoi_doan", "Ra khỏi Đoàn"
    DECEASED = "da_mat", "Đã mất"


class MemberQuerySet(UnitScopedQuerySet):
    """Members scoped by their chi đoàn: `visible_to(user)`, `in_subtree(unit)` (branches.scoping)."""

    def active(self):
        return self.filter(status=MemberStatus.ACTIVE)


class Member(models.Model):
    # No index of its own: the two (unit, …) indexes below start with it.
    unit = models.ForeignKey(
        Unit, verbose_name="chi đoàn", on_delete=models.PROTECT, related_name="members", db_index=False
    )
    full_name = models.CharField("họ và tên", max_length=200)
    family_name = models.CharField("họ", max_length=100, blank=True, editable=False)
    middle_name = models.CharField("tên đệm", max_length=100, blank=True, editable=False)
    given_name = models.CharField("tên", max_length=100, blank=True, editable=False)
    name_search = models.CharField(max_length=200, editable=False, default="")
    sort_key = models.CharField(max_length=300, editable=False, default="")
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
    workflow = "members.workflow.MEMBER"

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
        # The list page walks a unit subtree and, per unit, a range of names or of sort keys; status rides
        # along so that counts never touch the table.
        indexes = [
            models.Index(fields=["unit", "sort_key", "status"], name="member_unit_sort_key"),
            # The sort key rides along too: a whole-name search over a district ("nguyen": 34,000 members) pages
            # its matches in name order without reading each one's row.
            models.Index(fields=["unit", "name_search", "status", "sort_key"], name="member_unit_name_search"),
            # A search or a list over the whole province: name ranges answered from the index alone (the
            # other words of a query and the status are checked inside it), no unit condition to join. The
            # name-order index also carries the unit, so a district's list can walk it in order and test each
            # entry's unit (filters.NameOrderedIds). On PostgreSQL they also carry the id and the order (SQLite's
            # entries always hold the row id), so a district's page 200 or a search's ranges are index-only
            # scans there too.
            models.Index(
                fields=["sort_key", "name_search", "status", "unit"], include=["id"], name="member_sort_key_cover"
            ),
            models.Index(
                fields=["name_search", "status", "sort_key"], include=["unit", "id"], name="member_name_search_cover"
            ),
            # The data-quality check looks a CCCD up among all records, not only the active ones; the list's
            # search finds a CCCD or a card number.
            models.Index(fields=["id_number"], name="member_id_number"),
            models.Index(fields=["card_number"], name="member_card_number"),
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
        self.religion = normalised_or_kept(self.religion)
        if self.id_number == "":
            self.id_number = None

    @property
    def is_active_member(self) -> bool:
        return self.status == MemberStatus.ACTIVE

    def age_on(self, day) -> int | None:
        if self.birth_date is None:
            return None
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))


class RatingLevel(models.TextChoices):
    # HD 25-HD/TWĐTN-BTC (2023) levels.
    EXCELLENT = "htxs", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "htt", "Hoàn thành tốt nhiệm vụ"
    COMPLETED = "ht", "Hoàn thành nhiệm vụ"
    NOT_COMPLETED = "kht", "Không hoàn thành nhiệm vụ"
    # The levels used before 2023.
    OLD_EXCELLENT = "xuat_sac", "Xuất sắc"
    OLD_GOOD = "kha", "Khá"
    OLD_AVERAGE = "trung_binh", "Trung bình"
    OLD_WEAK = "yeu", "Yếu"


RATING_2023_FIRST_YEAR = 2023
RATING_LEVELS_2023 = [RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.COMPLETED, RatingLevel.NOT_COMPLETED]
RATING_LEVELS_OLD = [RatingLevel.OLD_EXCELLENT, RatingLevel.OLD_GOOD, RatingLevel.OLD_AVERAGE, RatingLevel.OLD_WEAK]


# Chi đoàn rate their members at the year's end; from this month on, the current year's rating is the one
# being entered and counted.
RATING_SEASON_FIRST_MONTH = 10


def current_rating_year(on) -> int:
    """The rating year in force on the date `on`: this year from October, last year before (one rule everywhere)."""
    return on.year if on.month >= RATING_SEASON_FIRST_MONTH else on.year - 1


def rating_levels_for_year(year: int) -> list[RatingLevel]:
    """The four levels in force in `year`, best first."""
    return RATING_LEVELS_2023 if year >= RATING_2023_FIRST_YEAR else RATING_LEVELS_OLD


class MemberRating(models.Model):
    """A member's annual rating (đánh giá, xếp loại đoàn viên) for one year."""

    member = models.ForeignKey(Member, verbose_name="đoàn viên", on_delete=models.PROTECT, related_name="ratings")
    year = models.PositiveSmallIntegerField("năm")
    level = models.CharField("xếp loại", max_length=12, choices=RatingLevel.choices)
    unit = models.ForeignKey(
        Unit, verbose_name="chi đoàn xếp loại", on_delete=models.PROTECT, related_name="member_ratings"
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhập", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "xếp loại đoàn viên"
        verbose_name_plural = "xếp loại đoàn viên"
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="member_rating_unique_year"),
            models.CheckConstraint(
                condition=Q(year__gte=RATING_2023_FIRST_YEAR, level__in=RATING_LEVELS_2023)
                | Q(year__lt=RATING_2023_FIRST_YEAR, level__in=RATING_LEVELS_OLD),
                name="member_rating_level_of_its_year",
            ),
        ]
        indexes = [models.Index(fields=["year", "level"], name="member_rating_year_level")]

    def __str__(self):
        return f"{self.member} – {self.year}: {self.get_level_display()}"


class TransferStatus(models.TextChoices):
    PENDING = "cho_tiep_nhan", "Chờ tiếp nhận"
    ACCEPTED = "da_tiep_nhan", "Đã tiếp nhận"
    DECLINED = "tu_choi", "Bị từ chối"
    CANCELLED = "da_huy", "Đã hủy"
    LEFT_PORTAL = "ngoai_cong", "Chuyển ra ngoài cổng"


class MemberTransferQuerySet(UnitScopedQuerySet):
    unit_field = "to_unit"  # a transfer is scoped by where it goes: the receiving side answers it

    def waiting_for(self, user, unit=None):
        """Transfers waiting for an answer from the user's units (or from `unit`'s subtree): pending, to a unit
        inside, wherever they come from (a move between two communes of one district waits for that district too).
        The unit panel counts these and the transfer list shows these: one definition of "chờ tiếp nhận".
        """
        waiting = self.filter(status=TransferStatus.PENDING).visible_to(user)
        return waiting.in_subtree(unit) if unit is not None else waiting


class MemberTransfer(models.Model):
    """A transfer of Youth Union activity (chuyển sinh hoạt đoàn) from one unit to another."""

    member = models.ForeignKey(Member, verbose_name="đoàn viên", on_delete=models.PROTECT, related_name="transfers")
    from_unit = models.ForeignKey(
        Unit, verbose_name="chi đoàn chuyển đi", on_delete=models.PROTECT, related_name="transfers_out"
    )
    to_unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị tiếp nhận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    destination_text = models.CharField("nơi chuyển đến (ngoài cổng)", max_length=300, blank=True)
    remark = models.TextField("nhận xét của chi đoàn", blank=True)
    status = models.CharField(
        "trạng thái", max_length=20, choices=TransferStatus.choices, default=TransferStatus.PENDING, db_index=True
    )
    assigned_unit = models.ForeignKey(
        Unit,
        verbose_name="chi đoàn tiếp nhận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_assigned",
    )
    decline_reason = models.TextField("lý do từ chối", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người lập", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người xử lý", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("xử lý lúc", null=True, blank=True)
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    history = HistoricalRecords()

    objects = MemberTransferQuerySet.as_manager()
    workflow = "members.workflow.TRANSFER"

    class Meta:
        verbose_name = "chuyển sinh hoạt đoàn"
        verbose_name_plural = "chuyển sinh hoạt đoàn"
        constraints = [
            # Either a unit in the portal or a written destination outside it, never both or neither.
            models.CheckConstraint(
                condition=(Q(to_unit__isnull=False) & Q(destination_text=""))
                | (Q(to_unit__isnull=True) & ~Q(destination_text="")),
                name="member_transfer_one_destination",
            ),
            models.UniqueConstraint(
                fields=["member"], condition=Q(status="cho_tiep_nhan"), name="member_transfer_one_pending"
            ),
        ]

    def __str__(self):
        return f"{self.member} → {self.destination}"

    def get_absolute_url(self):
        return reverse("members:transfer_detail", args=[self.pk])

    @property
    def destination(self) -> str:
        return self.to_unit.name if self.to_unit_id else self.destination_text

    @property
    def is_pending(self) -> bool:
        return self.status == TransferStatus.PENDING


class PartyOutcome(models.TextChoices):
    PENDING = "dang_xem_xet", "Đang xem xét"
    ADMITTED = "da_ket_nap", "Đã kết nạp Đảng"
    NOT_ADMITTED = "chua_ket_nap", "Chưa được kết nạp"


class PartyIntroductionQuerySet(UnitScopedQuerySet):
    unit_field = "member__unit"


class PartyIntroduction(models.Model):
    """An outstanding member introduced to the Party (giới thiệu đoàn viên ưu tú cho Đảng) in a year."""

    member = models.ForeignKey(
        Member, verbose_name="đoàn viên", on_delete=models.PROTECT, related_name="party_introductions"
    )
    year = models.PositiveSmallIntegerField("năm giới thiệu")
    introduced_date = models.DateField("ngày giới thiệu", null=True, blank=True)
    resolution = models.CharField("nghị quyết/văn bản giới thiệu", max_length=100, blank=True)
    outcome = models.CharField("kết quả", max_length=20, choices=PartyOutcome.choices, default=PartyOutcome.PENDING)
    party_admitted_date = models.DateField("ngày kết nạp Đảng", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhập", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    history = HistoricalRecords()
    objects = PartyIntroductionQuerySet.as_manager()

    class Meta:
        verbose_name = "giới thiệu đoàn viên ưu tú cho Đảng"
        verbose_name_plural = "giới thiệu đoàn viên ưu tú cho Đảng"
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="party_introduction_unique_year"),
            models.CheckConstraint(
                condition=Q(outcome="da_ket_nap", party_admitted_date__isnull=False) | ~Q(outcome="da_ket_nap"),
                name="party_introduction_admitted_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.member} – {self.year}"


class YouthCategory(models.TextChoices):
    DIFFICULT = "hoan_canh_kho_khan", "Thanh thiếu niên có hoàn cảnh khó khăn"
    RELIGIOUS = "ton_giao", "Thanh niên tôn giáo"
    VULNERABLE = "yeu_the", "Thanh niên yếu thế"


class YouthRecordQuerySet(UnitScopedQuerySet):
    """Records of the units in the user's scope: the unit that keeps them and its superiors (branches.scoping)."""


class YouthRecord(models.Model):
    """A young person a grassroots unit looks after (may not be a member): sensitive personal data."""

    unit = models.ForeignKey(Unit, verbose_name="đơn vị theo dõi", on_delete=models.PROTECT, related_name="youth")
    category = models.CharField("nhóm", max_length=20, choices=YouthCategory.choices)
    full_name = models.CharField("họ và tên", max_length=200)
    name_search = models.CharField(max_length=200, editable=False, default="")
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices, blank=True)
    religion = models.CharField("tôn giáo", max_length=100, blank=True)
    residence = models.CharField("nơi cư trú", max_length=300, blank=True)
    member = models.ForeignKey(
        Member,
        verbose_name="là đoàn viên",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="youth_records",
    )
    circumstances = models.TextField("hoàn cảnh", blank=True)
    help_plan = models.TextField("kế hoạch giúp đỡ", blank=True)
    help_done = models.TextField("đã thực hiện", blank=True)
    is_open = models.BooleanField("đang theo dõi", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người nhập", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    history = HistoricalRecords(excluded_fields=["name_search", "updated_at"])

    objects = YouthRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "thanh thiếu niên cần quan tâm"
        verbose_name_plural = "thanh thiếu niên cần quan tâm"

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = normalise_name(self.full_name)
        self.name_search = search_key(self.full_name)
        self.religion = normalised_or_kept(self.religion)
        super().save(*args, **kwargs)


# Engineer C's models (import jobs) live in their own module, registered with this app.
from .models_import import *  # noqa: E402,F403
