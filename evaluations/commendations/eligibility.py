"""Who is commended in a round (tuyên dương): the round's rules, each unit's verdict with its reasons, the quota.

Pure: dataclasses in, dataclasses out; no ORM, no clock (`today` is passed in). services_commendations.py reads
the units' yearly results and inspections, calls `evaluate`, and stores the outcome when the round is finalised.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from common.vietnamese import phrase_key
from criteria.scoring import format_number

# Tie-break keys, in the order the officer may pick them; the unit code always breaks a remaining tie.
AVERAGE, EXCELLENT_YEARS, LAST_TOTAL, RECOGNISED_YEARS = "average", "excellent_years", "last_total", "recognised_years"
TIE_BREAK_LABELS = {
    AVERAGE: "điểm thẩm định bình quân cao hơn",
    EXCELLENT_YEARS: "nhiều năm đạt mức cao nhất hơn",
    LAST_TOTAL: "điểm thẩm định năm cuối cao hơn",
    RECOGNISED_YEARS: "nhiều năm đạt hơn",
}
ADD, REMOVE = "add", "remove"


class RulesError(ValueError):
    """The rules cannot be used; `messages` lists every problem in Vietnamese."""

    def __init__(self, messages: Sequence[str]):
        super().__init__("; ".join(messages))
        self.messages = list(messages)


@dataclass(frozen=True)
class Rules:
    """What a round asks of a unit. min_recognised_years None: every year of the window."""

    start_year: int
    end_year: int
    min_recognised_years: int | None = None
    min_level: str = ""  # a level code; "" any recognised level
    no_failed_inspection: bool = True
    min_average_total: Decimal | None = None
    quota_per_district: int | None = None
    share_percent: Decimal | None = None  # at most this share of the district's units recognised in the last year
    tie_break: tuple[str, ...] = (AVERAGE, EXCELLENT_YEARS, LAST_TOTAL)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.start_year, self.end_year + 1))

    @property
    def required_years(self) -> int:
        return self.min_recognised_years or len(self.years)


@dataclass(frozen=True)
class Level:
    code: str
    label: str  # "Xuất sắc", "Đạt"


@dataclass(frozen=True)
class YearResult:
    """A unit's approved review of one year (a year without an approved review is simply absent)."""

    year: int
    recognised: bool
    level_code: str = ""
    review_total: Decimal | None = None


@dataclass(frozen=True)
class UnitRecord:
    unit_id: int
    code: str
    name: str
    district_id: int
    district_name: str
    results: tuple[YearResult, ...] = ()
    failed_inspection_years: tuple[int, ...] = ()


@dataclass(frozen=True)
class Override:
    """An officer's decision on one unit, with its reason: ADD puts it in, REMOVE takes it out."""

    unit_id: int
    action: str
    reason: str


@dataclass(frozen=True)
class Verdict:
    unit_id: int
    code: str
    name: str
    district_id: int
    district_name: str
    selected: bool
    eligible: bool
    reasons: tuple[str, ...]
    recognised_years: int
    average_total: Decimal | None
    last_total: Decimal | None
    excellent_years: int
    rank: int | None = None  # within the district, among the eligible
    eligible_in_district: int = 0
    quota: int | None = None
    manual: str = ""  # ADD or REMOVE when an officer decided


@dataclass(frozen=True)
class Outcome:
    verdicts: tuple[Verdict, ...]  # every unit of the scope, districts in order, then selected first by rank
    quotas: Mapping[int, int | None] = field(default_factory=dict)

    @property
    def selected(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if v.selected)


def validate_rules(rules: Rules, *, term_start: int, term_end: int, today_year: int, levels=()) -> None:
    """Raise RulesError listing every rule that cannot be used for a round of this term."""
    errors = []
    if rules.start_year > rules.end_year:
        errors.append("Năm bắt đầu của giai đoạn xét phải không sau năm kết thúc.")
    if rules.start_year < term_start or rules.end_year > term_end:
        errors.append(f"Giai đoạn xét phải nằm trong nhiệm kỳ {term_start} – {term_end}.")
    if rules.end_year >= today_year:
        errors.append(f"Năm {rules.end_year} chưa kết thúc: chỉ xét các năm đã có kết quả thẩm định.")
    count = len(rules.years)
    if rules.min_recognised_years is not None and not 1 <= rules.min_recognised_years <= max(count, 1):
        errors.append(f"Số năm đạt tối thiểu phải từ 1 đến {count}.")
    if rules.min_level and rules.min_level not in {level.code for level in levels}:
        errors.append("Mức kết quả tối thiểu không có trong bộ tiêu chí.")
    if rules.min_average_total is not None and not Decimal(0) <= rules.min_average_total <= Decimal(100):
        errors.append("Điểm bình quân tối thiểu phải từ 0 đến 100.")
    if rules.quota_per_district is not None and rules.quota_per_district < 1:
        errors.append("Chỉ tiêu mỗi đơn vị cấp huyện phải từ 1 trở lên.")
    if rules.share_percent is not None and not Decimal(0) < rules.share_percent <= Decimal(100):
        errors.append("Tỷ lệ tối đa phải lớn hơn 0% và không quá 100%.")
    unknown = [key for key in rules.tie_break if key not in TIE_BREAK_LABELS]
    if unknown or len(set(rules.tie_break)) != len(rules.tie_break):
        errors.append("Thứ tự ưu tiên khi bằng điểm không hợp lệ.")
    if errors:
        raise RulesError(errors)


