"""The member list's search and filters, shared by the list page and the Excel export of the same set.

GET parameters (kept stable: bookmarks, the export and the benchmarks use them): q, don_vi (unit id),
gioi_tinh, dan_toc, ton_giao, tuoi (age band), trang_thai, dang_vien, xep_loai + nam, loi (a data-quality
flag of the unit page), trang (page).

The name search is built to be answered from indexes on a roll of millions: a diacritic-free prefix of the
whole name (name_search), or a prefix of the given name (the start of sort_key, one range per way of
putting the diacritics back: "dang" → d/đ × a/ă/â), with any other words of the query required anywhere
in the name. So "nguyen van an", "nguyen an", "van an", "an" and "dang" all find "Nguyễn Văn An" /
"Đặng …"; a middle name alone ("van") does not.
"""

import datetime
import itertools
import re

from django import forms
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.db.models.lookups import Exact

from branches.models import Unit
from common.text import search_terms
from common.vietnamese import letter_key

from .ethnicity import ETHNIC_GROUPS
from .models import Gender, Member, MemberRating, MemberStatus, RatingLevel, current_rating_year
from .religion import normalise_religion

ALL_STATUSES = "tat_ca"
NOT_RATED = "chua_xep_loai"

# Age bands of the union's statistics (age in whole years on the day the list is drawn).
AGE_BANDS = {
    "duoi-16": ("Dưới 16 tuổi", None, 15),
    "16-18": ("Từ 16 đến 18 tuổi", 16, 18),
    "19-25": ("Từ 19 đến 25 tuổi", 19, 25),
    "26-30": ("Từ 26 đến 30 tuổi", 26, 30),
    "tren-30": ("Trên 30 tuổi", 31, None),
}

# Letters a diacritic-free query letter may stand for, in the order of the collation alphabet.
# Minority-language letters (ĕ ĭ ŏ ŭ ñ) are found from their base letter too: "ayun" finds "Ayŭn".
_DIACRITIC_VARIANTS = {"a": "aăâ", "d": "dđ", "e": "eĕê", "i": "iĭ", "n": "nñ", "o": "oŏôơ", "u": "uŭư"}
_MAX_GIVEN_NAME_VARIANTS = 64
MATURITY_AGE = 30
_ID_LIKE = re.compile(r"^[0-9A-Za-z./-]*[0-9][0-9A-Za-z./-]*$")


MISSING_FIELDS_Q = Q(birth_date__isnull=True) | Q(ethnicity="") | Q(joined_date__isnull=True) | Q(gender="")


def over_age_q(today: datetime.date) -> Q:
    """Older than 30 (in whole years): due for trưởng thành Đoàn."""
    return Q(birth_date__lte=_years_before(today, MATURITY_AGE + 1))


def shared_id_q() -> Q:
    """The CCCD also appears on a record of another unit that has not simply moved out."""
    others = (
        Member.objects.filter(id_number=OuterRef("id_number"))
        .exclude(unit=OuterRef("unit"))
        .exclude(status=MemberStatus.TRANSFERRED)
    )
    return Q(id_number__isnull=False) & Exists(others)


QUALITY_FLAGS = {
    "tren-30": ("Trên 30 tuổi (đến tuổi trưởng thành Đoàn)", over_age_q),
    "trung-cccd": ("Số CCCD trùng với hồ sơ ở đơn vị khác", lambda today: shared_id_q()),
    "thieu-thong-tin": ("Thiếu ngày sinh, giới tính, dân tộc hoặc ngày vào Đoàn", lambda today: MISSING_FIELDS_Q),
}


class StatusIs(Exact):
    """status = value, written for each engine's planner.

    Nine members in ten are active. PostgreSQL knows it from its statistics and checks the status inside the
    (unit, sort_key, status) index. SQLite's fixed statistics (members migration 0004) cannot say so, so it is
    handed `+status = value`: the unary plus keeps its planner off the status index (it would walk a fifth of
    the roll) while the covering (unit, …, status) indexes still answer the comparison.
    """

    def as_sqlite(self, compiler, connection):
        sql, params = self.as_sql(compiler, connection)
        return f"+{sql}", params


