"""The union's organisation tree, terms of office and the roles users hold on units."""

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import In
from django.urls import reverse
from simple_history import register
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from common.text import search_key, search_terms


class UnitType(models.TextChoices):
    PROVINCE = "tinh_doan", "Tỉnh đoàn"
    DISTRICT = "doan_cap_huyen", "Đoàn cấp huyện (Huyện/Thị/Thành đoàn)"
    DIRECT = "doan_truc_thuoc", "Đoàn trực thuộc"
    COMMUNE = "doan_xa_phuong", "Đoàn xã/phường (cấp trên trực tiếp cơ sở)"
    GRASSROOTS = "doan_co_so", "Đoàn cơ sở"
    GRASSROOTS_BRANCH = "chi_doan_co_so", "Chi đoàn cơ sở"
    BRANCH_FEDERATION = "lien_chi_doan", "Liên chi đoàn"
    BRANCH = "chi_doan", "Chi đoàn"


# Types that review the grassroots units below them ("Đoàn cấp trên trực tiếp cơ sở"). The reviewing
# superior is the nearest ancestor of one of these types, whatever the depth of the tree.
SUPERIOR_TYPES = frozenset({UnitType.PROVINCE, UnitType.DISTRICT, UnitType.DIRECT, UnitType.COMMUNE})
GRASSROOTS_TYPES = frozenset({UnitType.GRASSROOTS, UnitType.GRASSROOTS_BRANCH})
INNER_TYPES = frozenset({UnitType.BRANCH_FEDERATION, UnitType.BRANCH})

# Which types may sit directly under which: keeps the tree meaningful when officers edit it.
ALLOWED_CHILD_TYPES = {
    UnitType.PROVINCE: [
        UnitType.DISTRICT,
        UnitType.DIRECT,
        UnitType.COMMUNE,
        UnitType.GRASSROOTS,
        UnitType.GRASSROOTS_BRANCH,
    ],
    UnitType.DISTRICT: [UnitType.GRASSROOTS, UnitType.GRASSROOTS_BRANCH],
    UnitType.DIRECT: [UnitType.GRASSROOTS, UnitType.GRASSROOTS_BRANCH],
    UnitType.COMMUNE: [UnitType.GRASSROOTS, UnitType.GRASSROOTS_BRANCH, UnitType.BRANCH],
    UnitType.GRASSROOTS: [UnitType.BRANCH_FEDERATION, UnitType.BRANCH],
    UnitType.GRASSROOTS_BRANCH: [],
    UnitType.BRANCH_FEDERATION: [UnitType.BRANCH],
    UnitType.BRANCH: [],
}

# Every path character of treebeard's alphabet sorts at or below "Z", in byte order and in the usual
# database collations alike, so P + "Z" * (max length) is an upper bound for every path starting with P.
_PATH_MAX_LENGTH = 255


def subtree_range(path: str) -> tuple[str, str]:
    """The (low, high) bounds of the paths in the subtree rooted at `path`, for an indexed BETWEEN."""
    return path, path + "Z" * (_PATH_MAX_LENGTH - len(path))


def subtree_q(paths, prefix: str = "") -> Q:
    """A Q matching rows whose unit lies in any of the subtrees at `paths` (served by the path index).

    `prefix` is the lookup to the unit from another model, e.g. "unit__" on a member.
    """
    query = Q(pk__in=[]) if not prefix else Q(**{f"{prefix}pk__in": []})
    for path in _outermost(paths):
        query |= Q(**{f"{prefix}path__range": subtree_range(path)})
    return query