def check_decision_date(rules: Rules, decision_date, *, today, term_end: int) -> str | None:
    """The Vietnamese message for a decision date outside the round's window, or None when it fits."""
    if decision_date.year <= rules.end_year:
        return (
            f"Ngày quyết định phải sau giai đoạn xét {rules.start_year} – {rules.end_year} "
            f"(từ 01/01/{rules.end_year + 1})."
        )
    if decision_date.year > term_end + 1:
        return f"Ngày quyết định phải trong nhiệm kỳ (chậm nhất năm {term_end + 1})."
    if decision_date > today:
        return "Ngày quyết định không được sau ngày hôm nay."
    return None


def evaluate(
    rules: Rules, units: Iterable[UnitRecord], *, levels: Sequence[Level] = (), overrides: Iterable[Override] = ()
) -> Outcome:
    """Every unit's verdict: the rules, then the quota per district-level unit, then the officer's overrides.

    `levels` lists the criteria set's levels best first.
    """
    rank_of = {level.code: index for index, level in enumerate(levels)}
    label_of = {level.code: level.label for level in levels}
    by_override = {o.unit_id: o for o in overrides}
    assessed = [(unit, _assess(rules, unit, rank_of, label_of)) for unit in units]

    districts: dict[int, list] = defaultdict(list)
    for unit, facts in assessed:
        districts[unit.district_id].append((unit, facts))
    verdicts, quotas = [], {}
    # Districts in Vietnamese order of their names (raw characters put "Đoàn Khối …" after "Thị đoàn …").
    for district_id, members in sorted(districts.items(), key=lambda item: phrase_key(item[1][0][0].district_name)):
        quota = _quota(rules, members)
        quotas[district_id] = quota
        verdicts.extend(_rank_district(rules, members, quota, by_override))
    return Outcome(verdicts=tuple(verdicts), quotas=quotas)


@dataclass
class _Facts:
    reasons: list[str]
    recognised_years: int
    average_total: Decimal | None
    last_total: Decimal | None
    excellent_years: int
    recognised_last_year: bool


def _assess(rules: Rules, unit: UnitRecord, rank_of, label_of) -> _Facts:
    by_year = {r.year: r for r in unit.results}
    reasons, counted = [], 0
    for year in rules.years:
        result = by_year.get(year)
        if result is None:
            reasons.append(f"{year}: chưa có kết quả thẩm định")
        elif not result.recognised:
            reasons.append(f"{year}: không đạt")
        elif rules.min_level and rank_of.get(result.level_code, len(rank_of)) > rank_of.get(rules.min_level, 0):
            got = label_of.get(result.level_code, result.level_code or "không rõ")
            reasons.append(f"{year}: mức {got}, chưa đạt mức {label_of.get(rules.min_level, rules.min_level)}")
        else:
            counted += 1
    if rules.min_recognised_years is not None:
        # Some missed years are allowed: they are only reasons when too many are missed.
        reasons = [] if counted >= rules.required_years else reasons
        if counted < rules.required_years:
            reasons.append(f"đạt {counted}/{len(rules.years)} năm, cần ít nhất {rules.required_years}")
    if rules.no_failed_inspection:
        failed = sorted({y for y in unit.failed_inspection_years if rules.start_year <= y <= rules.end_year})
        reasons.extend(f"{year}: kiểm tra không đạt" for year in failed)
    totals = [by_year[y].review_total for y in rules.years if y in by_year and by_year[y].review_total is not None]
    average = (sum(totals) / len(totals)).quantize(Decimal("0.01"), ROUND_HALF_UP) if totals else None
    if rules.min_average_total is not None and (average is None or average < rules.min_average_total):
        shown = format_number(average) if average is not None else "không có"
        reasons.append(f"điểm bình quân {shown} < {format_number(rules.min_average_total)}")
    last = by_year.get(rules.end_year)
    top = next(iter(rank_of), None)
    return _Facts(
        reasons=reasons,
        recognised_years=sum(1 for y in rules.years if y in by_year and by_year[y].recognised),
        average_total=average,
        last_total=last.review_total if last else None,
        excellent_years=sum(1 for y in rules.years if y in by_year and top and by_year[y].level_code == top),
        recognised_last_year=bool(last and last.recognised),
    )


