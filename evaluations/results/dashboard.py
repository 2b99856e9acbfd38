"""The dashboard of a year for the province or a district-level unit: every query it needs, done here.

A fixed number of queries whatever the number of units and years: the grassroots units of the scope, the years
(campaigns), the registrations and the sheets of those years (a few columns each), the inspections and the member
figures grouped by year, the units right below the scope. The stage of each unit (chưa đăng ký … đạt) and every
count are then computed in Python by pure functions, so the year's figures, the comparison across years and the
overview by district come from the same rows and always agree. The templates, the Excel and the PDF only read
the context.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from branches.models import GRASSROOTS_TYPES, Unit
from common import charts
from evaluations.cycle.models import Assessment, Campaign, FormStatus, Registration
from evaluations.inspections.models import Inspection
from members.models import Member, MemberStatus

# The stages of a unit in the yearly cycle, in order; a unit stands at the furthest it has reached.
NOT_REGISTERED, REGISTERED, SELF_ASSESSED, REVIEWED, RECOGNISED = range(5)
STAGE_LABELS = ("Chưa đăng ký", "Đã đăng ký", "Đã tự đánh giá", "Đã thẩm định", "Đạt “3 chủ động”")
REGISTERED_STATUSES = frozenset({FormStatus.SUBMITTED, FormStatus.ACCEPTED})
# Short labels for the charts' narrow left column (the tables keep the long ones).
CHART_LABELS = ("Đã đăng ký", "Đã tự đánh giá", "Đã thẩm định", "Đạt “3 chủ động”")
INSPECTION_LABELS = ("6 tháng đầu năm", "6 tháng cuối năm", "Cả năm (mọi loại)")
SELF_ASSESSED_STATUSES = frozenset({FormStatus.SUBMITTED, FormStatus.RETURNED, FormStatus.APPROVED})


def unit_stage(registration_status: str | None, sheet_status: str | None, recognised: bool) -> int:
    """The furthest stage a unit has reached this year (pure)."""
    if sheet_status == FormStatus.APPROVED:
        return RECOGNISED if recognised else REVIEWED
    if sheet_status in SELF_ASSESSED_STATUSES:
        return SELF_ASSESSED
    if registration_status in REGISTERED_STATUSES:
        return REGISTERED
    return NOT_REGISTERED


def exists_in_year(valid_from: datetime.date | None, valid_to: datetime.date | None, year: int) -> bool:
    """The rule of results.year_units: the unit existed at some time of the year."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (valid_from is None or valid_from <= end) and (valid_to is None or valid_to > start)


@dataclass
class StageCounts:
    """How many units stand at each stage; `reached(stage)` counts those at that stage or further."""

    label: str
    by_stage: list[int] = field(default_factory=lambda: [0] * len(STAGE_LABELS))
    code: str = ""

    @property
    def total(self) -> int:
        return sum(self.by_stage)

    def reached(self, stage: int) -> int:
        return sum(self.by_stage[stage:])

    @property
    def registered(self) -> int:
        return self.reached(REGISTERED)

    @property
    def self_assessed(self) -> int:
        return self.reached(SELF_ASSESSED)

    @property
    def reviewed(self) -> int:
        return self.reached(REVIEWED)

    @property
    def recognised(self) -> int:
        return self.by_stage[RECOGNISED]


@dataclass
class YearFigures:
    year: int
    stages: StageCounts
    inspected_first_half: int = 0
    inspected_second_half: int = 0
    inspected_year: int = 0
    admitted: int = 0

    def share(self, count: int) -> str:
        return charts.percent_text(count, self.stages.total)

    @property
    def indicators(self) -> list[tuple[str, int, str]]:
        """(label, count, percent) of the grassroots units, in the order of the cycle."""
        s = self.stages
        return [
            ("Đã đăng ký", s.registered, self.share(s.registered)),
            ("Đã tự đánh giá", s.self_assessed, self.share(s.self_assessed)),
            ("Đã thẩm định", s.reviewed, self.share(s.reviewed)),
            ("Đạt “Đoàn cơ sở 3 chủ động”", s.recognised, self.share(s.recognised)),
        ]

    @property
    def inspections(self) -> list[tuple[str, int, str]]:
        return [
            ("Được kiểm tra 6 tháng đầu năm", self.inspected_first_half, self.share(self.inspected_first_half)),
            ("Được kiểm tra 6 tháng cuối năm", self.inspected_second_half, self.share(self.inspected_second_half)),
            ("Được kiểm tra trong năm (mọi loại)", self.inspected_year, self.share(self.inspected_year)),
        ]


@dataclass
class UnitLine:
    """A grassroots unit of a district's dashboard and where it stands this year."""

    code: str
    name: str
    stage: int

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage]


