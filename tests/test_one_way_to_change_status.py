"""One way to change a status: only common/workflow.py writes a `status` (through `transition`).

Creating a row in its first state is not a change, so `Model(status=…)`, `objects.create(status=…)` and
`bulk_create` stay allowed; what is refused is assigning `.status` (also inside a tuple or via setattr) and
writing `status` through `.update(…)` or `.bulk_update(…, ["status"])`.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("branches", "members", "criteria", "evaluations", "common", "config")
THE_ONE_WAY = Path("common/workflow.py")


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
        return len(call.args) >= 2 and _mentions_status(call.args[1])
    return False


def _mentions_status(node) -> bool:
    return any(isinstance(child, ast.Constant) and child.value == "status" for child in ast.walk(node))


def _is_app_code(path: Path) -> bool:
    parts = path.parts
    return not ("migrations" in parts or path.name.startswith("test") or path == THE_ONE_WAY)


def app_files() -> list[Path]:
    return sorted(
        path.relative_to(ROOT)
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if _is_app_code(path.relative_to(ROOT))
    )


def test_no_app_code_changes_a_status_outside_the_workflow():
    found = [
        f"{path}:{line}" for path in app_files() for line in status_writes((ROOT / path).read_text(encoding="utf-8"))
    ]
    assert found == [], "Đổi trạng thái ngoài common.workflow.transition: " + ", ".join(found)


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
    ],
)
def test_reading_filtering_and_creating_are_not_changes(source):
    assert status_writes(source) == []
