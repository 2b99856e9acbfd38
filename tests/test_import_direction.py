"""Imports point one way (STYLE.md, "Where code goes"): branches ← members ← evaluations → criteria, common imports
no app, inside evaluations/ the topic packages follow the direction its docstring draws, and the modules of a package
do not import each other in a circle.

Every import counts, also one inside a function: moving an import into a function hides a cycle from Python at
start-up, not from this test. An import names a module; `from package import name` names the submodule when there
is one, else the package.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
APPS = ("common", "branches", "criteria", "members", "evaluations")

# What a group of modules may import besides itself: a group is an app or a package inside one (a module belongs to
# the longest group naming it), so a rule for a subpackage, e.g. "evaluations.results", can be added beside its app.
OTHER_APPS = {"common", "branches", "criteria", "members"}
EVALUATIONS_PACKAGES = {
    "evaluations.cycle",
    "evaluations.inspections",
    "evaluations.results",
    "evaluations.commendations",
}
EVALUATIONS_SHARED = {"evaluations.errors", "evaluations.files", "evaluations.uploads"}
ALLOWED = {
    "common": set(),
    "branches": {"common"},
    "criteria": {"common", "branches"},
    "members": {"common", "branches"},
    "evaluations": {"common", "branches", "criteria", "members", *EVALUATIONS_PACKAGES, *EVALUATIONS_SHARED},
    # evaluations/__init__.py: inspections ← cycle ← {results, commendations}, commendations → inspections; what
    # they share sits at the app root (errors, files, uploads), which imports none of them.
    "evaluations.errors": {"common"},
    "evaluations.files": set(),
    "evaluations.uploads": {"common", "evaluations.errors"},
    "evaluations.inspections": {*OTHER_APPS, *EVALUATIONS_SHARED},
    "evaluations.cycle": {*OTHER_APPS, *EVALUATIONS_SHARED, "evaluations.inspections"},
    "evaluations.results": {*OTHER_APPS, *EVALUATIONS_SHARED, "evaluations.cycle", "evaluations.inspections"},
    "evaluations.commendations": {*OTHER_APPS, *EVALUATIONS_SHARED, "evaluations.cycle", "evaluations.inspections"},
}
# Packages whose modules must import one another one way only.
ACYCLIC = ("members", "evaluations")


def module_files(package: str) -> dict[str, Path]:
    """Every module of `package` (an app directory under ROOT) by dotted name; a package by its own name."""
    modules = {}
    for path in sorted((ROOT / package.replace(".", "/")).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules that the module `name` (stored at `path`) imports, wherever the import statement stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return found


def import_graph(*packages: str) -> dict[str, set[str]]:
    """Module → the modules it imports, for every module of `packages`."""
    files = {name: path for package in packages for name, path in module_files(package).items()}
    known = set(files)
    for app in APPS:
        known.update(module_files(app))
    return {name: imports_of(name, path, known) for name, path in files.items()}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import one another in a circle (strongly connected components), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while not component or component[-1] != node:
                component.append(stack.pop())
            if len(component) > 1 or node in graph[node]:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


def group_of(module: str, groups) -> str | None:
    """The longest group that is `module` or a package holding it."""
    holding = [group for group in groups if module == group or module.startswith(f"{group}.")]
    return max(holding, key=len, default=None)


def wrong_way(graph: dict[str, set[str]], allowed: dict[str, set[str]]) -> list[str]:
    """ "module → imported module" for every import that `allowed` does not let the module's group make."""
    found = []
    for module, targets in sorted(graph.items()):
        source = group_of(module, allowed)
        for target in sorted(targets):
            group = group_of(target, allowed)
            if source is not None and group is not None and group != source and group not in allowed[source]:
                found.append(f"{module} → {target}")
    return found


@pytest.mark.parametrize("package", ACYCLIC)
def test_modules_of_a_package_import_one_another_one_way(package):
    graph = import_graph(package)
    inside = {name: {t for t in targets if t in graph} for name, targets in graph.items()}
    assert find_cycles(inside) == []


def test_apps_import_one_another_in_the_allowed_direction():
    assert wrong_way(import_graph(*APPS), ALLOWED) == []


def test_every_app_of_the_project_is_checked_and_has_a_rule():
    ours = {config.name for config in apps.get_app_configs() if (ROOT / config.name).is_dir()}
    assert ours == set(APPS)
    assert set(APPS) <= set(ALLOWED) and all(group_of(group, APPS) for group in ALLOWED)


def test_the_checker_reports_a_circle_and_passes_a_one_way_graph():
    circle = {"p.a": {"p.b"}, "p.b": {"p.c"}, "p.c": {"p.a", "q.x"}, "p.d": {"p.a"}, "p.e": {"p.e"}}
    assert find_cycles(circle) == [["p.a", "p.b", "p.c"], ["p.e"]]
    one_way = {"p.a": {"p.b", "p.c"}, "p.b": {"p.c"}, "p.c": set(), "p.d": {"p.a", "p.c"}}
    assert find_cycles(one_way) == []


def test_the_checker_reports_an_import_against_the_rules():
    allowed = {"low": set(), "high": {"low"}, "high.sub": {"high"}}
    graph = {"low.a": {"high.b", "django.db"}, "high.b": {"low.a", "high.sub.c"}, "high.sub.c": {"high.b", "low.a"}}
    assert wrong_way(graph, allowed) == ["high.b → high.sub.c", "high.sub.c → low.a", "low.a → high.b"]


def test_the_checker_sees_imports_inside_functions_and_relative_ones(tmp_path):
    path = tmp_path / "jobs.py"
    path.write_text("from . import service\n\ndef run():\n    from ..tasks import job\n    import common.text\n")
    known = {"members.importing.service", "members.tasks"}
    assert imports_of("members.importing.jobs", path, known) == {
        "members.importing.service",
        "members.tasks",
        "common.text",
    }
