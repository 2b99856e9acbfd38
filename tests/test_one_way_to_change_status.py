"""One way to change a status: only common/workflow.py writes a `status` (through `transition`).

Creating a row in its first state is not a change, so `Model(status=…)`, `objects.create(status=…)` and
`bulk_create` stay allowed; what is refused is assigning `.status` (also inside a tuple or via setattr) and
writing `status` through `.update(…)` or `.bulk_update(…, ["status"])`. A `setattr` whose name is computed
(`setattr(record, name, value)`) is refused too, since the name may be "status": fields named at run time are
set through `common.workflow.set_fields`, which refuses "status".
"""

import ast
from pathlib import Path

import pytest

from tests.app_code import ROOT, code_files

APPS = ("branches", "members", "criteria", "evaluations", "common", "config")
THE_ONE_WAY = Path("common/workflow.py")
# The one place that sets a status on a row before it exists: the demo's bulk builder gives each unsaved row the
# state it is then bulk-created in (that is creating a row, not changing it; `_apply` refuses a saved row), with the
# StatusEvents of its steps checked against the workflow table by `_replay`.
CREATES_ROWS = {(Path("evaluations/cycle/demo_builder.py"), "setattr(obj, name, value)")}


def status_writes(source: str) -> list[int]:
    """The line numbers where `source` changes a status other than by creating a row."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_is_status_attribute(target) for target in targets):
                lines.append(node.lineno)
        elif isinstance(node, ast.Call) and _writes_status(node):
            lines.append(node.lineno)
    return sorted(lines)


def _is_status_attribute(target) -> bool:
    if isinstance(target, ast.Tuple | ast.List):
        return any(_is_status_attribute(element) for element in target.elts)
    if isinstance(target, ast.Starred):
        return _is_status_attribute(target.value)
    return isinstance(target, ast.Attribute) and target.attr == "status"


def _writes_status(call: ast.Call) -> bool:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    if name == "update":
        # .update(status=…) and .update(**{"status": …})
        return any(
            keyword.arg == "status" or (keyword.arg is None and _mentions_status(keyword.value))
            for keyword in call.keywords
        )
    if name == "bulk_update":
        return any(_mentions_status(value) for value in [*call.args, *(k.value for k in call.keywords)])
    if name == "setattr":
        # Only a constant name is known not to be "status"; a computed one (a variable, an f-string) may be.
        attribute = call.args[1] if len(call.args) >= 2 else None
        if attribute is None or any(isinstance(arg, ast.Starred) for arg in call.args[:2]):
            return True
        return (
            not (isinstance(attribute, ast.Constant) and isinstance(attribute.value, str))
            or attribute.value == "status"
        )
    return False


def _mentions_status(node) -> bool:
    return any(isinstance(child, ast.Constant) and child.value == "status" for child in ast.walk(node))


def app_files() -> list[Path]:
    return code_files(APPS, leave_out={THE_ONE_WAY})


def _findings() -> list[tuple[Path, int, str]]:
    found = []
    for path in app_files():
        source = (ROOT / path).read_text(encoding="utf-8")
        lines = source.splitlines()
        found += [(path, line, lines[line - 1].strip()) for line in status_writes(source)]
    return found


def test_no_app_code_changes_a_status_outside_the_workflow():
    found = [f"{path}:{line}" for path, line, text in _findings() if (path, text) not in CREATES_ROWS]
    assert found == [], "Đổi trạng thái ngoài common.workflow.transition: " + ", ".join(found)


def test_the_row_creating_exception_still_stands_where_it_is_written():
    assert {(path, text) for path, _, text in _findings()} >= CREATES_ROWS


def test_the_scan_covers_the_apps_and_the_workflow_really_writes_status():
    files = app_files()
    assert Path("members/importing/jobs.py") in files and Path("evaluations/cycle/services/sheets.py") in files
    assert THE_ONE_WAY not in files
    assert status_writes((ROOT / THE_ONE_WAY).read_text(encoding="utf-8"))  # the scanner sees the one way


@pytest.mark.parametrize(
    "source",
    [
        "job.status = 'x'",
        "self.status = Status.DONE",
        "job.status, job.message = 'x', ''",
        "job.processed_rows, (job.status, job.x) = 0, ('a', 1)",
        "job.status += 'x'",
        "job.status: str = 'x'",
        "Job.objects.filter(pk=1).update(status='x')",
        "Job.objects.filter(pk=1).update(message='', status=F('x'))",
        "qs.update(**{'status': 'x'})",
        "Job.objects.bulk_update(jobs, ['status', 'message'])",
        "Job.objects.bulk_update(jobs, fields=('status',))",
        "setattr(job, 'status', 'x')",
        "setattr(record, name, value)",
        "setattr(record, f'{name}_sample', value)",
        "setattr(record, 'a' if x else 'b', value)",
        "setattr(*pair, value)",
    ],
)
def test_a_status_change_is_found(source):
    assert status_writes(source) == [1]


@pytest.mark.parametrize(
    "source",
    [
        "if job.status == 'x': pass",
        "ok = job.status != 'x'",
        "status = job.status",
        "Job(status='x')",
        "Job.objects.create(status='x')",
        "Job.objects.bulk_create([Job(status='x')])",
        "Job.objects.filter(status='x').update(message='')",
        "Job.objects.exclude(status__in=('a', 'b')).update(file='')",
        "Job.objects.bulk_update(jobs, ['message'])",
        "transition(obj=job, to='x', by=None)",
        "response.status_code = 404",
        "setattr(record, 'title', x)",
        "getattr(record, name)",
    ],
)
def test_reading_filtering_and_creating_are_not_changes(source):
    assert status_writes(source) == []


def test_the_scanner_flags_a_computed_or_status_setattr_but_not_a_constant_other_name():
    source = "setattr(record, name, value)\nsetattr(record, 'status', x)\nsetattr(record, 'title', x)\n"
    assert status_writes(source) == [1, 2]