def _outermost(paths) -> list[str]:
    """Drop paths that lie inside another path of the list, so the OR stays short."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(outer) for outer in kept):
            kept.append(path)
    return kept


class TestedIn(In):
    """`field IN (subquery)`, each row tested against the subquery's values.

    SQLite otherwise reads the rows value by value from an index starting with `field`. The unary plus keeps its
    planner off that index, so it can walk an index in the order the query asks for.
    """

    def as_sqlite(self, compiler, connection):
        sql, params = self.as_sql(compiler, connection)
        return f"+{sql}", params


class UnitScopingMixin:
    """Scoping by the unit tree for a QuerySet whose rows hang on a unit by `unit_field` (None: the rows are units):
    `visible_to(user)`, `in_subtree(unit)`, `in_subtrees(units)`, `of_units(units)`, and for rows that a whole tree
    shares, `visible_in_trees_of(user)` and `at_root_of(unit)`. Used through branches.scoping.UnitScopedQuerySet by
    the other apps."""

    unit_field: str | None = "unit"

    def _prefix(self) -> str:
        return f"{self.unit_field}__" if self.unit_field else ""

    def visible_to(self, user):
        """Rows whose unit lies in the subtrees of the units the user holds a role on."""
        if not _signed_in(user):
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(subtree_q(user_scope_paths(user), prefix=self._prefix()))

    def in_subtree(self, unit):
        return self.in_subtrees([unit])

    def in_subtrees(self, units):
        """Rows whose unit lies in the subtree of any of `units` (none when `units` is empty)."""
        return self.filter(subtree_q([unit.path for unit in units], prefix=self._prefix()))

    def visible_in_trees_of(self, user):
        """Rows whose unit is the root of a tree the user holds a role in: what the province runs for its whole tree
        (a campaign) is seen by everyone in the tree, not only by those above the row's unit."""
        if not _signed_in(user):
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(**{f"{self._prefix()}path__in": user_root_paths(user)})

    def at_root_of(self, unit):
        """Rows whose unit is the root of `unit`'s tree."""
        return self.filter(**{f"{self._prefix()}path": unit.root_path})

    def of_units(self, units, *, tested: bool = False):
        """Rows whose unit is one of `units`, a Unit QuerySet that is itself scoped (`Unit.objects.visible_to(user)`).

        The units drive the read: the rows of each unit come from an index starting with the unit. With `tested`,
        the rows are read in the order of another index instead and each one's unit is looked up among `units`;
        that is cheaper when the units hold a large share of the rows and only the first rows in that order are
        wanted (a district's member list in name order). Only SQLite is told which way (see `TestedIn`);
        PostgreSQL's planner chooses from its statistics either way.
        """
        lookup = TestedIn if tested else In
        return self.filter(lookup(F(self.unit_field or "pk"), units.order_by().values("pk")))


class UnitQuerySet(UnitScopingMixin, MP_NodeQuerySet):
    unit_field = None

    def descendants_of(self, unit, *, include_self=False):
        qs = self.filter(path__range=subtree_range(unit.path))
        return qs if include_self else qs.exclude(pk=unit.pk)

    def children_of(self, unit):
        return self.descendants_of(unit).filter(depth=unit.depth + 1)

    def parents_of(self, units):
        """The parents of `units` (Unit objects), in one query."""
        return self.filter(path__in={unit.parent_path for unit in units})

    def active(self, on: datetime.date | None = None):
        on = on or datetime.date.today()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))

    def search(self, query: str):
        """Units whose name, short name or code contains every word of `query`, ignoring accents."""
        qs = self
        for term in search_terms(query):
            qs = qs.filter(search_text__contains=term)
        return qs


class UnitManager(MP_NodeManager.from_queryset(UnitQuerySet)):
    def get_queryset(self):
        return UnitQuerySet(self.model, using=self._db).order_by("path")


