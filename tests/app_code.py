"""The project's own app code, for the tests that scan it for one way of doing a thing."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def code_files(apps, *, leave_out=()) -> list[Path]:
    """The Python files of `apps`, relative to the project root: no migrations, no test modules, none of `leave_out`."""
    files = (path.relative_to(ROOT) for app in apps for path in (ROOT / app).rglob("*.py"))
    return sorted(
        path
        for path in files
        if "migrations" not in path.parts and not path.name.startswith("test") and path not in leave_out
    )
