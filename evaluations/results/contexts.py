"""Context builders of the results, the calibration and the printed forms: every query they need, done here.

The renderers (evaluations/results/exports.py and the templates) take these contexts and make no queries of their own.
Every list starts from the user's scope (`visible_to`); the management command passes a unit's subtree instead.
A results table costs a fixed number of queries whatever its length (grassroots units are joined to their sheet
and registration of the year by FilteredRelation; their reviewing superiors come from one query over paths).
"""

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, FilteredRelation, Q

from branches.models import (
    GRASSROOTS_TYPES,
    SUPERIOR_TYPES,
    Unit,
    UnitType,
    user_assignments,
)
from branches.permissions import can_view_unit
from criteria.models import ItemKind
from criteria.scoring import format_number
from criteria.specs import load_set
from evaluations.cycle import permissions
from evaluations.cycle.models import Answer, Assessment, Campaign, FormStatus, RecognitionDecision, RecognitionEntry

from . import calibration

PAGE_SIZE = 100
NO_SHEET = "none"
NO_SHEET_LABEL = "Chưa lập phiếu"
NO_REGISTRATION_LABEL = "Chưa đăng ký"
NOT_REACHED = "khong_dat"
NOT_REACHED_LABEL = "Không đạt"
DRAFT_MARK = "DỰ THẢO"

SHEET_STATUS_CHOICES = [
    (NO_SHEET, NO_SHEET_LABEL),
    (FormStatus.DRAFT, FormStatus.DRAFT.label),
    (FormStatus.SUBMITTED, "Chờ thẩm định"),
    (FormStatus.RETURNED, FormStatus.RETURNED.label),
    (FormStatus.APPROVED, FormStatus.APPROVED.label),
]
REGISTRATION_STATUS_CHOICES = [
    (NO_SHEET, NO_REGISTRATION_LABEL),
    (FormStatus.DRAFT, FormStatus.DRAFT.label),
    (FormStatus.SUBMITTED, FormStatus.SUBMITTED.label),
    (FormStatus.RETURNED, FormStatus.RETURNED.label),
    (FormStatus.ACCEPTED, FormStatus.ACCEPTED.label),
]
_SHEET_LABELS = dict(SHEET_STATUS_CHOICES)
_REGISTRATION_LABELS = dict(REGISTRATION_STATUS_CHOICES)
_ROW_FIELDS = (
    "pk", "code", "name", "path", "sheet__pk", "sheet__status", "sheet__self_total", "sheet__review_total",
    "sheet__max_total", "sheet__level_code", "sheet__level_name", "sheet__recognised", "reg__status",
)  # fmt: skip


@dataclass(frozen=True)
class ResultRow:
    """One grassroots unit of a results table: its registration and sheet of the year."""

    unit_pk: int
    code: str
    name: str
    superior_name: str
    registration_status: str  # a FormStatus value, or NO_SHEET
    status: str  # a FormStatus value, or NO_SHEET
    assessment_pk: int | None
    self_total: Decimal | None
    review_total: Decimal | None
    max_total: Decimal | None
    level_code: str
    level_name: str
    level_short: str = ""  # "Xuất sắc", "Đạt", "Không đạt": for narrow cells
    recognised_by: str = ""  # "Quyết định số … ngày …" that recognised the unit (results page only)

    @property
    def status_label(self) -> str:
        return _SHEET_LABELS[self.status]

    @property
    def registration_label(self) -> str:
        return _REGISTRATION_LABELS[self.registration_status]

    @property
    def is_approved(self) -> bool:
        return self.status == FormStatus.APPROVED

    @property
    def level_label(self) -> str:
        """The level of an approved review ("Không đạt" when none is reached); empty before approval."""
        return (self.level_name or NOT_REACHED_LABEL) if self.is_approved else ""

    @property
    def difference(self) -> Decimal | None:
        if self.self_total is None or self.review_total is None:
            return None
        return self.review_total - self.self_total

    # Vietnamese number text for the page ("93,5"), made here: a template filter per cell costs more on 100 rows.
    @property
    def self_text(self) -> str:
        return format_number(self.self_total) if self.self_total is not None else "—"

    @property
    def review_text(self) -> str:
        return format_number(self.review_total) if self.review_total is not None else "—"

    @property
    def difference_text(self) -> str:
        difference = self.difference
        if not difference:
            return ""
        return f"+{format_number(difference)}" if difference > 0 else format_number(difference)