class Unit(MP_Node):
    unit_type = models.CharField("loại đơn vị", max_length=20, choices=UnitType.choices)
    code = models.CharField(
        "mã đơn vị", max_length=40, unique=True, help_text="Ví dụ: DL-KP-EAPHE. Chỉ gồm chữ không dấu, số và dấu gạch."
    )
    name = models.CharField("tên đơn vị", max_length=200)
    short_name = models.CharField(
        "tên trên văn bản", max_length=200, blank=True, help_text="Ví dụ: BCH Huyện đoàn Krông Pắc."
    )
    doc_code = models.CharField(
        "ký hiệu cơ quan ban hành", max_length=30, blank=True, help_text="Ví dụ: TĐTN, ĐTN (dùng trong số văn bản)."
    )
    place_name = models.CharField(
        "địa danh", max_length=100, blank=True, help_text="Dùng ở dòng “…, ngày … tháng … năm …”; ví dụ: Krông Pắc."
    )
    valid_from = models.DateField("hiệu lực từ ngày", null=True, blank=True)
    valid_to = models.DateField("giải thể/sáp nhập từ ngày", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name="đơn vị kế thừa",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    search_text = models.CharField(max_length=500, editable=False, default="")
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    history = HistoricalRecords(excluded_fields=["path", "depth", "numchild", "search_text", "updated_at"])

    objects = UnitManager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = search_key(f"{self.name} {self.short_name} {self.code}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("branches:unit_detail", args=[self.pk])

    @property
    def is_grassroots(self) -> bool:
        return self.unit_type in GRASSROOTS_TYPES

    @property
    def is_superior_type(self) -> bool:
        return self.unit_type in SUPERIOR_TYPES

    def is_dissolved(self, on: datetime.date | None = None) -> bool:
        on = on or datetime.date.today()
        return self.valid_to is not None and self.valid_to <= on

    @property
    def is_closing(self) -> bool:
        """A dissolution is recorded (today or from a later date): the unit takes no new sub-units."""
        return self.valid_to is not None

    def is_open_on(self, on: datetime.date | None = None) -> bool:
        """In force on `on`: started (or no start date) and no dissolution recorded."""
        on = on or datetime.date.today()
        return self.valid_to is None and (self.valid_from is None or self.valid_from <= on)

    def ancestors(self):
        """Ancestors from the root down, in one query."""
        return list(Unit.objects.filter(path__in=self.ancestor_paths()).order_by("depth"))

    def ancestor_paths(self) -> list[str]:
        return [self.ancestor_path_of(self.path, depth) for depth in range(1, self.depth)]

    @classmethod
    def ancestor_path_of(cls, path: str, depth: int) -> str:
        """The path of the ancestor at `depth` of the unit at `path` (at the unit's own depth: `path` itself)."""
        return path[: depth * cls.steplen]

    @property
    def root_path(self) -> str:
        """The path of the root of the unit's tree (the province)."""
        return self.ancestor_path_of(self.path, 1)

    @property
    def parent_path(self) -> str:
        """The path of the unit's parent ("" for a root)."""
        return self.ancestor_path_of(self.path, self.depth - 1)

    def reviewing_superior(self):
        """The nearest ancestor of a superior type: the unit that reviews this grassroots unit."""
        for ancestor in reversed(self.ancestors()):
            if ancestor.unit_type in SUPERIOR_TYPES:
                return ancestor
        return None

    def allowed_child_types(self) -> list[str]:
        return list(ALLOWED_CHILD_TYPES.get(self.unit_type, []))


class TermQuerySet(UnitScopingMixin, models.QuerySet):
    unit_field = "unit"


class Term(models.Model):
    """A term of office (nhiệm kỳ) of one tree, recorded on its root unit."""

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="terms")
    name = models.CharField("tên nhiệm kỳ", max_length=100, help_text="Ví dụ: Nhiệm kỳ 2022 – 2027.")
    start_year = models.PositiveSmallIntegerField("năm bắt đầu")
    end_year = models.PositiveSmallIntegerField("năm kết thúc")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = "nhiệm kỳ"
        verbose_name_plural = "nhiệm kỳ"
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "start_year"], name="term_unique_start_per_unit"),
            models.CheckConstraint(condition=Q(end_year__gt=models.F("start_year")), name="term_end_after_start"),
        ]

    def __str__(self):
        return self.name

    def includes_year(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class Role(models.TextChoices):
    GRASSROOTS_SECRETARY = "grassroots_secretary", "Bí thư đoàn cơ sở"
    GRASSROOTS_OFFICER = "grassroots_officer", "Cán bộ đoàn cơ sở"
    SUPERIOR_OFFICER = "superior_officer", "Cán bộ đoàn cấp trên trực tiếp cơ sở"
    PROVINCE_COMMITTEE = "province_committee", "Ban Tổ chức – Kiểm tra Tỉnh đoàn"
    SYSTEM_ADMIN = "system_admin", "Quản trị hệ thống"


# Which unit types each role may be held on.
ROLE_UNIT_TYPES = {
    Role.GRASSROOTS_SECRETARY: GRASSROOTS_TYPES,
    Role.GRASSROOTS_OFFICER: GRASSROOTS_TYPES,
    Role.SUPERIOR_OFFICER: SUPERIOR_TYPES - {UnitType.PROVINCE},
    Role.PROVINCE_COMMITTEE: frozenset({UnitType.PROVINCE}),
    Role.SYSTEM_ADMIN: frozenset({UnitType.PROVINCE}),
}


class RoleAssignmentQuerySet(UnitScopingMixin, models.QuerySet):
    unit_field = "unit"

    def active(self):
        return self.filter(is_active=True)


class RoleAssignment(models.Model):
    """A role a user holds on a unit; it covers the unit's subtree for reading."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE, related_name="role_assignments"
    )
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField("vai trò", max_length=30, choices=Role.choices)
    is_active = models.BooleanField("đang hiệu lực", default=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="role_assignment_unique"),
        ]

    def __str__(self):
        return f"{self.get_role_display()} – {self.unit}"


def user_assignments(user) -> list[RoleAssignment]:
    """The user's active role assignments with their units, fetched once per request."""
    cached = getattr(user, "_role_assignments_cache", None)
    if cached is None:
        cached = list(RoleAssignment.objects.active().filter(user=user).select_related("unit").order_by("unit__path"))
        user._role_assignments_cache = cached
    return cached


def user_scope_paths(user) -> list[str]:
    return [assignment.unit.path for assignment in user_assignments(user)]


def user_root_paths(user) -> list[str]:
    """The root paths of the trees the user holds a role in."""
    return sorted({assignment.unit.root_path for assignment in user_assignments(user)})


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


# Accounts are user data too: who created, renamed, locked or reset them, and when. Password hashes and
# login times stay out of the history.
register(User, app=__package__, excluded_fields=["password", "last_login"])
