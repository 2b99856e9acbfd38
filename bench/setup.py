"""Point Django at a throwaway SQLite file before anything imports the settings."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure(db_path: Path) -> None:
    """Use `db_path` as the database and the test settings (fast hasher, no throttling); never db.sqlite3."""
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.test_settings"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    assert Path(settings.DATABASES["default"]["NAME"]) == db_path, "the bench must never touch the real database"
