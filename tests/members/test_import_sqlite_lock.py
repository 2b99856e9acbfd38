"""On SQLite a large import holds the write lock: saves made meanwhile wait for it instead of failing, and showing a
page writes nothing (messages live in a cookie, not in the database session)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import ImportJob
from tests.members.data.workbooks import office_workbook
from tests.members.test_import_views import upload

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_saves_during_a_long_write_on_sqlite_wait_and_none_fails(tmp_path):
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "probe-" + "x" * 50,
        "DEBUG": "0",
    }
    env.pop("SQLITE_TIMEOUT", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "members" / "sqlite_lock_probe.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "failed=0 saved=3"


def test_showing_a_page_with_a_message_writes_nothing_to_the_database(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, office_workbook())
    job = ImportJob.objects.get()
    client.post(reverse("member_import:confirm", args=[job.pk]))  # leaves "Đã thêm 3 đoàn viên…" for the next page
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("member_import:detail", args=[job.pk])).content.decode()
    assert "Đã thêm 3 đoàn viên" in page
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