class MemberFilterForm(forms.Form):
    """Cleans the list's GET parameters; anything invalid is simply not applied."""

    q = forms.CharField(label="Tìm theo tên, số CCCD hoặc số thẻ", required=False, max_length=100)
    don_vi = forms.IntegerField(label="Đơn vị", required=False, widget=forms.HiddenInput)
    gioi_tinh = forms.ChoiceField(label="Giới tính", required=False, choices=[("", "Tất cả"), *Gender.choices])
    dan_toc = forms.ChoiceField(label="Dân tộc", required=False, choices=[("", "Tất cả"), *ETHNIC_GROUPS])
    ton_giao = forms.CharField(label="Tôn giáo", required=False, max_length=100)
    tuoi = forms.ChoiceField(
        label="Độ tuổi", required=False, choices=[("", "Tất cả"), *((k, v[0]) for k, v in AGE_BANDS.items())]
    )
    trang_thai = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[*MemberStatus.choices, (ALL_STATUSES, "Tất cả trạng thái")]
    )
    dang_vien = forms.ChoiceField(
        label="Đảng viên", required=False, choices=[("", "Tất cả"), ("co", "Là đảng viên"), ("khong", "Chưa")]
    )
    xep_loai = forms.ChoiceField(
        label="Xếp loại", required=False, choices=[("", "Tất cả"), *RatingLevel.choices, (NOT_RATED, "Chưa xếp loại")]
    )
    nam = forms.IntegerField(label="Năm xếp loại", required=False, min_value=2000, max_value=2100)
    loi = forms.ChoiceField(
        label="Cần rà soát", required=False, choices=[("", "—"), *((k, v[0]) for k, v in QUALITY_FLAGS.items())]
    )

    def filter_values(self) -> dict:
        """The valid parameters only: a wrong value in one field does not void the others."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}


def filter_members(qs, params, *, today: datetime.date | None = None):
    """`qs` (already scoped to the user) narrowed by the list's GET parameters, in Vietnamese name order."""
    values = MemberFilterForm(params).filter_values()
    qs = _in_chosen_unit(qs, values)
    qs, search = _narrowed(qs, values, today)
    if search is not None:
        qs = qs.filter(pk__in=_union(qs, search, "pk"))
    return qs.order_by("sort_key", "pk")


def member_list_ids(units, params, *, today: datetime.date | None = None) -> "NameOrderedIds":
    """The members of `units` (a Unit QuerySet scoped to the user; None: the whole roll) that `filter_members`
    lists for `params`, in the same order, as (id, sort_key) pairs that BoundedPaginator counts and slices
    without reading a member row.

    A name search is read as a UNION ALL of its ranges (see `search_branches`), each an index-only scan in name
    order that checks the other words inside the index. Written as one OR, PostgreSQL gathers every range into
    a bitmap and then reads each row it points at: 26,000 table pages for "nguyen van an" on a roll of
    1,000,000 (170 ms); taken as ids and looked up again, "an" over a province joins 52,000 ids back to the
    table (550 ms). The ranges do not overlap, so the count of the union needs no de-duplication and stops at
    its bound, and the first page is merged from the ranges' heads.
    """
    values = MemberFilterForm(params).filter_values()
    if values.get("don_vi"):
        units = _in_chosen_unit(Unit.objects.all() if units is None else units, values)

    def listed(*, tested: bool):
        members = Member.objects.all() if units is None else Member.objects.of_units(units, tested=tested)
        qs, search = _narrowed(members, values, today)
        if search is None:
            return qs.values_list("pk", "sort_key").order_by("sort_key", "pk")
        return _union(qs, search, "pk", "sort_key").order_by("sort_key", "pk")

    in_name_order = None
    if units is not None and not any(values.get(name) for name in _READ_BY_UNIT_WITH):
        in_name_order = listed(tested=True)
    return NameOrderedIds(listed(tested=False), in_name_order, units)


