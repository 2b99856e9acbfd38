"""Behind the reverse proxy of README step 6 (AXES_PROXY_COUNT=1) each client is throttled by its own address, read
from X-Forwarded-For; without a proxy that header is the client's own word and is ignored."""

import runpy
from pathlib import Path

import pytest
from django.core import checks
from django.urls import reverse

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[1]
PROXY = "127.0.0.1"  # nginx on the same machine: every request reaches gunicorn from here
SPRAYER = "203.113.1.10"
OFFICE = "14.160.2.20"


def _throttling_settings(monkeypatch, **env) -> dict:
    """The AXES_IPWARE_* values config/settings.py derives from `env`."""
    monkeypatch.delenv("AXES_PROXY_COUNT", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    values = runpy.run_path(str(ROOT / "config" / "settings.py"))
    return {key: value for key, value in values.items() if key.startswith("AXES_IPWARE_")}


@pytest.fixture
def axes_on(settings):
    from axes.handlers.proxy import AxesProxyHandler

    settings.AXES_ENABLED = True
    AxesProxyHandler.implementation = None  # pick up the setting
    yield settings
    AxesProxyHandler.implementation = None


@pytest.fixture
def behind_one_proxy(axes_on, monkeypatch):
    for key, value in _throttling_settings(monkeypatch, AXES_PROXY_COUNT="1").items():
        setattr(axes_on, key, value)


@pytest.fixture
def no_proxy(axes_on, monkeypatch):
    axes_on.AXES_IPWARE_PROXY_COUNT = None  # axes.conf's default when config/settings.py leaves it out
    for key, value in _throttling_settings(monkeypatch).items():
        setattr(axes_on, key, value)


def attempt(client, username, password="sai", *, forwarded=None, remote=PROXY):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    data = {"username": username, "password": password}
    return client.post(reverse("login"), data, REMOTE_ADDR=remote, **headers)


def test_behind_the_proxy_a_sprayer_locks_only_its_own_address(world, client, behind_one_proxy):
    for n in range(30):
        attempt(client, f"canbo.{n:02d}", forwarded=SPRAYER)
    assert attempt(client, "bithu.eaphe", PASSWORD, forwarded=SPRAYER).status_code == 429
    assert attempt(client, "bithu.eaphe", PASSWORD, forwarded=OFFICE).status_code == 302


def test_behind_the_proxy_attempts_are_recorded_under_the_clients_address(world, client, behind_one_proxy):
    from axes.models import AccessAttempt

    attempt(client, "bithu.eaphe", forwarded=SPRAYER)
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [SPRAYER]


def test_without_a_proxy_a_forged_header_does_not_choose_the_bucket(world, client, no_proxy):
    for n in range(30):
        attempt(client, f"canbo.{n:02d}", forwarded=f"10.0.{n}.1", remote=SPRAYER)
    assert attempt(client, "bithu.eaphe", PASSWORD, forwarded="10.9.9.9", remote=SPRAYER).status_code == 429
    assert attempt(client, "bithu.eaphe", PASSWORD, remote=OFFICE).status_code == 302


def _warnings():
    return [message.id for message in checks.run_checks(tags=[checks.Tags.security])]


def test_a_proxy_count_without_the_resolver_is_warned_about(behind_one_proxy, monkeypatch):
    import common.checks

    monkeypatch.setattr(common.checks, "ipware_installed", lambda: False)
    assert "common.W001" in _warnings()


def test_no_warning_with_the_resolver(behind_one_proxy):
    assert "common.W001" not in _warnings()  # django-ipware is a dependency (django-axes[ipware])


def test_no_warning_without_a_proxy(no_proxy, monkeypatch):
    import common.checks

    monkeypatch.setattr(common.checks, "ipware_installed", lambda: False)
    assert "common.W001" not in _warnings()
