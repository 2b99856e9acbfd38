"""One way to scope by the unit tree: the scoping mixin of branches (branches.models.UnitScopingMixin, used through
branches.scoping.UnitScopedQuerySet and Unit.objects).

Outside branches/, app code reads a subtree with `visible_to(user)`, `in_subtree(unit)`, `in_subtrees(units)`,
`Unit.objects.descendants_of(unit)` and the like, and a tree with `visible_in_trees_of(user)` / `at_root_of(unit)`;
it walks paths with the named helpers (`unit.parent_path`, `unit.root_path`, `Unit.ancestor_path_of`). Refused: a
call to `subtree_q`, `subtree_range` or `user_scope_paths`, any lookup on a `path` field (`path__range=`,
`unit__path__startswith=`, `organiser__path=`, also as a `**{…}` key), and any subscript of a `.path` attribute
(`unit.path[: Unit.steplen]`). Comparing paths in Python (`unit.path.startswith(other.path)`) is not a filter and
is not refused. bench/ measures SQL and may write it raw.
"""

import ast
import re
from pathlib import Path

import pytest

from tests.app_code import ROOT, code_files

APPS = ("members", "criteria", "evaluations", "common", "config")
THE_ONE_WAY = Path("branches/models.py")
RAW_HELPERS = frozenset({"subtree_q", "subtree_range", "user_scope_paths"})
_PATH_LOOKUP = re.compile(r"(^|__)path(__|$)")


def raw_scoping(source: str) -> list[int]:
    """The line numbers where `source` scopes by the tree without the scoping mixin."""
    return sorted(node.lineno for node in ast.walk(ast.parse(source)) if _is_raw_scoping(node))


def _is_raw_scoping(node) -> bool:
    if isinstance(node, ast.Call):
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        return name in RAW_HELPERS
    if isinstance(node, ast.keyword):
        return node.arg is not None and bool(_PATH_LOOKUP.search(node.arg))
    if isinstance(node, ast.Dict):
        return any(_is_path_lookup_key(key) for key in node.keys)
    if isinstance(node, ast.Subscript):
        return isinstance(node.value, ast.Attribute) and node.value.attr == "path"
    return False


def _is_path_lookup_key(key) -> bool:
    """A dict key that names a lookup through a path: "unit__path__range", f"{prefix}path__range"."""
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return "__" in key.value and bool(_PATH_LOOKUP.search(key.value))
    if isinstance(key, ast.JoinedStr):
        text = "".join(part.value for part in key.values if isinstance(part, ast.Constant))
        return bool(_PATH_LOOKUP.search(text))
    return False


def test_no_app_code_scopes_by_the_tree_outside_the_scoping_mixin():
    found = []
    for path in code_files(APPS):
        source = (ROOT / path).read_text(encoding="utf-8")
        found += [f"{path}:{line}" for line in raw_scoping(source)]
    assert found == [], "Lọc theo đường dẫn đơn vị ngoài branches (dùng visible_to/in_subtree…): " + ", ".join(found)


def test_the_scan_covers_the_apps_and_sees_the_one_way():
    files = code_files(APPS)
    assert Path("members/filters.py") in files and Path("evaluations/results/dashboard.py") in files
    assert not any(path.parts[0] == "branches" for path in files)
    assert {path.parent.name for path in ROOT.glob("*/apps.py")} - {"branches"} <= set(APPS)  # a new app is scanned
    assert raw_scoping((ROOT / THE_ONE_WAY).read_text(encoding="utf-8"))  # the scanner sees the mixin's own SQL


@pytest.mark.parametrize(
    "source",
    [
        "Member.objects.filter(subtree_q([unit.path], prefix='unit__'))",
        "low, high = subtree_range(unit.path)",
        "paths = user_scope_paths(user)",
        "q = models.subtree_q(paths)",
        "Unit.objects.filter(path__range=(low, high))",
        "Unit.objects.filter(path__startswith=root.path)",
        "Unit.objects.filter(path__in=paths)",
        "Unit.objects.filter(path__gte=low, depth=2)",
        "Unit.objects.exclude(path__lt=high)",
        "Unit.objects.get(path=root)",
        "Campaign.objects.filter(organiser__path=root, year=2026)",
        "RoleAssignment.objects.filter(unit__path__startswith=root)",
        "Q(inspected_unit__path__range=bounds)",
        "qs.filter(**{'unit__path__range': bounds})",
        "in_scope = {'unit__path__range': bounds, 'unit__unit_type__in': types}",
        "qs.filter(**{f'{prefix}path__range': bounds})",
        "root = unit.path[: Unit.steplen]",
        "parent = form.unit.path[:-4]",
        "first = unit.path[0]",
    ],
)
def test_raw_scoping_is_found(source):
    assert raw_scoping(source) == [1]


@pytest.mark.parametrize(
    "source",
    [
        "Member.objects.in_subtree(unit)",
        "Member.objects.visible_to(user).in_subtree(unit).filter(status='x')",
        "forms.in_subtrees([a.unit for a in assignments])",
        "Unit.objects.descendants_of(unit, include_self=True).filter(depth=3)",
        "Campaign.objects.at_root_of(unit).filter(status='open')",
        "Campaign.objects.visible_in_trees_of(user)",
        "Unit.objects.parents_of(units).values_list('path', 'name')",
        "units.order_by('depth', 'path')",
        "parent = unit.parent_path",
        "root = unit.root_path",
        "below = Unit.ancestor_path_of(path, 2)",
        "key = unit.path",
        "inside = unit.path.startswith(other.path)",
        "context = {'path': request.path, 'unit__name': 'x'}",
        "redirect(f'{request.path}?nam={year}')",
        "ending = os.path.splitext(name)[1]",
        "Job.objects.filter(file_path='x', paths_seen=1)",
    ],
)
def test_scoping_through_the_mixin_is_not_found(source):
    assert raw_scoping(source) == []