# A list with a search, or with a filter that the name-order index cannot check, is always read by unit: a
# search's own index ranges are narrower than any walk (SQLite would walk "nguyen"'s 380,000 whole-name
# entries and sort them: 71 ms, against 10 ms by unit), and each entry walked past a filter on another column
# would be a read of its row.
_READ_BY_UNIT_WITH = ("q", "gioi_tinh", "dan_toc", "ton_giao", "tuoi", "dang_vien", "xep_loai", "loi")
# Reading a member by unit and sorting it costs about as much as walking three entries of the name index
# (SQLite, 1,000,000 members: a district's 100,000 read by unit and sorted in 31 ms; 110,000 entries of the
# name index walked, each unit tested, in 10 ms).
SORT_COST_IN_WALKED_ENTRIES = 3


def read_in_name_order(rows_wanted: int, unit_share: float, roll_rows: int) -> bool:
    """Whether the first `rows_wanted` members of units holding `unit_share` of all units are cheaper to find by
    walking the whole roll in name order (about rows_wanted / unit_share entries) than by reading the units'
    members one unit after another and sorting them (about unit_share × roll_rows members)."""
    if unit_share <= 0:
        return False
    return rows_wanted / unit_share < SORT_COST_IN_WALKED_ENTRIES * unit_share * roll_rows


class NameOrderedIds:
    """The (id, sort_key) pairs of a member list in name order, for BoundedPaginator.

    Counted with the units driving the read, which stops at the bound after a few units. A page is read the same
    way, or, when the units hold a large share of the roll and the page lies near enough its start, by walking
    the name index and testing each entry's unit (`of_units(…, tested=True)`): a district's page 200 on SQLite
    walks 110,000 entries in 10 ms instead of sorting its 100,000 members in 31 ms; its first page takes
    0.1 ms instead of 12 ms. A list filtered by a column the index lacks is always read by unit.
    """

    def __init__(self, by_unit, in_name_order, units):
        self.by_unit = by_unit
        self.in_name_order = in_name_order
        self.units = units

    def count_up_to(self, limit: int) -> int:
        return self.by_unit.order_by()[:limit].count()

    def __getitem__(self, item: slice) -> list:
        return list(self._reading(item.stop or 0)[item])

    def _reading(self, rows_wanted: int):
        if self.in_name_order is None:
            return self.by_unit
        roll_rows = Member.objects.aggregate(last=Max("pk"))["last"] or 0  # ids are never reused: rows so far
        walk = read_in_name_order(rows_wanted, self.unit_share(), roll_rows)
        return self.in_name_order if walk else self.by_unit

    def unit_share(self) -> float:
        """The listed units' share of all units: their share of the roll, as far as one can tell without
        counting members."""
        counts = Unit.objects.aggregate(
            listed=Count("pk", filter=Q(pk__in=self.units.order_by().values("pk"))), every=Count("pk")
        )
        return counts["listed"] / counts["every"] if counts["every"] else 0.0


def search_members(qs, query: str):
    """`qs` narrowed to the members matching a typed query (see `search_branches`)."""
    return qs.filter(pk__in=_union(qs, search_branches(query), "pk"))


def _union(qs, branches: list[Q], *fields: str):
    parts = [qs.filter(branch).order_by().values_list(*fields) for branch in branches]
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def _in_chosen_unit(qs, values):
    """`qs` (members or units) narrowed to the subtree of the unit chosen in the list (`don_vi`): unchanged when the
    list is not narrowed to a unit, nothing when there is no such unit."""
    if not values.get("don_vi"):
        return qs
    unit = Unit.objects.filter(pk=values["don_vi"]).only("path").first()
    return qs.in_subtrees([unit] if unit else [])


