"""Point Django at a throwaway database before anything imports the settings.

SQLite by default (a file in a temporary folder); with BENCH_DATABASE_URL=postgres://user@host:port/name the
bench creates a fresh PostgreSQL database next to `name` (never `name` itself) and drops it at the end.
"""

import contextlib
import os
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def configure(database_url: str) -> None:
    """Use `database_url` as the database and the test settings (fast hasher, no throttling); never the real one."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.test_settings"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    name = str(settings.DATABASES["default"]["NAME"])
    assert name.startswith("bench_") or Path(name).name == "bench.sqlite3", "the bench must never touch a real database"


@contextlib.contextmanager
def throwaway_database(folder: Path):
    """Yields the URL of an empty database: SQLite in `folder`, or a new PostgreSQL database dropped afterwards."""
    server = os.environ.get("BENCH_DATABASE_URL", "")
    if not server:
        yield f"sqlite:///{folder / 'bench.sqlite3'}"
        return
    import psycopg

    parts = urlsplit(server)
    name = f"bench_{uuid.uuid4().hex[:12]}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
