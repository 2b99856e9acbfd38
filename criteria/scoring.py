"""Scoring of a "3 chủ động" criteria set: pure calculations on plain dataclasses (no ORM, no clock).

The evaluations app builds a `SetSpec` from the database (`criteria.specs.set_spec`), adds the local items of
the unit's reviewing superior, and calls `score_set` with the per-item scores. A unit reaches the first level
whose rule it meets: a minimum total AND a minimum share of every group's maximum, because it must meet all three
groups at once ("đạt đồng thời 03 tiêu chí"). `consistency_errors` says what does not add up before publishing.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

POINTS, CHECK = "points", "check"
HALF = Decimal("0.5")
ZERO = Decimal("0")
NOT_REACHED = "Không đạt"


@dataclass(frozen=True)
class ItemSpec:
    """One item: scored in points (half points allowed) or checked đạt / không đạt.

    A checked item worth points gives all of them when đạt; a checked item worth no points is a condition
    that every level requires (the usual local item).
    """

    code: str
    max_points: Decimal
    kind: str = POINTS
    is_local: bool = False
    text: str = ""

    @property
    def is_condition(self) -> bool:
        return self.kind == CHECK and self.max_points == ZERO

    @property
    def label(self) -> str:
        return f"{self.code} (địa phương)" if self.is_local else self.code


@dataclass(frozen=True)
class GroupSpec:
    number: int
    title: str
    max_points: Decimal
    items: tuple[ItemSpec, ...] = ()


@dataclass(frozen=True)
class LevelSpec:
    """A result level; levels are listed best first."""

    code: str
    name: str
    min_total: Decimal
    min_group_ratio: Decimal
    short_name: str = ""

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class SetSpec:
    max_total: Decimal
    groups: tuple[GroupSpec, ...]
    levels: tuple[LevelSpec, ...]

    def items(self) -> list[ItemSpec]:
        return [item for group in self.groups for item in group.items]

    def with_local_items(self, local_items: Mapping[int, list[ItemSpec]]) -> "SetSpec":
        """The set with local items appended to their groups ({group number: items})."""
        groups = tuple(
            replace(group, items=group.items + tuple(local_items.get(group.number, ()))) for group in self.groups
        )
        return replace(self, groups=groups)


@dataclass(frozen=True)
class GroupResult:
    number: int
    title: str
    points: Decimal
    max_points: Decimal  # including the points of local items
    failed_conditions: tuple[str, ...] = ()

    @property
    def ratio(self) -> Decimal:
        return self.points / self.max_points if self.max_points else Decimal(1)


@dataclass(frozen=True)
class ScoreResult:
    groups: tuple[GroupResult, ...]
    total: Decimal
    max_total: Decimal  # including the points of local items
    level: LevelSpec | None
    unscored: tuple[str, ...] = ()
    missed: dict[str, tuple[str, ...]] = field(default_factory=dict)  # level code → why it was missed

    @property
    def complete(self) -> bool:
        return not self.unscored

    @property
    def level_name(self) -> str:
        if not self.complete:
            return "Chưa chấm xong"
        return self.level.name if self.level else NOT_REACHED

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the unit missed the level just above the one it reached (or the lowest level, if none)."""
        if not self.complete:
            return (f"Còn tiêu chí chưa chấm: {', '.join(self.unscored)}.",)
        return next(iter(reversed(self.missed.values())), ())


class ScoreError(ValueError):
    """Scores that cannot be accepted; `errors` maps each item code to its Vietnamese message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{code}: {message}" for code, message in errors.items()))


def format_number(value: Decimal) -> str:
    """7.50 → "7,5"; 70.0 → "70" (Vietnamese decimal comma)."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def format_fixed(value: Decimal, places: int = 2) -> str:
    """87.25 → "87,25", 93 → "93,00": always `places` decimals (half up), as a spreadsheet's "0.00" shows them."""
    step = Decimal(1).scaleb(-places)
    return f"{Decimal(value).quantize(step, ROUND_HALF_UP):f}".replace(".", ",")


def format_percent(ratio: Decimal) -> str:
    return f"{format_number((Decimal(ratio) * 100).quantize(Decimal('0.1')))}%"


def validate_points(value, max_points: Decimal) -> str | None:
    """The Vietnamese message for a points score that cannot be accepted, or None when it is fine."""
    try:
        points = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return "Điểm phải là một số."
    if not points.is_finite():
        return "Điểm phải là một số."
    if points < 0:
        return "Điểm không được âm."
    if points > max_points:
        return f"Điểm không được vượt quá điểm tối đa ({format_number(max_points)})."
    if points % HALF:
        return "Điểm chỉ được chấm theo bậc 0,5 (ví dụ 6 hoặc 6,5)."
    return None


def item_points(item: ItemSpec, value) -> tuple[Decimal | None, str | None]:
    """(points, error) for one score: None means not scored; a check is True (đạt) or False (không đạt)."""
    if value is None or value == "":
        return None, None
    if item.kind == CHECK:
        if not isinstance(value, bool):
            return None, "Tiêu chí này chỉ chấm đạt hoặc không đạt."
        return (item.max_points if value else ZERO), None
    if isinstance(value, bool):
        return None, "Tiêu chí này chấm bằng điểm."
    error = validate_points(value, item.max_points)
    return (None, error) if error else (Decimal(str(value)), None)