def _narrowed(qs, values, today) -> tuple:
    """`qs` narrowed by every parameter but the unit and the typed search, and the search's branches (None
    without one)."""
    today = today or datetime.date.today()
    status = values.get("trang_thai") or MemberStatus.ACTIVE
    if status != ALL_STATUSES:
        qs = qs.filter(StatusIs(F("status"), status))
    if values.get("gioi_tinh"):
        qs = qs.filter(gender=values["gioi_tinh"])
    if values.get("dan_toc"):
        qs = qs.filter(ethnicity=values["dan_toc"])
    if values.get("ton_giao"):
        religion = normalise_religion(values["ton_giao"])
        qs = (
            qs.filter(religion__iexact=values["ton_giao"].strip()) if religion is None else qs.filter(religion=religion)
        )
    if values.get("tuoi"):
        qs = qs.filter(age_band_q(values["tuoi"], today))
    if values.get("dang_vien"):
        qs = qs.filter(is_party_member=values["dang_vien"] == "co")
    if values.get("xep_loai"):
        qs = qs.filter(rating_q(values["xep_loai"], values.get("nam") or current_rating_year(today)))
    if values.get("loi"):
        qs = qs.filter(QUALITY_FLAGS[values["loi"]][1](today))
    return qs, (search_branches(values["q"]) if values.get("q") else None)


def search_branches(query: str) -> list[Q]:
    """The ways a member matches a typed query, each one index range, no two matching the same member.

    A CCCD or card number exactly; or a name whatever its diacritics: the whole name's prefix, or a given name's
    prefix (one range of sort_key per spelling) with the other words anywhere in the name.
    """
    query = query.strip()
    if _ID_LIKE.match(query):
        return [Q(id_number=query), Q(card_number=query) & ~Q(id_number=query)]
    words = search_terms(query)
    if not words:
        return [Q()]
    folded = " ".join(words)
    whole_name = Q(name_search__gte=folded, name_search__lt=folded + "\uffff")
    others = ~whole_name
    for word in words[:-1]:
        others &= Q(name_search__contains=word)
    return [whole_name, *(branch & others for branch in given_name_prefix_branches(words[-1]))]


def given_name_prefix_branches(word: str) -> list[Q]:
    """Names whose given name starts with `word` (diacritic-free): one sort_key range per spelling of all but its
    last letter. The spellings of one letter have neighbouring codes (a ă â, e ĕ ê, n ñ), so one range holds every
    spelling of the last letter: "nguyen" is 12 ranges, not 36, each a union arm to compile and probe."""
    choices = [_DIACRITIC_VARIANTS.get(ch, ch) for ch in word]
    count = 1
    for letters in choices:
        count *= len(letters)
    if count > _MAX_GIVEN_NAME_VARIANTS:
        # Too many spellings: a scan of the already narrowed rows, on the diacritic-free copy of the name.
        return [Q(name_search__contains=word)]
    *head, last = choices
    branches = []
    for spelling in itertools.product(*head):
        keys = sorted(letter_key("".join(spelling) + letter) for letter in last)
        if keys[-1]:
            branches.append(Q(sort_key__gte=keys[0], sort_key__lt=keys[-1] + "z"))
    return branches


def age_band_q(band: str, today: datetime.date) -> Q:
    """Members whose age in whole years on `today` lies in the band."""
    _, youngest, oldest = AGE_BANDS[band]
    query = Q()
    if youngest is not None:
        query &= Q(birth_date__lte=_years_before(today, youngest))
    if oldest is not None:
        query &= Q(birth_date__gt=_years_before(today, oldest + 1))
    return query


def rating_q(level: str, year: int) -> Q:
    rated = MemberRating.objects.filter(member=OuterRef("pk"), year=year)
    if level == NOT_RATED:
        return ~Exists(rated)
    return Exists(rated.filter(level=level))


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
