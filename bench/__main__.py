"""`make bench`: every benchmark on generated data in a throwaway database; prints `name = value unit`.

The database is SQLite, or PostgreSQL with BENCH_DATABASE_URL=postgres://user@host:port/any (a database of
its own is created on that server and dropped at the end); the first line names the engine.

BENCH_MEMBERS (default 200,000) members are spread over 1,000 chi đoàn before the page benchmarks; the import
and export benchmarks then use BENCH_IMPORT_ROWS (default 100,000) rows. The yearly-cycle benchmarks (bench/
evaluations.py) run last, on a second province of 1,000 grassroots units with three years of evaluations;
`python -m bench evaluations` runs only those.
"""

import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.setup import ROOT, configure, throwaway_database

MEMBERS = int(os.environ.get("BENCH_MEMBERS", "200000"))
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "15"))


def report(name: str, value, unit: str = "") -> None:
    text = f"{value:.1f}" if isinstance(value, float) else str(value)
    print(f"{name} = {text} {unit}".rstrip(), flush=True)


def note(text: str) -> None:
    print(f"# {text}", file=sys.stderr, flush=True)


def main() -> None:
    only_evaluations = sys.argv[1:] == ["evaluations"]
    with tempfile.TemporaryDirectory(prefix="bench-") as folder, throwaway_database(Path(folder)) as db:
        configure(db)
        from django.core.management import call_command
        from django.db import connection

        report("database", connection.vendor)

        call_command("migrate", verbosity=0)
        # Load every view now: the pages are measured minutes later, against the code as it was at the start.
        from django.urls import get_resolver

        get_resolver().resolve("/")
        if not only_evaluations:
            members(db, Path(folder))
        evaluations()


def members(db: str, folder: Path) -> None:
    from django.db import connection

    from bench import data, pages

    note(f"building {MEMBERS:,} members in {connection.settings_dict['NAME']}")
    started = time.perf_counter()
    province = data.make_units(n_districts=10, grassroots_per_district=10)
    data.make_members(MEMBERS)
    data.analyse()
    note(f"built in {time.perf_counter() - started:.0f} s")
    report("subtree_plan", pages.subtree_plan(province))
    pages.run(report, note, repeat=REPEAT)
    import_and_export(db, folder)


def evaluations() -> None:
    from bench import data
    from bench import evaluations as yearly_cycle

    year = datetime.date.today().year
    note("building 1,000 grassroots units with three years of evaluations")
    started = time.perf_counter()
    data.make_evaluations(closed_years=range(year - 3, year), open_year=year)
    data.analyse()
    note(f"built in {time.perf_counter() - started:.0f} s")
    yearly_cycle.run(report, note, repeat=REPEAT)


def import_and_export(db: str, folder: Path) -> None:
    from bench import data, exports
    from branches.models import Unit, UnitType

    target = _import_target()
    codes = list(
        Unit.objects.filter(unit_type=UnitType.BRANCH, code__startswith=target.code + "-").values_list(
            "code", flat=True
        )
    )
    workbook = folder / "nhap.xlsx"
    workbook.write_bytes(data.import_workbook(IMPORT_ROWS, codes, start_number=50_000_000))
    note(f"{IMPORT_ROWS:,}-row workbook: {workbook.stat().st_size / 1e6:.1f} MB")
    floor = _child("floor", db, workbook, target.code)
    _delete_floor_rows()
    ours = _child("import", db, workbook, target.code)
    suffix = "" if IMPORT_ROWS == 100_000 else f" ({IMPORT_ROWS:,} rows)"
    report("import_100k_s", ours["seconds"], "s" + suffix)
    report("import_floor_s", floor["seconds"], "s")
    report("import_ratio", round(ours["seconds"] / floor["seconds"], 2))
    report("import_peak_mb", ours["peak_mb"], "MB")
    report("import_save_wait_max_s", ours["save_wait_max_s"], f"s (longest of {ours['saves']} saves meanwhile)")
    report("import_saves_failed", ours["saves_failed"])
    exports.run(report, target)


def _import_target():
    """A fresh grassroots unit with ten chi đoàn under the first district, for the import benchmark."""
    from branches.models import Unit, UnitType

    district = Unit.objects.get(code="BT-H01")
    target = Unit.objects.add_child(
        district, instance=Unit(code="BT-NHAP", name="Đoàn xã Nhập thử", unit_type=UnitType.GRASSROOTS)
    )
    for n in range(1, 11):
        target = Unit.objects.get(pk=target.pk)
        Unit.objects.add_child(
            target, instance=Unit(code=f"BT-NHAP-C{n:02d}", name=f"Chi đoàn {n}", unit_type=UnitType.BRANCH)
        )
    return Unit.objects.get(pk=target.pk)


def _child(mode: str, db: str, workbook: Path, code: str) -> dict:
    command = [sys.executable, "-m", "bench.child", mode, db, str(workbook), code]
    output = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def _delete_floor_rows() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM members_member WHERE status = 'nhap_tho'")


if __name__ == "__main__":
    main()