@dataclass(frozen=True)
class ResultFilters:
    district: Unit | None = None
    status: str = ""
    registration: str = ""
    level: str = ""
    q: str = ""

    @property
    def active(self) -> bool:
        return bool(self.district or self.status or self.registration or self.level or self.q)


# --- scope and filters ----------------------------------------------------------------------------------------


def year_units(campaign: Campaign, units):
    """Grassroots units of the campaign's tree among `units` that existed in its year or have a sheet for it."""
    start, end = datetime.date(campaign.year, 1, 1), datetime.date(campaign.year, 12, 31)
    in_year = (Q(valid_from__isnull=True) | Q(valid_from__lte=end)) & (Q(valid_to__isnull=True) | Q(valid_to__gt=start))
    return (
        units.descendants_of(campaign.organiser, include_self=True)
        .filter(unit_type__in=GRASSROOTS_TYPES)
        .annotate(
            sheet=FilteredRelation("assessments", condition=Q(assessments__campaign=campaign)),
            reg=FilteredRelation("registrations", condition=Q(registrations__campaign=campaign)),
        )
        .filter(in_year | Q(sheet__pk__isnull=False))
    )


def superior_units(campaign: Campaign) -> list[Unit]:
    """Every reviewing unit of the campaign's tree (the province included), by name (one query)."""
    units = Unit.objects.descendants_of(campaign.organiser, include_self=True).filter(unit_type__in=SUPERIOR_TYPES)
    return list(units.order_by("search_text").only("pk", "path", "code", "name", "unit_type"))


def district_choices(user, superiors: list[Unit]) -> list[Unit]:
    """The reviewing units (district level and the like) below the user's scope, from `superior_units`."""
    return [unit for unit in superiors if unit.unit_type != UnitType.PROVINCE and can_view_unit(user, unit)]


def get_district_for_user(user, campaign: Campaign, pk) -> Unit:
    """A reviewing unit of the campaign's tree that the user sees (404 for anything else, a sibling's included)."""
    return permissions.get_reviewing_unit_for_user(user, campaign, pk)


def parse_filters(user, campaign: Campaign, params, levels=None) -> ResultFilters:
    district_pk = params.get("don_vi")
    levels = {c for c, _ in (levels if levels is not None else level_choices(campaign))}
    statuses = dict(SHEET_STATUS_CHOICES)
    status, registration, level = params.get("trang_thai", ""), params.get("dang_ky", ""), params.get("muc", "")
    return ResultFilters(
        district=get_district_for_user(user, campaign, district_pk) if district_pk else None,
        status=status if status in statuses else "",
        registration=registration if registration in _REGISTRATION_LABELS else "",
        level=level if level in levels else "",
        q=(params.get("q") or "").strip()[:100],
    )


def level_choices(campaign: Campaign, levels=None) -> list[tuple[str, str]]:
    levels = levels if levels is not None else campaign.criteria_set.levels.all()
    return [*((level.code, level.name) for level in levels), (NOT_REACHED, NOT_REACHED_LABEL)]


def level_short_names(levels) -> dict[str, str]:
    """{level code: short name} for narrow table cells ("Xuất sắc", "Đạt"); "" stands for not reached."""
    return {**{level.code: level.short_name or level.name for level in levels}, "": NOT_REACHED_LABEL}


