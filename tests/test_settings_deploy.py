"""Production settings: `check --deploy` is clean with real values and flags the development defaults; the documented
gunicorn command gives long documents time to finish."""

import os
import re
import runpy
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


def _project_settings(monkeypatch, **env) -> dict:
    """config/settings.py evaluated afresh under `env` (the variables it reads and are not given are unset)."""
    for key in ("DATABASE_URL", "EMAIL_URL", "EMAIL_HOST", "EMAIL_BACKEND", "ALLOWED_HOSTS", "DEBUG", "CONN_MAX_AGE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(ROOT / "config" / "settings.py"))


def test_database_url_selects_postgresql_with_its_credentials(monkeypatch):
    database = _project_settings(monkeypatch, DATABASE_URL="postgres://doan:bi%40mat@db.example:5433/portal")[
        "DATABASES"
    ]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("portal", "doan", "bi@mat")
    assert (database["HOST"], database["PORT"]) == ("db.example", 5433)
    assert database["CONN_HEALTH_CHECKS"] is True  # kept connections are checked before use
    assert "init_command" not in database.get("OPTIONS", {})  # the SQLite pragmas stay on SQLite


def test_without_database_url_the_portal_uses_the_sqlite_file_in_wal_mode(monkeypatch):
    database = _project_settings(monkeypatch)["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == ROOT / "db.sqlite3"
    assert "PRAGMA journal_mode=WAL" in database["OPTIONS"]["init_command"]


def test_email_url_and_allowed_hosts_are_read_from_the_environment(monkeypatch):
    settings = _project_settings(
        monkeypatch,
        EMAIL_URL="smtp+tls://thu:mk@smtp.example.vn:587",
        ALLOWED_HOSTS="3chudong.daklak.gov.vn,www.3chudong.daklak.gov.vn",
    )
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (settings["EMAIL_HOST"], settings["EMAIL_PORT"], settings["EMAIL_USE_TLS"]) == ("smtp.example.vn", 587, True)
    assert settings["ALLOWED_HOSTS"] == ["3chudong.daklak.gov.vn", "www.3chudong.daklak.gov.vn"]
    assert settings["DEBUG"] is False and settings["SESSION_COOKIE_SECURE"] is True


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "vi" and settings.TIME_ZONE == "Asia/Ho_Chi_Minh" and settings.USE_TZ


def test_dates_render_dd_mm_yyyy():
    import datetime

    from django.utils import formats, translation

    with translation.override("vi"):
        assert formats.date_format(datetime.date(2026, 1, 5), "SHORT_DATE_FORMAT") == "05/01/2026"


def test_the_documented_gunicorn_command_waits_for_a_large_rounds_certificates():
    # The decision and certificates of a round of thousands of units take minutes; gunicorn's default is 30 s.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"gunicorn config\.wsgi[^`\n]*", readme)
    assert commands
    for command in commands:
        timeout = re.search(r"--timeout (\d+)", command)
        assert timeout and int(timeout.group(1)) >= 300, command
    assert "proxy_read_timeout 300s" in readme