def _quota(rules: Rules, members) -> int | None:
    """The district's quota: the fixed number, the share of its units recognised in the window's last year, or
    the smaller of the two."""
    limits = []
    if rules.quota_per_district is not None:
        limits.append(rules.quota_per_district)
    if rules.share_percent is not None:
        recognised = sum(1 for _, facts in members if facts.recognised_last_year)
        share = (Decimal(recognised) * rules.share_percent / 100).to_integral_value(ROUND_HALF_UP)
        limits.append(int(share))
    return min(limits) if limits else None


def _sort_key(rules: Rules, unit: UnitRecord, facts: _Facts):
    # mutmut: any negative stand-in (-2 for -1) is equivalent: totals are never below 0
    values = {
        AVERAGE: facts.average_total if facts.average_total is not None else Decimal(-1),
        EXCELLENT_YEARS: facts.excellent_years,
        LAST_TOTAL: facts.last_total if facts.last_total is not None else Decimal(-1),
        RECOGNISED_YEARS: facts.recognised_years,
    }
    return (*(-values[key] for key in rules.tie_break), unit.code)


def _standing(rank: int, count: int, district_name: str, quota: int | None) -> str:
    """ "xếp thứ 4 trong 7 đơn vị đủ điều kiện của …, chỉ tiêu 3": one denominator, the quota named as such."""
    text = f"xếp thứ {rank} trong {count} đơn vị đủ điều kiện của {district_name}"
    return text if quota is None else f"{text}, chỉ tiêu {quota}"


@dataclass
class _Place:
    """An eligible unit's standing in its district before the officer's overrides are written into its verdict."""

    unit: UnitRecord
    facts: _Facts
    rank: int
    selected: bool
    reasons: list[str]


def _removed(by_override, unit) -> bool:
    override = by_override.get(unit.unit_id)
    return override is not None and override.action == REMOVE


def _rank_district(rules: Rules, members, quota, by_override) -> list[Verdict]:
    """The eligible in rank order take the quota's places; a unit removed by hand takes none, so its place goes to
    the next eligible unit (or its reasons say that none is left to take it)."""
    eligible = sorted((m for m in members if not m[1].reasons), key=lambda m: _sort_key(rules, *m))
    others = sorted((m for m in members if m[1].reasons), key=lambda m: m[0].code)
    count = len(eligible)
    places = count if quota is None else quota
    taken, freed, placed = 0, [], []  # freed: the removed units whose place is still open
    for rank, (unit, facts) in enumerate(eligible, start=1):
        standing = _standing(rank, count, unit.district_name, quota)
        if taken >= places:
            placed.append(_Place(unit, facts, rank, False, [f"vượt chỉ tiêu: {standing}"]))
        elif _removed(by_override, unit):
            placed.append(_Place(unit, facts, rank, True, [standing]))  # _verdict takes it out, with the reason
            if quota is not None:
                freed.append(placed[-1])
        else:
            taken += 1
            reasons = [standing]
            if quota is not None and rank > quota and freed:
                reasons.append(f"vào danh sách thay {freed.pop(0).unit.name} (loại thủ công)")
            placed.append(_Place(unit, facts, rank, True, reasons))
    for place in freed:
        place.reasons.append("không còn đơn vị đủ điều kiện để thay vào chỗ này")
    verdicts = [
        _verdict(p.unit, p.facts, p.selected, True, p.reasons, p.rank, count, quota, by_override) for p in placed
    ]
    for unit, facts in others:
        verdicts.append(_verdict(unit, facts, False, False, facts.reasons, None, count, quota, by_override))
    # mutmut: any sentinel above the number of units in a district (10 * 9, 11**9, 10**10) is equivalent
    return sorted(verdicts, key=lambda v: (not v.selected, v.rank or 10**9, v.code))


def _verdict(unit, facts, selected, eligible, reasons, rank, count, quota, by_override) -> Verdict:
    override = by_override.get(unit.unit_id)
    manual = ""
    # The reasons are read joined by "; ": the officer's own full stop would end up before it.
    why = override.reason.strip().rstrip(".;,") if override is not None else ""
    if override is not None and override.action == ADD and not selected:
        selected, manual = True, ADD
        reasons = [f"bổ sung thủ công: {why}", *reasons]
    elif override is not None and override.action == REMOVE and selected:
        selected, manual = False, REMOVE
        reasons = [f"loại thủ công: {why}", *reasons]
    return Verdict(
        unit_id=unit.unit_id,
        code=unit.code,
        name=unit.name,
        district_id=unit.district_id,
        district_name=unit.district_name,
        selected=selected,
        eligible=eligible,
        reasons=tuple(reasons),
        recognised_years=facts.recognised_years,
        average_total=facts.average_total,
        last_total=facts.last_total,
        excellent_years=facts.excellent_years,
        rank=rank,
        eligible_in_district=count,
        quota=quota,
        manual=manual,
    )
