"""Production settings: `check --deploy` is clean with real values and flags the development defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _check_deploy(**env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DJANGO_SETTINGS_MODULE",
            "SECRET_KEY",
            "DEBUG",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    base.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_check_deploy_is_clean_with_production_values():
    result = _check_deploy(
        DEBUG="0", SECRET_KEY="k" * 20 + "0123456789abcdefghijABCDEFGHIJ!@#$%", ALLOWED_HOSTS="3cd.example.vn"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_check_deploy_flags_the_development_key_and_empty_hosts():
    result = _check_deploy(DEBUG="0")
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout
    assert "security.W020" in result.stderr + result.stdout


def test_database_url_selects_postgresql(monkeypatch):
    import environ

    config = environ.Env.db_url_config("postgres://u:p@db.example:5432/portal")
    assert config["ENGINE"] == "django.db.backends.postgresql" and config["NAME"] == "portal"


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "vi" and settings.TIME_ZONE == "Asia/Ho_Chi_Minh" and settings.USE_TZ


def test_dates_render_dd_mm_yyyy():
    import datetime

    from django.utils import formats, translation

    with translation.override("vi"):
        assert formats.date_format(datetime.date(2026, 1, 5), "SHORT_DATE_FORMAT") == "05/01/2026"
