"""Run as a script on a fresh SQLite file (DATABASE_URL): one thread holds the write lock as a large import does
while others save members; prints how many saves failed. Used by test_import_sqlite_lock.py."""

import datetime
import os
import sys
import threading
import time

import django

HOLD_SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 6.0  # past SQLite's default 5 s busy timeout


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import OperationalError, connection, transaction

    from branches.models import Unit, UnitType
    from members.models import Member

    call_command("migrate", verbosity=0)
    unit = Unit.add_root(code="DL", name="Tỉnh đoàn", unit_type=UnitType.PROVINCE, short_name="T", doc_code="Đ")
    members = [
        Member.objects.create(
            unit=unit, full_name=f"Nguyễn Văn {i}", birth_date=datetime.date(2000, 1, 1), gender="nam"
        )
        for i in range(3)
    ]
    connection.close()
    holding, failures = threading.Event(), []

    def long_write():
        with transaction.atomic():  # IMMEDIATE: takes the write lock at once, as the import's insert does
            Member.objects.bulk_create(
                [
                    Member(
                        unit=unit,
                        full_name=f"Lê Thị {i}",
                        birth_date=datetime.date(2001, 1, 1),
                        gender="nu",
                        name_search=f"le thi {i}",
                    )
                    for i in range(2000)
                ]
            )
            holding.set()
            time.sleep(HOLD_SECONDS)
        connection.close()

    def save(member):
        holding.wait()
        try:
            with transaction.atomic():
                member.phone = "0912345678"
                member.save()
        except OperationalError as error:
            failures.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=long_write)] + [threading.Thread(target=save, args=(m,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"failed={len(failures)} saved={Member.objects.filter(phone='0912345678').count()}")


if __name__ == "__main__":
    main()
