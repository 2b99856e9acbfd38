"""Export of the imported members to Excel versus openpyxl's write-only mode writing the same rows."""

import io
import time

from openpyxl import Workbook


def run(report, unit) -> None:
    from members.exporting import export_members, member_rows
    from members.models import Member

    members = Member.objects.in_subtree(unit).order_by("sort_key", "pk")
    start = time.perf_counter()
    export_members(members, title="DANH SÁCH")
    ours = time.perf_counter() - start

    rows = list(member_rows(members))
    start = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    for row in rows:
        sheet.append(row)
    workbook.save(io.BytesIO())
    baseline = time.perf_counter() - start

    report("export_100k_s", ours, f"s ({len(rows):,} rows)")
    report("export_ratio", round(ours / baseline, 2))