def filter_units(units, filters: ResultFilters):
    if filters.district is not None:
        units = units.descendants_of(filters.district)
    if filters.q:
        units = units.search(filters.q)
    if filters.status == NO_SHEET:
        units = units.filter(sheet__pk__isnull=True)
    elif filters.status:
        units = units.filter(sheet__status=filters.status)
    if filters.registration == NO_SHEET:
        units = units.filter(reg__pk__isnull=True)
    elif filters.registration:
        units = units.filter(reg__status=filters.registration)
    if filters.level == NOT_REACHED:
        units = units.filter(sheet__status=FormStatus.APPROVED, sheet__level_code="")
    elif filters.level:
        units = units.filter(sheet__status=FormStatus.APPROVED, sheet__level_code=filters.level)
    return units


# --- rows -----------------------------------------------------------------------------------------------------


def superior_names(campaign: Campaign, superiors: list[Unit] | None = None) -> dict[str, str]:
    """{path: name} of every reviewing unit of the campaign's tree (one query unless `superiors` is given)."""
    return {unit.path: unit.name for unit in (superiors if superiors is not None else superior_units(campaign))}


def superior_of(path: str, superiors: dict) -> str | None:
    """The path of the nearest reviewing unit above `path` among `superiors` (keyed by path)."""
    for end in range(len(path) - Unit.steplen, 0, -Unit.steplen):
        if path[:end] in superiors:
            return path[:end]
    return None


def result_rows(units, superiors: dict[str, str], short_names: dict[str, str] | None = None):
    """ResultRow for each unit of an annotated `year_units` QuerySet, in tree order (one query)."""
    short_names = short_names or {}
    for values in units.order_by("path").values(*_ROW_FIELDS).iterator(chunk_size=1000):
        superior = superior_of(values["path"], superiors)
        yield ResultRow(
            unit_pk=values["pk"],
            code=values["code"],
            name=values["name"],
            superior_name=superiors[superior] if superior else "",
            registration_status=values["reg__status"] or NO_SHEET,
            status=values["sheet__status"] or NO_SHEET,
            assessment_pk=values["sheet__pk"],
            self_total=values["sheet__self_total"],
            review_total=values["sheet__review_total"] if values["sheet__status"] == FormStatus.APPROVED else None,
            max_total=values["sheet__max_total"],
            level_code=values["sheet__level_code"] or "",
            level_name=values["sheet__level_name"] or "",
            level_short=short_names.get(values["sheet__level_code"] or "", ""),
        )


def summary(units) -> dict:
    """Counts of the filtered table by sheet status, and how many are recognised (one query)."""
    return units.aggregate(
        total=Count("pk"),
        no_sheet=Count("pk", filter=Q(sheet__pk__isnull=True)),
        in_progress=Count("pk", filter=Q(sheet__status__in=[FormStatus.DRAFT, FormStatus.RETURNED])),
        submitted=Count("pk", filter=Q(sheet__status=FormStatus.SUBMITTED)),
        approved=Count("pk", filter=Q(sheet__status=FormStatus.APPROVED)),
        recognised=Count("pk", filter=Q(sheet__status=FormStatus.APPROVED, sheet__recognised=True)),
    )


def scope_label(user, filters: ResultFilters) -> str:
    if filters.district is not None:
        return filters.district.name
    units = [a.unit for a in user_assignments(user)]
    return units[0].name if len(units) == 1 else "Trong phạm vi của bạn"


