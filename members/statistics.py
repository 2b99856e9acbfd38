"""Context builders: a unit's member statistics as of a date, and the data-quality flags of its roll."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from branches.models import Unit

from .filters import AGE_BANDS, MISSING_FIELDS_Q, _years_before, over_age_q, shared_id_q
from .models import Gender, Member, MemberRating, MemberStatus, rating_levels_for_year
from .religion import normalised_or_kept, religion_label

FLAG_SAMPLE_SIZE = 10


def reporting_dates(today: datetime.date) -> list[datetime.date]:
    """The union's reporting dates (30/6 and 31/12) of this year and last year, latest first, not in the future."""
    dates = [datetime.date(y, m, d) for y in (today.year, today.year - 1) for m, d in ((12, 31), (6, 30))]
    return [d for d in dates if d <= today]


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
    admitted: int = 0
    admitted_with_introducer: int = 0
    introducers: int = 0
    from_history: bool = False


def unit_statistics(unit: Unit, *, on: datetime.date, today: datetime.date, rating_year: int) -> UnitStatistics:
    """Active members of `unit`'s subtree on `on`, by gender, ethnicity, religion, age band and rating."""
    stats = UnitStatistics(unit=unit, on=on, rating_year=rating_year, from_history=on < today)
    parts = _members_on(unit, on, today)
    stats.total = sum(part.count() for part in parts)
    stats.party_members = sum(part.filter(is_party_member=True).count() for part in parts)
    labels = dict(Gender.choices)
    stats.by_gender = [(labels.get(g, g or "Chưa ghi"), n) for g, n in _grouped(parts, "gender")]
    stats.by_ethnicity = [(e or "Chưa ghi", n) for e, n in _grouped(parts, "ethnicity")]
    # Grouped on the normalised value: history rows of past dates may hold the spellings typed before.
    stats.by_religion = [(religion_label(r), n) for r, n in _grouped(parts, "religion", normalise=normalised_or_kept)]
    stats.by_age = _age_bands(parts, on)
    stats.by_rating = _ratings(parts, rating_year, stats.total)
    _admissions(stats, unit, on.year)
    return stats


def _admissions(stats: UnitStatistics, unit: Unit, year: int) -> None:
    """New members admitted in `year` and the members who introduced them (chủ trương 1+1)."""
    admitted = Member.objects.in_subtree(unit).filter(admission_decision_date__year=year)
    counts = admitted.aggregate(
        total=Count("pk"),
        introduced=Count("pk", filter=Q(introducer__isnull=False)),
        introducers=Count("introducer", distinct=True),
    )
    stats.admitted, stats.admitted_with_introducer = counts["total"], counts["introduced"]
    stats.introducers = counts["introducers"]


def _members_on(unit: Unit, on: datetime.date, today: datetime.date) -> list:
    """Members as they stood at the end of `on`, as one or two querysets to add up.

    Today: the live roll. Before: each record as its history shows it then; records entered later (an imported
    roll, a late entry) count with their present data if they had joined the Đoàn by then.
    """
    unit_ids = Unit.objects.descendants_of(unit, include_self=True).values("pk")
    live = Member.objects.filter(unit__in=unit_ids, status=MemberStatus.ACTIVE)
    if on >= today:
        return [live]
    end_of_day = timezone.make_aware(datetime.datetime.combine(on, datetime.time.max))
    recorded = Member.history.as_of(end_of_day).filter(unit_id__in=unit_ids, status=MemberStatus.ACTIVE)
    entered_later = live.filter(created_at__gt=end_of_day).filter(Q(joined_date__lte=on) | Q(joined_date__isnull=True))
    return [recorded, entered_later]


def _grouped(parts, column: str, normalise=None) -> list[tuple[str, int]]:
    counts: dict = {}
    for part in parts:
        for row in part.order_by().values(column).annotate(n=Count("pk")):
            key = normalise(row[column]) if normalise else row[column]
            counts[key] = counts.get(key, 0) + row["n"]
    return sorted(counts.items(), key=lambda item: (-item[1], item[0] or ""))


def _age_bands(parts, on: datetime.date) -> list[tuple[str, int]]:
    counts = {}
    for key, (_label, youngest, oldest) in AGE_BANDS.items():
        condition = Q(birth_date__isnull=False)
        if youngest is not None:
            condition &= Q(birth_date__lte=_years_before(on, youngest))
        if oldest is not None:
            condition &= Q(birth_date__gt=_years_before(on, oldest + 1))
        counts[key] = Count("pk", filter=condition)
    counts["unknown"] = Count("pk", filter=Q(birth_date__isnull=True))
    result = dict.fromkeys(counts, 0)
    for part in parts:
        for key, value in part.order_by().aggregate(**counts).items():
            result[key] += value
    rows = [(AGE_BANDS[key][0], result[key]) for key in AGE_BANDS]
    return rows + ([("Chưa ghi ngày sinh", result["unknown"])] if result["unknown"] else [])


def _ratings(parts, year: int, total: int) -> list[tuple[str, int]]:
    rows: dict = {}
    for part in parts:
        ids = part.order_by().values("id")
        for level, n in (
            MemberRating.objects.filter(year=year, member_id__in=ids)
            .order_by()
            .values_list("level")
            .annotate(n=Count("pk"))
        ):
            rows[level] = rows.get(level, 0) + n
    result = [(level.label, rows.get(level.value, 0)) for level in rating_levels_for_year(year)]
    return result + [("Chưa xếp loại", total - sum(rows.values()))]


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
    """Active members of the subtree that need attention: over 30, CCCD shared with another unit, fields missing.

    Four queries: the three counts in one pass, then up to ten names per flag (unordered in SQL, so the database
    walks the unit subtree rather than the whole name index; sorted here).
    """
    active = Member.objects.in_subtree(unit).filter(status=MemberStatus.ACTIVE)
    checks = {"over_age": over_age_q(today), "shared_id": shared_id_q(), "missing": MISSING_FIELDS_Q}
    counts = active.order_by().aggregate(**{name: Count("pk", filter=condition) for name, condition in checks.items()})
    samples = {
        f"{name}_sample": sorted(
            active.filter(condition).select_related("unit").order_by()[:FLAG_SAMPLE_SIZE],
            key=lambda m: (m.sort_key, m.pk),
        )
        for name, condition in checks.items()
    }
    return QualityFlags(**counts, **samples)
