"""Build the pure scoring structures from the database (the only bridge between models and criteria.scoring)."""

from django.db.models import Prefetch

from .changes import LEVEL_FIELDS, SET_FIELDS, Snapshot
from .models import CriteriaGroup, CriteriaItem, CriteriaSet, LocalItem
from .scoring import GroupSpec, ItemSpec, LevelSpec, SetSpec


def load_set(pk) -> CriteriaSet:
    """A set with its groups, current items and levels fetched in four queries."""
    return CriteriaSet.objects.prefetch_related(
        Prefetch("groups", queryset=CriteriaGroup.objects.prefetch_related("items")), "levels"
    ).get(pk=pk)


def item_spec(item: CriteriaItem | LocalItem, *, is_local=False) -> ItemSpec:
    return ItemSpec(code=item.code, max_points=item.max_points, kind=item.kind, is_local=is_local, text=item.text)


def set_spec(criteria_set: CriteriaSet, local_items=()) -> SetSpec:
    """The structure of `criteria_set`, with `local_items` (LocalItem rows) appended to their groups."""
    spec = SetSpec(
        max_total=criteria_set.max_total,
        groups=tuple(
            GroupSpec(
                number=group.number,
                title=group.title,
                max_points=group.max_points,
                items=tuple(item_spec(item) for item in group.items.all()),
            )
            for group in criteria_set.groups.all()
        ),
        levels=tuple(
            LevelSpec(
                code=level.code,
                name=level.name,
                min_total=level.min_total,
                min_group_ratio=level.min_group_ratio,
                short_name=level.short_name,
            )
            for level in criteria_set.levels.all()
        ),
    )
    by_group: dict[int, list[ItemSpec]] = {}
    for local in local_items:
        by_group.setdefault(local.group_number, []).append(item_spec(local, is_local=True))
    return spec.with_local_items(by_group) if by_group else spec


def spec_for_unit(criteria_set: CriteriaSet, unit, year: int) -> SetSpec:
    """What a grassroots unit is scored on in `year`: the set plus its reviewing superior's local items."""
    local_items = LocalItem.objects.for_grassroots(unit, year).filter(period_code=criteria_set.code)
    return set_spec(criteria_set, local_items)


def set_snapshot(criteria_set: CriteriaSet) -> Snapshot:
    """A set (loaded with `load_set`) as plain values, for `changes.set_changes`."""
    fields = {name: getattr(criteria_set, name) for name in SET_FIELDS}
    groups, items = {}, {}
    for group in criteria_set.groups.all():
        groups[group.number] = {"title": group.title, "max_points": group.max_points}
        for item in group.items.all():
            items[item.code] = {
                "group": group.number,
                "text": item.text,
                "evidence": item.evidence,
                "kind": item.get_kind_display(),
                "max_points": item.max_points,
            }
    levels = {level.code: {name: getattr(level, name) for name in LEVEL_FIELDS} for level in criteria_set.levels.all()}
    return Snapshot(fields=fields, groups=groups, items=items, levels=levels)
