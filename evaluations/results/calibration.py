"""Calibration of reviewers: how far each district-level unit's reviews move the units' own totals.

Pure statistics on plain dataclasses (no ORM, no clock). The difference of one sheet is review total − self total:
negative when the reviewer scored lower than the unit did. Per reviewing unit: the number of approved reviews, the
mean difference and its spread (sample standard deviation). Rules, shown on the page as they are written here:

- a sheet is an outlier when its difference lies more than SD_LIMIT standard deviations from the province's mean
  difference, or when it moves the total by more than SHARE_LIMIT of the sheet's maximum (10 points out of 100),
  whatever the province's spread;
- a reviewing unit with at least LEAN_MIN_REVIEWS reviews leans lenient (or strict) when its mean difference lies
  more than LEAN_SD_LIMIT standard deviations of the province above (or below) the province's mean.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from criteria.scoring import format_number

SD_LIMIT = Decimal(2)
SHARE_LIMIT = Decimal("0.10")
LEAN_SD_LIMIT = Decimal(1)
LEAN_MIN_REVIEWS = 3
LENIENT, STRICT = "lenient", "strict"
LEAN_LABELS = {LENIENT: "Chấm nới tay hơn mặt bằng chung", STRICT: "Chấm chặt tay hơn mặt bằng chung"}
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Review:
    """One approved sheet: the unit, the reviewing unit it belongs to (`group`), and its totals."""

    key: object  # identifies the unit for the caller (its pk)
    name: str
    group: object  # the reviewing unit's key
    self_total: Decimal
    review_total: Decimal
    max_total: Decimal

    @property
    def difference(self) -> Decimal:
        return self.review_total - self.self_total


@dataclass(frozen=True)
class Outlier:
    review: Review
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class GroupStats:
    """The reviews of one reviewing unit."""

    key: object
    name: str
    count: int
    mean: Decimal | None
    spread: Decimal | None  # None below two reviews
    lean: str  # "", LENIENT or STRICT
    outliers: tuple[Outlier, ...]

    @property
    def lean_label(self) -> str:
        return LEAN_LABELS.get(self.lean, "")


@dataclass(frozen=True)
class Calibration:
    count: int
    mean: Decimal | None
    spread: Decimal | None
    groups: tuple[GroupStats, ...]
    outliers: tuple[Outlier, ...]


def mean(values: Sequence[Decimal]) -> Decimal | None:
    if not values:
        return None
    # mutmut: dropping the Decimal(0) start is equivalent (an int 0 plus Decimals is a Decimal; never empty here)
    return (sum(values, Decimal(0)) / len(values)).quantize(_CENT)


def spread(values: Sequence[Decimal]) -> Decimal | None:
    """The sample standard deviation, or None when fewer than two values."""
    if len(values) < 2:
        return None
    centre = sum(values, Decimal(0)) / len(values)
    # mutmut: dropping the Decimal(0) start is equivalent here too (two values at least)
    variance = sum(((v - centre) ** 2 for v in values), Decimal(0)) / (len(values) - 1)
    return variance.sqrt().quantize(_CENT)


def outlier_reasons(review: Review, centre: Decimal | None, sd: Decimal | None) -> tuple[str, ...]:
    """Why one sheet stands out (empty when it does not)."""
    reasons = []
    difference = review.difference
    if centre is not None and sd:
        distance = abs(difference - centre) / sd
        if distance > SD_LIMIT:
            reasons.append(f"lệch {format_number(distance.quantize(Decimal('0.1')))} độ lệch chuẩn so với mức chung")
    limit = SHARE_LIMIT * review.max_total
    if abs(difference) > limit:
        # mutmut: `<=` is equivalent: a difference of 0 never exceeds the (non-negative) limit
        direction = "hạ" if difference < 0 else "nâng"
        reasons.append(
            f"cấp trên {direction} {format_number(abs(difference))} điểm, quá {format_number(limit)} điểm "
            f"({format_number(SHARE_LIMIT * 100)}% điểm tối đa)"
        )
    return tuple(reasons)


def group_lean(group_mean: Decimal | None, count: int, centre: Decimal | None, sd: Decimal | None) -> str:
    if group_mean is None or centre is None or not sd or count < LEAN_MIN_REVIEWS:
        return ""
    if group_mean - centre > LEAN_SD_LIMIT * sd:
        return LENIENT
    if centre - group_mean > LEAN_SD_LIMIT * sd:
        return STRICT
    return ""


def calibrate(reviews: Iterable[Review], groups: Sequence[tuple[object, str]]) -> Calibration:
    """Province-wide and per-reviewing-unit statistics; `groups` ((key, name), …) fixes the rows and their order."""
    reviews = list(reviews)
    differences = [r.difference for r in reviews]
    centre, sd = mean(differences), spread(differences)
    outliers = []
    for review in reviews:
        reasons = outlier_reasons(review, centre, sd)
        if reasons:
            outliers.append(Outlier(review, reasons))
    by_group: dict = {key: [] for key, _ in groups}
    names = dict(groups)
    for review in reviews:
        if review.group not in by_group:  # a reviewing unit the caller did not list still gets its row
            by_group[review.group] = []
            names[review.group] = str(review.group)
        by_group[review.group].append(review)
    stats = []
    for key, members in by_group.items():
        values = [r.difference for r in members]
        group_mean = mean(values)
        stats.append(
            GroupStats(
                key=key,
                name=names[key],
                count=len(members),
                mean=group_mean,
                spread=spread(values),
                lean=group_lean(group_mean, len(members), centre, sd),
                outliers=tuple(o for o in outliers if o.review.group == key),
            )
        )
    return Calibration(len(reviews), centre, sd, tuple(stats), tuple(outliers))


def rule_lines() -> list[str]:
    """The rules above, in the words the page and the workbook show."""
    return [
        "Chênh lệch = điểm thẩm định − điểm tự chấm; số âm: cấp trên chấm thấp hơn đơn vị tự chấm.",
        f"Phiếu bất thường: chênh lệch cách mức chung của tỉnh quá {format_number(SD_LIMIT)} độ lệch chuẩn, "
        f"hoặc cấp trên nâng/hạ quá {format_number(SHARE_LIMIT * 100)}% điểm tối đa của phiếu "
        "(10 điểm trên thang 100).",
        f"Đơn vị thẩm định có từ {LEAN_MIN_REVIEWS} phiếu trở lên được xem là chấm nới tay (chặt tay) khi chênh lệch "
        f"trung bình cao (thấp) hơn mức chung của tỉnh quá {format_number(LEAN_SD_LIMIT)} độ lệch chuẩn.",
    ]
