"""Settings for `make mutate`: the test settings with an SQLite test database kept in a file, so that mutmut's run
for each mutant (`--reuse-db`) does not migrate a fresh in-memory database first (6 s each)."""

from config.test_settings import *  # noqa: F403
from config.test_settings import BASE_DIR

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "mutation.sqlite3",
        "TEST": {"NAME": BASE_DIR / "mutation-test.sqlite3"},
    }
}