def score_set(spec: SetSpec, scores: Mapping[str, object]) -> ScoreResult:
    """Group totals, total, level reached and why better levels were missed; raises ScoreError on bad scores."""
    known = {item.code for item in spec.items()}
    errors = {code: "Không có tiêu chí này trong bộ tiêu chí." for code in scores if code not in known}
    groups, unscored = [], []
    for group in spec.groups:
        points, failed = ZERO, []
        for item in group.items:
            value, error = item_points(item, scores.get(item.code))
            if error:
                errors[item.code] = error
            elif value is None:
                unscored.append(item.code)
            else:
                points += value
                if item.is_condition and scores.get(item.code) is False:
                    failed.append(item.label)
        # mutmut: dropping ZERO is equivalent (sum starts at int 0, and 0 + Decimal is that Decimal)
        group_max = group.max_points + sum((i.max_points for i in group.items if i.is_local), ZERO)
        groups.append(GroupResult(group.number, group.title, points, group_max, tuple(failed)))
    if errors:
        raise ScoreError(errors)
    # mutmut: dropping ZERO is equivalent (sum starts at int 0, and 0 + Decimal is that Decimal)
    total = sum((g.points for g in groups), ZERO)
    # mutmut: dropping ZERO is equivalent (sum starts at int 0, and 0 + Decimal is that Decimal)
    max_total = spec.max_total + sum((i.max_points for i in spec.items() if i.is_local), ZERO)
    missed, reached = {}, None
    for level in spec.levels:
        reasons = level_shortfalls(level, groups, total, spec.max_total, max_total)
        if not reasons:
            reached = level
            break
        missed[level.code] = reasons
    if unscored:
        reached = None
    return ScoreResult(tuple(groups), total, max_total, reached, tuple(unscored), missed)


def level_shortfalls(level, groups, total, base_max_total, max_total) -> tuple[str, ...]:
    """What keeps a unit from `level`; empty when it reaches it. Thresholds exactly met count as reached."""
    reasons = []
    # Local points raise the maximum; the minimum total keeps its share of the set's own maximum.
    required = level.min_total * max_total / base_max_total if base_max_total else level.min_total
    if total < required:
        reasons.append(
            f"Tổng điểm {format_number(total)}, dưới mức {format_number(required)} điểm của mức {level.label}"
        )
    for group in groups:
        if group.points < level.min_group_ratio * group.max_points:
            reasons.append(
                f"Nhóm {group.number} đạt {format_percent(group.ratio)}, "
                f"dưới mức {format_percent(level.min_group_ratio)} của mức {level.label}"
            )
        for label in group.failed_conditions:
            reasons.append(f"Nhóm {group.number}: tiêu chí {label} không đạt")
    return tuple(reasons)


def consistency_errors(spec: SetSpec) -> list[str]:
    """Everything that does not add up in a set, in Vietnamese; publishing needs an empty list."""
    errors = []
    if sorted(g.number for g in spec.groups) != [1, 2, 3]:
        errors.append("Bộ tiêu chí phải có đúng 3 nhóm, đánh số 1, 2, 3.")
    for group in spec.groups:
        errors.extend(_group_errors(group))
    # mutmut: dropping ZERO is equivalent (sum starts at int 0, and 0 + Decimal is that Decimal)
    group_sum = sum((g.max_points for g in spec.groups), ZERO)
    if group_sum != spec.max_total:
        errors.append(
            f"Tổng điểm tối đa của các nhóm là {format_number(group_sum)}, "
            f"khác tổng điểm của bộ tiêu chí ({format_number(spec.max_total)})."
        )
    errors.extend(_level_errors(spec))
    return errors


def _group_errors(group: GroupSpec) -> list[str]:
    errors = []
    if not group.items:
        errors.append(f"Nhóm {group.number} chưa có tiêu chí nào.")
    codes = [item.code for item in group.items]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        errors.append(f"Nhóm {group.number}: mã tiêu chí {code} bị trùng.")
    for item in group.items:
        if item.kind == POINTS and item.max_points <= 0:
            errors.append(f"Nhóm {group.number}: tiêu chí {item.code} chấm bằng điểm phải có điểm tối đa lớn hơn 0.")
        if item.max_points % HALF:
            errors.append(f"Nhóm {group.number}: điểm tối đa của tiêu chí {item.code} phải là bội của 0,5.")
    # mutmut: dropping ZERO is equivalent (sum starts at int 0, and 0 + Decimal is that Decimal)
    item_sum = sum((item.max_points for item in group.items), ZERO)
    if group.items and item_sum != group.max_points:
        errors.append(
            f"Nhóm {group.number}: tổng điểm các tiêu chí là {format_number(item_sum)}, "
            f"khác điểm tối đa của nhóm ({format_number(group.max_points)})."
        )
    return errors


def _level_errors(spec: SetSpec) -> list[str]:
    errors = []
    if not spec.levels:
        errors.append("Bộ tiêu chí chưa có mức kết quả nào.")
    for level in spec.levels:
        if not ZERO <= level.min_total <= spec.max_total:
            errors.append(
                f"Mức {level.label}: điểm tối thiểu {format_number(level.min_total)} phải từ 0 đến "
                f"{format_number(spec.max_total)}."
            )
        if not ZERO <= level.min_group_ratio <= 1:
            errors.append(f"Mức {level.label}: tỷ lệ tối thiểu mỗi nhóm phải từ 0% đến 100%.")
    # mutmut: strict=None or no strict is equivalent (False is the default, None is as false)
    for better, worse in zip(spec.levels, spec.levels[1:], strict=False):
        not_lower = worse.min_total > better.min_total or worse.min_group_ratio > better.min_group_ratio
        same = worse.min_total == better.min_total and worse.min_group_ratio == better.min_group_ratio
        if not_lower or same:
            errors.append(
                f"Mức {worse.label} ({format_number(worse.min_total)} điểm, {format_percent(worse.min_group_ratio)}) "
                f"phải thấp hơn mức xếp trên nó là {better.label} ({format_number(better.min_total)} điểm, "
                f"{format_percent(better.min_group_ratio)})."
            )
    return errors
