"""One measured run in a fresh process, so its peak memory is its own: `python -m bench.child MODE DB_URL FILE CODE`.

MODE import: the real import path (read, validate every row, write with history) into unit CODE, while another
connection saves a member every 0.2 s (the longest wait of those saves, and how many failed).
MODE floor: read the same file with python-calamine and bulk_create the rows, no validation.
Prints one JSON object: seconds, peak_mb, rows (and for import save_wait_max_s, saves, saves_failed).
"""

import io
import json
import resource
import sys
import threading
import time
from pathlib import Path

from bench.setup import configure


def run_import(data: bytes, code: str, saves: dict) -> int:
    from branches.models import Unit
    from members.importing.matching import plan_import
    from members.importing.workbook import read_table
    from members.importing.writing import write_import

    plan = plan_import(table=read_table(data), unit=Unit.objects.get(code=code))
    if plan.problems:
        raise SystemExit(f"the bench workbook has problems: {plan.problems[:3]}")
    # While the rows are written, another connection saves a member of another unit every 0.2 s, as officers
    # do meanwhile; on SQLite each save waits for the import's write lock.
    done = threading.Event()
    saver = threading.Thread(target=_save_meanwhile, args=(code, done, saves))
    saver.start()
    try:
        return write_import(plan=plan, by=None, source_name="bench.xlsx").created
    finally:
        done.set()
        saver.join()


def _save_meanwhile(code: str, done: threading.Event, saves: dict) -> None:
    from django.db import OperationalError, connection, transaction

    from members.models import Member

    pk = Member.objects.exclude(unit__code__startswith=code).values_list("pk", flat=True).first()
    try:
        while not done.wait(0.2):
            start = time.perf_counter()
            try:
                with transaction.atomic():
                    Member.objects.filter(pk=pk).update(phone="0912345678")
            except OperationalError:
                saves["failed"] += 1
            saves["waits"].append(time.perf_counter() - start)
    finally:
        connection.close()


def run_floor(data: bytes, code: str) -> int:
    from django.db import transaction
    from python_calamine import CalamineWorkbook

    from branches.models import Unit
    from members.models import Member

    unit_ids = dict(Unit.objects.filter(code__startswith=code + "-").values_list("code", "pk"))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()[2:]
    members = [
        Member(
            unit_id=unit_ids[r[10]],
            full_name=r[1],
            birth_date=r[2],
            gender=r[3],
            ethnicity=r[4],
            religion=r[5],
            id_number=r[6],
            card_number=r[7],
            joined_date=r[8],
            joined_place=r[9],
            education=r[11],
            occupation=r[12],
            phone=r[13],
            residence=r[14],
            is_party_member=r[15] == "Có",
            status="nhap_tho",
        )
        for r in rows
    ]
    with transaction.atomic():
        Member.objects.bulk_create(members, batch_size=2000)
    return len(members)


def main(mode: str, db: str, file: str, code: str) -> None:
    configure(db)
    data = Path(file).read_bytes()
    saves = {"waits": [], "failed": 0}
    start = time.perf_counter()
    rows = run_import(data, code, saves) if mode == "import" else run_floor(data, code)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"seconds": seconds, "peak_mb": peak_mb, "rows": rows}
    if mode == "import":
        result |= {"save_wait_max_s": max(saves["waits"], default=0.0), "saves": len(saves["waits"])}
        result["saves_failed"] = saves["failed"]
    print(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:5])
