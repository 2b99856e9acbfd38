"""Context builders: a unit's member statistics as of a date, and the data-quality flags of its roll."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from branches.models import Unit, subtree_range

from .filters import AGE_BANDS, MISSING_FIELDS_Q, _years_before, over_age_q, shared_id_q
from .models import Gender, Member, MemberRating, MemberStatus, rating_levels_for_year

FLAG_SAMPLE_SIZE = 10


def reporting_dates(today: datetime.date) -> list[datetime.date]:
    """The union's reporting dates (30/6 and 31/12) of this year and last year, latest first, not in the future."""
    dates = [datetime.date(y, m, d) for y in (today.year, today.year - 1) for m, d in ((12, 31), (6, 30))]
    return [d for d in dates if d <= today]


def default_rating_year(on: datetime.date) -> int:
    """The last year whose ratings are complete on `on` (ratings are made at the year's end)."""
    return on.year if (on.month, on.day) == (12, 31) else on.year - 1


@dataclass
class UnitStatistics:
    unit: Unit
    on: datetime.date
    rating_year: int
    total: int = 0
    by_gender: list = field(default_factory=list)
    by_ethnicity: list = field(default_factory=list)
    by_religion: list = field(default_factory=list)
    by_age: list = field(default_factory=list)
    by_rating: list = field(default_factory=list)
    party_members: int = 0
    from_history: bool = False


def unit_statistics(unit: Unit, *, on: datetime.date, today: datetime.date, rating_year: int) -> UnitStatistics:
    """Active members of `unit`'s subtree on `on`, by gender, ethnicity, religion, age band and rating."""
    stats = UnitStatistics(unit=unit, on=on, rating_year=rating_year, from_history=on < today)
    members = _members_on(unit, on, today)
    stats.total = members.count()
    stats.party_members = members.filter(is_party_member=True).count()
    labels = dict(Gender.choices)
    stats.by_gender = [(labels.get(g, g or "Chưa ghi"), n) for g, n in _grouped(members, "gender")]
    stats.by_ethnicity = [(e or "Chưa ghi", n) for e, n in _grouped(members, "ethnicity")]
    stats.by_religion = [(r or "Không", n) for r, n in _grouped(members, "religion")]
    stats.by_age = _age_bands(members, on)
    stats.by_rating = _ratings(members, rating_year)
    return stats


def _members_on(unit: Unit, on: datetime.date, today: datetime.date):
    """Members as they stood at the end of `on`: the live roll for today, the recorded history before."""
    low, high = subtree_range(unit.path)
    unit_ids = Unit.objects.filter(path__range=(low, high)).values("pk")
    if on >= today:
        return Member.objects.filter(unit__in=unit_ids, status=MemberStatus.ACTIVE)
    end_of_day = timezone.make_aware(datetime.datetime.combine(on, datetime.time.max))
    return Member.history.as_of(end_of_day).filter(unit_id__in=unit_ids, status=MemberStatus.ACTIVE)


def _grouped(members, column: str) -> list[tuple[str, int]]:
    rows = members.order_by().values(column).annotate(n=Count("pk")).order_by("-n", column)
    return [(row[column], row["n"]) for row in rows]


def _age_bands(members, on: datetime.date) -> list[tuple[str, int]]:
    counts = {}
    for key, (_label, youngest, oldest) in AGE_BANDS.items():
        condition = Q(birth_date__isnull=False)
        if youngest is not None:
            condition &= Q(birth_date__lte=_years_before(on, youngest))
        if oldest is not None:
            condition &= Q(birth_date__gt=_years_before(on, oldest + 1))
        counts[key] = Count("pk", filter=condition)
    counts["unknown"] = Count("pk", filter=Q(birth_date__isnull=True))
    result = members.order_by().aggregate(**counts)
    rows = [(AGE_BANDS[key][0], result[key]) for key in AGE_BANDS]
    return rows + ([("Chưa ghi ngày sinh", result["unknown"])] if result["unknown"] else [])


def _ratings(members, year: int) -> list[tuple[str, int]]:
    ids = members.order_by().values("id")
    rows = dict(
        MemberRating.objects.filter(year=year, member_id__in=ids)
        .order_by()
        .values_list("level")
        .annotate(n=Count("pk"))
    )
    result = [(level.label, rows.get(level.value, 0)) for level in rating_levels_for_year(year)]
    return result + [("Chưa xếp loại", members.count() - sum(rows.values()))]


@dataclass
class QualityFlags:
    over_age: int = 0
    over_age_sample: list = field(default_factory=list)
    shared_id: int = 0
    shared_id_sample: list = field(default_factory=list)
    missing: int = 0
    missing_sample: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.over_age + self.shared_id + self.missing


def quality_flags(unit: Unit, *, today: datetime.date) -> QualityFlags:
    """Active members of the subtree that need attention: over 30, CCCD shared with another unit, fields missing."""
    active = Member.objects.in_subtree(unit).filter(status=MemberStatus.ACTIVE).order_by("sort_key", "pk")
    flags = QualityFlags()
    for name, condition in (
        ("over_age", over_age_q(today)),
        ("shared_id", shared_id_q()),
        ("missing", MISSING_FIELDS_Q),
    ):
        setattr(flags, name, active.filter(condition).count())
        setattr(flags, f"{name}_sample", list(active.filter(condition).select_related("unit")[:FLAG_SAMPLE_SIZE]))
    return flags