def results_page_context(user, campaign: Campaign, params) -> dict:
    """The results table of a year for the user's scope: filtered, one page of rows, and the counts."""
    level_rows = list(campaign.criteria_set.levels.all())
    levels = level_choices(campaign, level_rows)
    filters = parse_filters(user, campaign, params, levels)
    units = filter_units(year_units(campaign, Unit.objects.visible_to(user)), filters)
    counts = summary(units)
    paginator = Paginator(units.order_by("path").values_list("pk", flat=True), PAGE_SIZE)
    paginator.count = counts["total"]  # the summary counted the same rows: spare the paginator's COUNT
    page = paginator.get_page(params.get("trang"))
    superiors = superior_units(campaign)
    rows = result_rows(
        units.filter(pk__in=list(page.object_list)), superior_names(campaign, superiors), level_short_names(level_rows)
    )
    return {
        **recognitions_context(user, campaign, filters, list(rows)),
        "campaign": campaign,
        "filters": filters,
        "scope_name": scope_label(user, filters),
        "districts": district_choices(user, superiors),
        "levels": levels,
        "sheet_statuses": SHEET_STATUS_CHOICES,
        "registration_statuses": REGISTRATION_STATUS_CHOICES,
        "page": page,
        "summary": counts,
        "can_see_calibration": permissions.can_see_calibration(user, campaign.organiser),
    }


def recognitions_context(user, campaign: Campaign, filters: ResultFilters, rows: list[ResultRow]) -> dict:
    """The year's recognition decisions the user sees (of the filtered reviewing unit), the user's reviewing units
    still to issue theirs, and each row with the decision that recognised its unit (two queries, and the roles)."""
    decisions = RecognitionDecision.objects.visible_to(user).filter(campaign=campaign).select_related("issuer")
    if filters.district is not None:
        decisions = decisions.filter(issuer=filters.district)
    decisions = decisions.annotate(recognised=Count("entries")).order_by("issuer__search_text")
    entries = RecognitionEntry.objects.filter(decision__campaign=campaign, unit_id__in=[row.unit_pk for row in rows])
    cited = {e.unit_id: e.decision.short_citation for e in entries.select_related("decision__issuer")}
    issuers = {
        a.unit.pk: a.unit
        for a in user_assignments(user)
        if a.unit.is_superior_type
        and a.unit.path.startswith(campaign.organiser.path)
        and permissions.can_issue_decisions(user, a.unit)
    }
    decisions = list(decisions)
    for decision in decisions:
        issuers.pop(decision.issuer_id, None)
    return {
        "recognitions": decisions,
        # a closed year's reviewing units of the user that have not issued their decision yet
        "issuers": [] if campaign.is_open else list(issuers.values()),
        "rows": [replace(row, recognised_by=cited.get(row.unit_pk, "")) if row.is_approved else row for row in rows],
    }


# --- the Excel table (page export and management command) -----------------------------------------------------


@dataclass(frozen=True)
class ItemColumn:
    key: tuple  # ("", code) for an item of the set; (superior path, code) for a local item
    header: str
    kind: str


def item_columns(campaign: Campaign, answers: list[tuple], superiors: dict[str, str]) -> list[ItemColumn]:
    """One column per item of the set, then the local items of each reviewing unit, group by group."""
    criteria_set = load_set(campaign.criteria_set_id)
    columns = [
        (group.number, 0, "", index, ItemColumn(("", item.code), f"TC {item.code}", item.kind))
        for group in criteria_set.groups.all()
        for index, item in enumerate(group.items.all())
    ]
    local = {}
    for _unit, code, kind, _points, _check, group_number, is_local, superior in answers:
        if is_local and (superior, code) not in local:
            name = superiors.get(superior, "")
            local[(superior, code)] = (
                group_number,
                1,
                name,
                code,
                ItemColumn((superior, code), f"{code} ({name})", kind),
            )
    columns.extend(local.values())
    return [entry[-1] for entry in sorted(columns, key=lambda entry: entry[:4])]


