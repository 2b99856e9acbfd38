"""Export of the imported members to Excel versus openpyxl's write-only mode writing the same rows.

Each side runs twice, alternately, and keeps its faster run: the first run of either pays for a cold cache.
"""

import io
import time

from openpyxl import Workbook

RUNS = 2


def _baseline(rows) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    for row in rows:
        sheet.append(row)
    workbook.save(io.BytesIO())


def _timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def run(report, unit) -> None:
    from members.exporting import export_members, member_rows
    from members.models import Member

    members = Member.objects.in_subtree(unit).order_by("sort_key", "pk")
    rows = list(member_rows(members))
    ours, baseline = [], []
    for _ in range(RUNS):
        ours.append(_timed(lambda: export_members(members, title="DANH SÁCH")))
        baseline.append(_timed(_baseline, rows))
    report("export_100k_s", min(ours), f"s ({len(rows):,} rows)")
    report("export_ratio", round(min(ours) / min(baseline), 2))