def dashboard_context(campaign: Campaign, scope: Unit) -> dict:
    """Figures of `campaign`'s year for the grassroots units in `scope`'s subtree, the years compared, and
    where each unit right below the scope (district) stands. `scope` was checked by the caller."""
    units = list(
        Unit.objects.descendants_of(scope, include_self=True)
        .filter(unit_type__in=GRASSROOTS_TYPES)
        .order_by("path")
        .values_list("pk", "code", "name", "path", "valid_from", "valid_to")
    )
    campaigns = list(Campaign.objects.filter(organiser=campaign.organiser).order_by("year").values_list("pk", "year"))
    years = dict(campaigns)
    registrations = {
        (campaign_pk, unit_pk): status
        for campaign_pk, unit_pk, status in Registration.objects.filter(
            campaign__in=list(years), status__in=REGISTERED_STATUSES
        )
        .in_subtree(scope)
        .filter(unit__unit_type__in=GRASSROOTS_TYPES)
        .order_by()
        .values_list("campaign_id", "unit_id", "status")
    }
    sheets = {
        (campaign_pk, unit_pk): (status, recognised)
        for campaign_pk, unit_pk, status, recognised in Assessment.objects.filter(campaign__in=list(years))
        .in_subtree(scope)
        .filter(unit__unit_type__in=GRASSROOTS_TYPES)
        .order_by()
        .values_list("campaign_id", "unit_id", "status", "recognised")
    }
    inspected = {
        row["year"]: row
        for row in Inspection.objects.current()
        .in_subtree(scope)
        .filter(inspected_unit__unit_type__in=GRASSROOTS_TYPES, year__in=list(years.values()))
        .order_by()
        .values("year")
        .annotate(
            first=Count("inspected_unit", filter=Q(half=1), distinct=True),
            second=Count("inspected_unit", filter=Q(half=2), distinct=True),
            any=Count("inspected_unit", distinct=True),
        )
    }
    members = Member.objects.in_subtree(scope)
    active = members.filter(status=MemberStatus.ACTIVE).count()
    admitted = dict(
        members.filter(admission_decision_date__year__in=list(years.values()))
        .annotate(admission_year=ExtractYear("admission_decision_date"))
        .order_by()
        .values_list("admission_year")
        .annotate(n=Count("pk"))
        .values_list("admission_year", "n")
    )
    children = dict(
        Unit.objects.filter(depth=scope.depth + 1)
        .descendants_of(scope, include_self=True)
        .values_list("path", "name")
        .order_by()
    )

    figures, current_lines, by_child = [], [], {}
    for campaign_pk, year in campaigns:
        stages = StageCounts(label=str(year))
        for unit_pk, code, name, path, valid_from, valid_to in units:
            sheet = sheets.get((campaign_pk, unit_pk))
            if sheet is None and not exists_in_year(valid_from, valid_to, year):
                continue
            stage = unit_stage(registrations.get((campaign_pk, unit_pk)), *(sheet or (None, False)))
            stages.by_stage[stage] += 1
            if campaign_pk == campaign.pk:
                current_lines.append(UnitLine(code=code, name=name, stage=stage))
                child = Unit.ancestor_path_of(path, scope.depth + 1)
                label = children.get(child, scope.name) if child != path else scope.name
                by_child.setdefault(label, StageCounts(label=label)).by_stage[stage] += 1
        row = inspected.get(year, {})
        figures.append(
            YearFigures(
                year=year,
                stages=stages,
                inspected_first_half=row.get("first", 0),
                inspected_second_half=row.get("second", 0),
                inspected_year=row.get("any", 0),
                admitted=admitted.get(year, 0),
            )
        )
    current = next(f for f in figures if f.year == campaign.year)
    districts = sorted(by_child.values(), key=lambda counts: counts.label)
    return {
        "campaign": campaign,
        "scope": scope,
        "is_province": scope.pk == campaign.organiser_id,
        "current": current,
        "years": figures,
        "districts": districts,
        "unit_lines": current_lines,
        "stage_labels": STAGE_LABELS,
        "active_members": active,
        "charts": _charts(current, figures, districts, scope),
        "title": f"Tổng quan năm {campaign.year} – {scope.name}",
    }


def _charts(current: YearFigures, figures: list[YearFigures], districts: list[StageCounts], scope: Unit) -> dict:
    total = current.stages.total
    series = [
        (label, [charts.percent(count_of(f.stages), f.stages.total) for f in figures])
        for label, count_of in (
            ("Đã đăng ký", lambda s: s.registered),
            ("Đã tự đánh giá", lambda s: s.self_assessed),
            ("Đã thẩm định", lambda s: s.reviewed),
            ("Đạt", lambda s: s.recognised),
        )
    ]
    return {
        "cycle": charts.bar_chart(
            f"Đơn vị cơ sở năm {current.year} ({total} đơn vị)",
            [
                charts.Bar(label, count, total)
                for label, count in zip(CHART_LABELS, (count for _, count, _ in current.indicators), strict=True)
            ],
        ),
        "inspections": charts.bar_chart(
            f"Đơn vị cơ sở được kiểm tra năm {current.year}",
            [
                charts.Bar(label, count, total)
                for label, count in zip(INSPECTION_LABELS, (count for _, count, _ in current.inspections), strict=True)
            ],
        ),
        "years": charts.grouped_bar_chart(
            "So sánh các năm (tỷ lệ đơn vị cơ sở)", [str(f.year) for f in figures], series
        ),
        "stages": charts.stacked_bar_chart(
            f"Tiến độ hiện nay – {scope.name}", STAGE_LABELS, [(d.label, d.by_stage) for d in districts]
        ),
    }