def review_scores(campaign: Campaign, units, superiors: dict[str, str]) -> tuple[list[ItemColumn], dict]:
    """Item columns and {unit pk: {column key: review score}} of the approved sheets among `units` (two queries)."""
    rows = (
        Answer.objects.filter(
            assessment__campaign=campaign,
            assessment__status=FormStatus.APPROVED,
            assessment__unit__in=units.values("pk"),
        )
        .order_by()
        .values_list(
            "assessment__unit_id", "item_code", "kind", "review_points", "review_check", "group_number", "is_local",
            "assessment__unit__path",
        )
    )  # fmt: skip
    answers = []
    for unit_pk, code, kind, points, check, group_number, is_local, path in rows:
        superior = superior_of(path, superiors) if is_local else ""
        answers.append((unit_pk, code, kind, points, check, group_number, is_local, superior))
    scores: dict[int, dict] = {}
    for unit_pk, code, kind, points, check, _group, _is_local, superior in answers:
        value = (None if check is None else "Đạt" if check else "Không đạt") if kind == ItemKind.CHECK else points
        scores.setdefault(unit_pk, {})[(superior, code)] = value
    return item_columns(campaign, answers, superiors), scores


def results_export_context(campaign: Campaign, units, *, scope_name: str, filters: ResultFilters | None = None) -> dict:
    """Everything the results workbook needs: all rows of `units` (a `year_units` QuerySet) and item scores."""
    superiors = superior_names(campaign)
    columns, scores = review_scores(campaign, units, superiors)
    title_lines = [f"KẾT QUẢ XÂY DỰNG “ĐOÀN CƠ SỞ 3 CHỦ ĐỘNG” NĂM {campaign.year}", scope_name]
    if filters is not None and filters.active:
        title_lines.append("Danh sách đã lọc theo điều kiện chọn trên cổng.")
    title_lines.append("Điểm từng tiêu chí là điểm thẩm định của các phiếu đã thẩm định.")
    return {
        "campaign": campaign,
        "title_lines": title_lines,
        "rows": result_rows(units, superiors),
        "item_columns": columns,
        "scores": scores,
    }


def user_results_export_context(user, campaign: Campaign, params) -> dict:
    filters = parse_filters(user, campaign, params)
    units = filter_units(year_units(campaign, Unit.objects.visible_to(user)), filters)
    return results_export_context(campaign, units, scope_name=scope_label(user, filters), filters=filters)


def subtree_results_export_context(campaign: Campaign, unit: Unit) -> dict:
    """The table of every grassroots unit in `unit`'s subtree (the management command; no user scope)."""
    units = year_units(campaign, Unit.objects.descendants_of(unit, include_self=True))
    return results_export_context(campaign, units, scope_name=unit.name)


# --- calibration ----------------------------------------------------------------------------------------------


def calibration_context(campaign: Campaign) -> dict:
    """Per reviewing unit of the province: approved reviews, mean difference review − self, spread and outliers."""
    superior_list = superior_units(campaign)
    superiors = superior_names(campaign, superior_list)
    sheets = (
        Assessment.objects.in_subtree(campaign.organiser)
        .filter(campaign=campaign, status=FormStatus.APPROVED, self_total__isnull=False, review_total__isnull=False)
        .order_by("unit__path")
        .values_list("pk", "unit__name", "unit__path", "self_total", "review_total", "max_total")
    )
    reviews = []
    for pk, name, path, self_total, review_total, max_total in sheets:
        reviews.append(
            calibration.Review(
                key=pk,
                name=name,
                group=superior_of(path, superiors),
                self_total=self_total,
                review_total=review_total,
                max_total=max_total or campaign.criteria_set.max_total,
            )
        )
    groups = [(unit.path, unit.name) for unit in superior_list if unit.path != campaign.organiser.path]
    if any(review.group == campaign.organiser.path for review in reviews):
        groups.append((campaign.organiser.path, superiors[campaign.organiser.path]))
    result = calibration.calibrate(reviews, groups)
    pks = {unit.path: unit.pk for unit in superior_list}
    names = dict(groups)
    return {
        "campaign": campaign,
        "calibration": result,
        "rows": [{"stats": stats, "unit_pk": pks.get(stats.key)} for stats in result.groups],
        "outliers": [
            {"review": o.review, "reasons": o.reasons, "group_name": names.get(o.review.group, "")}
            for o in result.outliers
        ],
        "rules": calibration.rule_lines(),
    }
